import { defineStore } from 'pinia';
import type { Role } from '@contracts/roles';

export interface SessionActor {
  userId: string;
  role: Role;
  jurisdiction: string;
}

interface Saved {
  token: string;
  actor: SessionActor;
  displayName: string;
}

// Kept for the browser tab only (sessionStorage): a reload stays signed in, closing the tab signs out.
const KEY = 'safetynet.session';

function load(): Saved | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

export const useSession = defineStore('session', {
  state: () => ({ saved: load(), expired: false }),
  getters: {
    token: (s) => s.saved?.token ?? null,
    actor: (s) => s.saved?.actor ?? null,
    displayName: (s) => s.saved?.displayName ?? '',
    signedIn: (s) => s.saved !== null,
  },
  actions: {
    signIn(saved: Saved) {
      this.saved = saved;
      this.expired = false;
      sessionStorage.setItem(KEY, JSON.stringify(saved));
    },
    /** `expired`: the API refused the token (401), so the login page says why. */
    signOut(expired = false) {
      this.saved = null;
      this.expired = expired;
      sessionStorage.removeItem(KEY);
    },
  },
});

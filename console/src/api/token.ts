import { Role } from '@contracts/roles';
import type { SessionActor } from '../stores/session';

/**
 * Who a pasted token says the person is (sub, role, jurisdiction), to pick the menus; the API
 * verifies the signature on every call, so nothing is trusted from this reading.
 */
export function actorFromToken(token: string): SessionActor | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    );
    const claims = JSON.parse(json) as { sub?: unknown; role?: unknown; jurisdiction?: unknown };
    const role = Role.safeParse(claims.role);
    if (typeof claims.sub !== 'string' || !role.success || typeof claims.jurisdiction !== 'string') return null;
    return { userId: claims.sub, role: role.data, jurisdiction: claims.jurisdiction };
  } catch {
    return null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';

interface Failures {
  /** Failure times (ms) within the window, oldest first. */
  at: number[];
  lockedUntil: number;
}

/** Clients tracked before the oldest are dropped: a flood of addresses cannot grow the map without bound. */
const MAX_CLIENTS = 10_000;

/**
 * Login failure lock-out (等级保护 level 3, AUTH_LOCKOUT_*): failed sign-ins are counted per
 * client within a window; past the limit, that client's failed attempts are refused (429)
 * until the lock-out ends, so guessing is slowed to the limit per lock-out time. A client
 * presenting a valid token is never refused (a township office behind one address is not
 * locked out by one person's mistakes). Password lock-out itself is the identity provider's.
 * In memory, per API process.
 */
@Injectable()
export class LoginLockout {
  private readonly clients = new Map<string, Failures>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Minutes left of the client's lock-out, 0 when not locked. */
  lockedMinutes(client: string, now = Date.now()): number {
    const f = this.clients.get(client);
    return f && f.lockedUntil > now ? Math.ceil((f.lockedUntil - now) / 60_000) : 0;
  }

  /** Records one failure; true when it locks the client out. */
  fail(client: string, now = Date.now()): boolean {
    const limit = this.config.AUTH_LOCKOUT_FAILURES;
    if (limit === 0) return false;
    const windowStart = now - this.config.AUTH_LOCKOUT_WINDOW_MINUTES * 60_000;
    const f = this.clients.get(client) ?? { at: [], lockedUntil: 0 };
    f.at = [...f.at.filter((t) => t > windowStart), now];
    this.clients.delete(client); // re-inserted last: the map's order is least recently failed first
    if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    this.clients.set(client, f);
    if (f.at.length < limit) return false;
    f.lockedUntil = now + this.config.AUTH_LOCKOUT_MINUTES * 60_000;
    f.at = [];
    return true;
  }
}

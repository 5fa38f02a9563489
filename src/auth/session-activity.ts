import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { SessionRepository } from './session.repository';

/** A session's use is written at most this often (a request a second must not be a write a second). */
const WRITE_EVERY_MS = 60_000;
/** Purge of dead sessions: once per this many session writes of this process. */
const PURGE_EVERY = 1_000;

export type SessionState = 'ACTIVE' | 'IDLE' | 'ENDED' | 'TOO_OLD';

/**
 * Session time-out (等级保护 level 3): a token is a session; unused for AUTH_SESSION_IDLE_MINUTES
 * it is refused, and so is one issued more than AUTH_SESSION_MAX_MINUTES ago or signed out.
 * The last use is kept in PostgreSQL (every API process sees it), written at most once a
 * minute per session; so the idle time is enforced to within a minute.
 */
@Injectable()
export class SessionActivity {
  private readonly logger = new Logger(SessionActivity.name);
  /** Sessions this process wrote recently, and when. */
  private readonly written = new Map<string, number>();
  private writes = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SessionRepository) private readonly sessions: SessionRepository,
  ) {}

  async use(token: string, userId: string, issuedAt: number | undefined, now = Date.now()): Promise<SessionState> {
    const maxMs = this.config.AUTH_SESSION_MAX_MINUTES * 60_000;
    if (maxMs > 0 && issuedAt !== undefined && now - issuedAt > maxMs) return 'TOO_OLD';
    const idleMs = this.config.AUTH_SESSION_IDLE_MINUTES * 60_000;
    if (idleMs === 0) return 'ACTIVE';
    const key = sessionKey(token);
    const last = this.written.get(key);
    if (last !== undefined && now - last < Math.min(WRITE_EVERY_MS, idleMs)) return 'ACTIVE';
    if (!(await this.sessions.touch(key, userId, new Date(now), new Date(now - idleMs)))) {
      this.written.delete(key);
      return (await this.sessions.ended(key)) ? 'ENDED' : 'IDLE';
    }
    this.remember(key, now);
    if (++this.writes % PURGE_EVERY === 0) this.purge(now, idleMs);
    return 'ACTIVE';
  }

  /** Signs the session out: the token is refused from now on (by every process within a minute at most). */
  async end(token: string, userId: string): Promise<void> {
    const key = sessionKey(token);
    this.written.delete(key);
    await this.sessions.end(key, userId, new Date());
  }

  private remember(key: string, now: number) {
    this.written.delete(key);
    if (this.written.size >= 10_000) this.written.delete(this.written.keys().next().value!);
    this.written.set(key, now);
  }

  private purge(now: number, idleMs: number) {
    this.sessions
      .purge(new Date(now - Math.max(idleMs, this.config.AUTH_SESSION_MAX_MINUTES * 60_000) - 86_400_000))
      .catch((error: unknown) => this.logger.warn({ err: error }, '清理过期会话记录失败，下次再试'));
  }
}

/** A session's key: the token's SHA-256 (the token itself is never stored). */
export const sessionKey = (token: string): string => createHash('sha256').update(token).digest('hex');

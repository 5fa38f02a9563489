import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../prisma/prisma-client';

/** Sessions' last use (auth_session), keyed by the token's SHA-256. */
@Injectable()
export class SessionRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Marks the session used now, starting it on first use. False when it may not go on: unused
   * since `idleSince`, or ended (signed out); the row is then left as it was.
   */
  async touch(key: string, userId: string, now: Date, idleSince: Date): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ key: string }[]>`
      INSERT INTO auth_session (key, user_id, started_at, last_seen_at) VALUES (${key}, ${userId}, ${now}, ${now})
      ON CONFLICT (key) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
       WHERE auth_session.last_seen_at >= ${idleSince} AND auth_session.ended_at IS NULL
      RETURNING key`;
    return rows.length > 0;
  }

  /** Whether the session was signed out (else it timed out). */
  async ended(key: string): Promise<boolean> {
    const row = await this.prisma.authSession.findUnique({ where: { key }, select: { endedAt: true } });
    return row?.endedAt != null;
  }

  end(key: string, userId: string, now: Date) {
    return this.prisma.$executeRaw`
      INSERT INTO auth_session (key, user_id, started_at, last_seen_at, ended_at) VALUES (${key}, ${userId}, ${now}, ${now}, ${now})
      ON CONFLICT (key) DO UPDATE SET ended_at = EXCLUDED.ended_at`;
  }

  /** Sessions unused since `before` can no longer go on: their rows are dropped. */
  purge(before: Date) {
    return this.prisma.authSession.deleteMany({ where: { lastSeenAt: { lt: before } } });
  }
}

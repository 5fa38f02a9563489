import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory } from '../auth/user-directory';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Actor } from '../core/contracts/roles';
import { PrismaClient } from '../prisma/prisma-client';

/**
 * Whether an open stream's session may still go on, read without touching it: a stream is not
 * a use, so an idle tab still times out. Ended when the person signed out, went idle past
 * AUTH_SESSION_IDLE_MINUTES, passed AUTH_SESSION_MAX_MINUTES since the session started, was
 * disabled, or changed role or jurisdiction. The guard checked all this when the stream opened.
 */
@Injectable()
export class StreamSession {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(UserDirectory) private readonly users: UserDirectory,
  ) {}

  async alive(actor: Actor, sessionKey: string, now = Date.now()): Promise<boolean> {
    const user = await this.users.find(actor.userId);
    if (!user || user.disabled || user.role !== actor.role || user.jurisdictionCode !== actor.jurisdiction)
      return false;
    const session = await this.prisma.authSession.findUnique({
      where: { key: sessionKey },
      select: { startedAt: true, lastSeenAt: true, endedAt: true },
    });
    if (!session) return this.config.AUTH_SESSION_IDLE_MINUTES === 0;
    if (session.endedAt) return false;
    const idleMs = this.config.AUTH_SESSION_IDLE_MINUTES * 60_000;
    if (idleMs > 0 && now - session.lastSeenAt.getTime() > idleMs) return false;
    const maxMs = this.config.AUTH_SESSION_MAX_MINUTES * 60_000;
    return !(maxMs > 0 && now - session.startedAt.getTime() > maxMs);
  }
}

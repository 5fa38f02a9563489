import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../prisma/prisma-client';

export interface KnownUser {
  role: string;
  jurisdictionCode: string;
  /** A department liaison's department (what they see of referrals); null for other roles. */
  department: string | null;
  disabled: boolean;
}

/**
 * The users bearer tokens are checked against, with a short in-process cache so the guard does
 * not read app_user on every request. A change made through this process (disable, re-role)
 * forgets the entry at once; other API replicas see it when their entry expires, so a
 * disable takes effect everywhere within TTL_MS.
 */
@Injectable()
export class UserDirectory {
  static readonly TTL_MS = 5_000;
  private static readonly MAX_ENTRIES = 10_000;
  private readonly cache = new Map<string, { until: number; user: KnownUser | null }>();

  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async find(userId: string): Promise<KnownUser | null> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && hit.until > now) return hit.user;
    const user = await this.prisma.user.findUnique({
      where: { id: userId },
      select: { role: true, jurisdictionCode: true, department: true, disabled: true },
    });
    if (this.cache.size >= UserDirectory.MAX_ENTRIES) this.cache.clear();
    this.cache.set(userId, { until: now + UserDirectory.TTL_MS, user });
    return user;
  }

  forget(userId: string): void {
    this.cache.delete(userId);
  }
}

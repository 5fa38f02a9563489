import { Inject, Injectable } from '@nestjs/common';
import type { UserListQuery } from '../core/contracts/user';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** The columns of a staff account the API shows (never more). */
const shown = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  jurisdictionCode: true,
  department: true,
  disabled: true,
  createdAt: true,
} satisfies Prisma.UserSelect;
export type ShownUser = Prisma.UserGetPayload<{ select: typeof shown }>;

/** Staff accounts (app_user) and the division level their jurisdiction must have. */
@Injectable()
export class UserRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** A page by username, one row more than asked so the caller knows whether another page follows. */
  page(q: UserListQuery): Promise<ShownUser[]> {
    return this.prisma.user.findMany({
      where: { ...(q.role ? { role: q.role } : {}), ...(q.after ? { username: { gt: q.after } } : {}) },
      orderBy: { username: 'asc' },
      take: q.limit + 1,
      select: shown,
    });
  }

  findShown(id: string): Promise<ShownUser | null> {
    return this.prisma.user.findUnique({ where: { id }, select: shown });
  }

  create(tx: Tx, data: Prisma.UserUncheckedCreateInput): Promise<ShownUser> {
    return tx.user.create({ data, select: shown });
  }

  update(tx: Tx, id: string, data: Prisma.UserUncheckedUpdateInput): Promise<ShownUser> {
    return tx.user.update({ where: { id }, data, select: shown });
  }

  /** Enabled security administrators, counted under a lock so two concurrent handovers cannot both see none. */
  async enabledSecurityAdministrators(tx: Tx): Promise<number> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('safetynet.security-administrator-handover'))`;
    return tx.user.count({ where: { role: 'SECURITY_ADMINISTRATOR', disabled: false } });
  }

  divisionLevel(code: string) {
    return this.prisma.division.findUnique({ where: { code }, select: { level: true } });
  }

  /** The demo users the dev token endpoint offers (embedded mode only). */
  demoUsers() {
    return this.prisma.user.findMany({
      orderBy: { username: 'asc' },
      select: { username: true, displayName: true, role: true, jurisdictionCode: true },
    });
  }

  findByUsername(username: string) {
    return this.prisma.user.findUnique({
      where: { username },
      select: { id: true, role: true, jurisdictionCode: true, disabled: true },
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type Prisma, PrismaClient } from '../../prisma/prisma-client';

/** Reads of warnings and their timelines (written by the warning activities, in their transactions). */
@Injectable()
export class WarningRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  page(where: Prisma.WarningWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.warning.findMany({ where, orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.warning.count({ where }),
    ]);
  }

  warning(id: string) {
    return this.prisma.warning.findUnique({ where: { id } });
  }

  timeline(warningId: string) {
    return this.prisma.warningEvent.findMany({ where: { warningId }, orderBy: { id: 'asc' } });
  }

  /** The household's area (the matrix is read by it), when the person is in the registry. */
  async householdArea(householdId: string | null): Promise<string | null> {
    if (householdId === null) return null;
    const h = await this.prisma.household.findUnique({ where: { id: householdId }, select: { area: true } });
    return h?.area ?? null;
  }

  /** The applications a warning's verification opened on the household's behalf. */
  applications(warningId: string) {
    return this.prisma.application.findMany({
      where: { warningId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, category: true, stage: true },
    });
  }

  /** The 一事一议 a complex warning went to. */
  deliberations(warningId: string) {
    return this.prisma.deliberation.findMany({
      where: { sourceKind: 'WARNING', sourceId: warningId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, stage: true, outcome: true },
    });
  }

  /** The referrals a warning became (the department's work items). */
  referrals(warningId: string) {
    return this.prisma.referral.findMany({
      where: { warningId },
      orderBy: { openedAt: 'asc' },
      select: { id: true, entitlement: true, department: true, stage: true, outcome: true },
    });
  }
}

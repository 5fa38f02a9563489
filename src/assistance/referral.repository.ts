import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

/** Per entitlement: persons owed (every referral), delivered, pending (open), declined, overdue (open and escalated). */
export interface CoverageRow {
  entitlement: string;
  department: string;
  owed: number;
  delivered: number;
  pending: number;
  declined: number;
  overdue: number;
}

@Injectable()
export class ReferralRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Coverage of a county (and a category): one GROUP BY over referral, served by the index
   * (county_code, entitlement, stage, outcome). A person is counted once per entitlement and
   * year, by the referral's latest state.
   */
  coverage(countyCode: string, category: string | null): Promise<CoverageRow[]> {
    const byCategory = category === null ? Prisma.empty : Prisma.sql`AND category = ${category}`;
    return this.prisma.$queryRaw<CoverageRow[]>`
      SELECT entitlement, department,
             count(DISTINCT (member_ref, year))::int AS owed,
             count(*) FILTER (WHERE outcome = 'DELIVERED')::int AS delivered,
             count(*) FILTER (WHERE stage <> 'CLOSED')::int AS pending,
             count(*) FILTER (WHERE outcome = 'DECLINED')::int AS declined,
             count(*) FILTER (WHERE stage <> 'CLOSED' AND overdue)::int AS overdue
      FROM referral
      WHERE county_code = ${countyCode} ${byCategory}
      GROUP BY entitlement, department
      ORDER BY entitlement`;
  }

  page(where: Prisma.ReferralWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.referral.findMany({ where, orderBy: [{ openedAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.referral.count({ where }),
    ]);
  }

  referral(id: string) {
    return this.prisma.referral.findUnique({ where: { id } });
  }

  timeline(referralId: string) {
    return this.prisma.referralEvent.findMany({ where: { referralId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  }

  /** The registered member a referral names (its memberRef), for the audited reveal; null for a person outside the registry. */
  member(memberRef: string) {
    if (!/^[0-9a-f-]{36}$/i.test(memberRef)) return Promise.resolve(null);
    return this.prisma.member.findUnique({ where: { id: memberRef }, select: { id: true, idNumberEncrypted: true } });
  }
}

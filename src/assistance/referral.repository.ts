import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../core/contracts/roles';
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

  /** The open referral of a person and entitlement (its open key), if any. */
  openByKey(openKey: string) {
    return this.prisma.referral.findUnique({ where: { openKey }, select: { id: true } });
  }

  /** What a referral from an emergency case needs of it (no name: the masked ID number only). */
  emergencyCase(id: string) {
    return this.prisma.emergencyCase.findUnique({
      where: { id },
      select: { id: true, countyCode: true, townshipCode: true, memberId: true, idNumberMasked: true, area: true },
    });
  }

  /**
   * Why civil affairs referred an emergency case: a line on the referral's timeline (what the
   * liaison reads) and the audit trail, in one transaction; once per referral.
   */
  async noteEmergencyRequest(
    r: { referralId: string; emergencyCaseId: string; target: string; department: string; reason: string },
    actor: Actor,
    requestId: string,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const inserted = await tx.referralEvent.createMany({
        data: [
          {
            referralId: r.referralId,
            eventKey: 'REQUESTED',
            type: 'REQUESTED',
            stage: 'OPEN',
            actor: actor.userId,
            detail: `急难救助案件转介：${r.reason}`,
            at: new Date(),
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return;
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'EMERGENCY_REFERRED',
        targetType: 'EmergencyCase',
        targetId: r.emergencyCaseId,
        reason: r.reason,
        requestId,
        details: { referralId: r.referralId, target: r.target, department: r.department },
      });
    });
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

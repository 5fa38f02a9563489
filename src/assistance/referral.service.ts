import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { liaisonDepartment } from '../auth/department';
import { assertJurisdiction } from '../auth/jurisdiction';
import { DomainError } from '../common/domain-error';
import { refuse } from '../common/refusals';
import { DEPARTMENT_NAMES_ZH, Department } from '../core/contracts/deliberation';
import { jurisdictionScope } from '../common/jurisdiction-scope';
import {
  deliveryIssues,
  ENTITLEMENT_NAMES_ZH,
  type CoverageQuery,
  type Entitlement,
  type ReferralCommand,
  type ReferralListQuery,
  type ReferralState,
  type RevealReferralIdNumber,
} from '../core/contracts/referral';
import type { Actor } from '../core/contracts/roles';
import { referralActUpdate } from '../core/messages';
import { type Prisma, PrismaClient } from '../prisma/prisma-client';
import { PiiCipher } from '../registry/pii-cipher';
import { actorRef, refusalToHttp } from '../temporal/refusal';
import { ReferralRepository } from './referral.repository';

type ReferralRow = Prisma.ReferralGetPayload<object>;

/**
 * Referrals to departments as staff see and act on them. A department liaison sees only their
 * department's referrals in their county (and the masked ID number, nothing else of the
 * person); civil affairs roles see every referral of their jurisdiction.
 */
@Injectable()
export class ReferralService {
  constructor(
    @Inject(ReferralRepository) private readonly referrals: ReferralRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
  ) {}

  /** A referral is in a jurisdiction by its county, or below the county by its township. */
  private within(jurisdiction: string): Prisma.ReferralWhereInput {
    return jurisdictionScope(jurisdiction);
  }

  async list(actor: Actor, q: ReferralListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    const own = liaisonDepartment(actor);
    if (own && q.department && q.department !== own)
      refuse('WRONG_DEPARTMENT', `只能查看本部门（${DEPARTMENT_NAMES_ZH[own]}）的转介事项`);
    const department = own ?? q.department;
    const now = new Date();
    const where: Prisma.ReferralWhereInput = {
      AND: [
        this.within(actor.jurisdiction),
        ...(department ? [{ department }] : []),
        ...(q.county ? [{ countyCode: q.county }] : []),
        ...(q.stage ? [{ stage: q.stage }] : []),
        ...(q.entitlement ? [{ entitlement: q.entitlement }] : []),
        ...(q.enrolledCaseId ? [{ enrolledCaseId: q.enrolledCaseId }] : []),
        ...(q.emergencyCaseId ? [{ emergencyCaseId: q.emergencyCaseId }] : []),
        ...(q.overdue === 'true'
          ? [{ stage: { not: 'CLOSED' }, OR: [{ overdue: true }, { dueAt: { lt: now } }] }]
          : q.overdue === 'false'
            ? [{ overdue: false, OR: [{ dueAt: null }, { dueAt: { gte: now } }, { stage: 'CLOSED' }] }]
            : []),
      ],
    };
    const [rows, total] = await this.referrals.page(where, (q.page - 1) * q.pageSize, q.pageSize);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }

  /** The referral, if the caller may see it, with the caller's department (null outside the liaison role). */
  private async located(actor: Actor, id: string): Promise<{ r: ReferralRow; own: Department | null }> {
    const r = await this.referrals.referral(id);
    if (!r) refuse('NOT_FOUND', `转介事项不存在：${id}`);
    assertJurisdiction(actor, r.townshipCode ?? r.countyCode);
    const own = liaisonDepartment(actor);
    if (own && own !== r.department)
      refuse('WRONG_DEPARTMENT', `该事项由${DEPARTMENT_NAMES_ZH[r.department as Department]}部门办理，不属于本部门`);
    return { r, own };
  }

  async get(actor: Actor, id: string) {
    const { r } = await this.located(actor, id);
    const events = await this.referrals.timeline(id);
    return {
      ...view(r),
      timeline: events.map((e) => ({ type: e.type, stage: e.stage, actor: e.actor, detail: e.detail, at: e.at })),
    };
  }

  /** Feedback (accept, ask, deliver, decline) or civil affairs' answer: the workflow's validator has the last word. */
  async act(actor: Actor, id: string, command: ReferralCommand, requestId: string): Promise<ReferralState> {
    const { r, own: department } = await this.located(actor, id);
    if (r.stage === 'CLOSED') refuse('REFERRAL_CLOSED', '该转介事项已办结，不能再反馈');
    if (command.action === 'DELIVER') {
      const issues = deliveryIssues(
        {
          amountRequired: r.amountRequired,
          periodicity: r.periodicity as 'YEARLY' | 'ONCE',
          entitlement: r.entitlement as Entitlement,
        },
        command,
      );
      if (issues.length > 0)
        refuse(
          'VALIDATION_FAILED',
          '落实情况不完整',
          issues.map((i) => ({ path: i.path, code: 'custom', message: i.message })),
        );
    }
    try {
      return await this.temporal.workflow.getHandle(r.workflowId).executeUpdate(referralActUpdate, {
        args: [{ actor: { ...actorRef(actor), department }, requestId, command }],
      });
    } catch (error) {
      throw refusalToHttp(error, () => new DomainError(409, 'REFERRAL_CLOSED', '该转介事项已办结，不能再反馈'));
    }
  }

  /**
   * The person's full ID number, for the department to deliver an open referral (a liaison
   * otherwise sees the masked form only); the reason is on the audit trail.
   */
  async revealIdNumber(actor: Actor, id: string, body: RevealReferralIdNumber, requestId: string) {
    const { r } = await this.located(actor, id);
    if (r.stage === 'CLOSED') refuse('REFERRAL_CLOSED', '该转介事项已办结，不再提供完整身份证号');
    const member = await this.referrals.member(r.memberRef);
    if (!member) refuse('ID_NUMBER_NOT_HELD');
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'ID_NUMBER_REVEALED',
        targetType: 'Member',
        targetId: member.id,
        reason: body.reason,
        requestId,
        details: { referralId: r.id },
      }),
    );
    return { referralId: r.id, idNumber: this.pii.decrypt(member.idNumberEncrypted) };
  }

  async coverage(actor: Actor, q: CoverageQuery) {
    assertJurisdiction(actor, q.county);
    const rows = await this.referrals.coverage(q.county, q.category ?? null);
    const own = liaisonDepartment(actor);
    return {
      county: q.county,
      category: q.category ?? null,
      items: rows
        .filter((row) => !own || row.department === own)
        .map((row) => ({
          ...row,
          entitlementName: ENTITLEMENT_NAMES_ZH[row.entitlement as Entitlement] ?? row.entitlement,
        })),
    };
  }
}

function view(r: ReferralRow) {
  return {
    id: r.id,
    origin: r.origin,
    entitlement: r.entitlement,
    entitlementName: ENTITLEMENT_NAMES_ZH[r.entitlement as Entitlement] ?? r.entitlement,
    department: r.department,
    departmentName: DEPARTMENT_NAMES_ZH[r.department as Department] ?? r.department,
    // The person as a liaison may see them: the masked ID number only.
    idNumberMasked: r.idNumberMasked,
    enrolledCaseId: r.enrolledCaseId,
    warningId: r.warningId,
    emergencyCaseId: r.emergencyCaseId,
    category: r.category,
    countyCode: r.countyCode,
    townshipCode: r.townshipCode,
    year: r.year,
    // What a delivery must state (the matrix row): the amount, and the period of a yearly entitlement.
    amountRequired: r.amountRequired,
    periodicity: r.periodicity,
    stage: r.stage,
    outcome: r.outcome,
    delivery:
      r.outcome === 'DELIVERED'
        ? {
            what: r.deliveredWhat,
            amount: r.deliveredAmount?.toString() ?? null,
            periodFrom: r.periodFrom?.toISOString().slice(0, 10) ?? null,
            periodTo: r.periodTo?.toISOString().slice(0, 10) ?? null,
            employment:
              r.employmentKind === null
                ? null
                : {
                    kind: r.employmentKind,
                    monthlyWage: r.employmentWage?.toString() ?? '',
                    from: r.employmentFrom?.toISOString().slice(0, 10) ?? null,
                  },
          }
        : null,
    declineReason: r.declineReason,
    dueAt: r.dueAt,
    overdue: r.overdue || (r.stage !== 'CLOSED' && r.dueAt !== null && r.dueAt.getTime() < Date.now()),
    openedAt: r.openedAt,
    closedAt: r.closedAt,
  };
}

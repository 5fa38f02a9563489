import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { appendAudit } from '../../audit/audit-log';
import { SYSTEM_ACTOR } from '../../audit/audit-events';
import { caseOwedEntitlements } from '../../assistance/enrolment-referrals';
import type { Entitlement } from '../../core/contracts/referral';
import { REFERRAL_RECORDS_SOURCE, type AcceptedDecline, type WarningInput } from '../../core/contracts/warning';
import { P } from '../../core/parameter-ids';
import { warningWorkflowId } from '../../core/workflow-ids';
import type { ParameterStore } from '../../policy';
import type { PrismaClient } from '../../prisma/prisma-client';
import { warningWorkflow } from '../../../workflows/warning.workflow';
import { latestReferrals, raiseUndelivered, type Undelivered } from './policy-not-applied';

/** Enrolled cases per page (one transaction each). */
export const POLICY_CHECK_PAGE_SIZE = 100;

export interface PolicyCheckPage {
  countyCode: string;
  /** The day of the check (Beijing time): cases enrolled on it are left to their enrolment's referrals. */
  date: string;
  after: string | null;
}

/**
 * Class (a) (政策未落实, seed 二(三)4) from the referral records, run by the county's daily
 * round: for each enrolled case of the county, what the matrix owes its members today; an owed
 * entitlement never referred (a case enrolled before that matrix version) or whose latest
 * referral the department declined (unless monitoring.accepted_declines accepts such a
 * decline) raises a warning, one open per person and entitlement. The warnings' workflows start
 * after the page's commit (ids derived, so a retried page starts nothing twice).
 */
export function createPolicyNotAppliedActivities(deps: {
  prisma: PrismaClient;
  parameters: ParameterStore;
  temporal?: { client: Client; taskQueue: string };
  pageSize?: number;
}) {
  const { prisma, parameters } = deps;
  return {
    async checkUndeliveredEntitlements(input: PolicyCheckPage): Promise<{ raised: number; next: string | null }> {
      const pageSize = deps.pageSize ?? POLICY_CHECK_PAGE_SIZE;
      const ctx = { date: input.date, county: input.countyCode };
      const accepted = new Set(
        (parameters.lookupTable(P.MONITORING_ACCEPTED_DECLINES, ctx).value as unknown as AcceptedDecline[]).map(
          (r) => r.entitlement,
        ),
      );
      const cases = await prisma.enrolledCase.findMany({
        where: {
          countyCode: input.countyCode,
          status: { not: 'EXITED' },
          createdAt: { lt: new Date(`${input.date}T00:00:00+08:00`) },
          ...(input.after ? { id: { gt: input.after } } : {}),
        },
        orderBy: { id: 'asc' },
        take: pageSize,
        select: { id: true, householdId: true },
      });
      const found: Undelivered[] = [];
      for (const ec of cases) {
        const { owed } = await caseOwedEntitlements(deps, ec.id, new Date(`${input.date}T12:00:00+08:00`));
        if (owed.length === 0) continue;
        const members = await prisma.member.findMany({
          where: { id: { in: [...new Set(owed.map((o) => o.memberRef))] } },
          select: { id: true, idNumberHmac: true, household: { select: { divisionCode: true } } },
        });
        const latest = new Map(
          (await latestReferrals(prisma, [...members.map((m) => m.id)])).map((r) => [
            `${r.member_ref}|${r.entitlement}`,
            r,
          ]),
        );
        for (const o of owed) {
          const m = members.find((x) => x.id === o.memberRef);
          if (!m) continue;
          const last = latest.get(`${o.memberRef}|${o.rule.entitlement}`);
          const finding = !last
            ? 'NOT_REFERRED'
            : last.outcome === 'DECLINED' && !accepted.has(o.rule.entitlement as Entitlement)
              ? 'DECLINED'
              : null;
          if (finding === null) continue;
          found.push({
            memberId: m.id,
            idNumberHmac: m.idNumberHmac,
            householdId: ec.householdId,
            enrolledCaseId: ec.id,
            countyCode: input.countyCode,
            townshipCode: m.household.divisionCode.slice(0, 9),
            entitlement: o.rule.entitlement,
            department: o.rule.department,
            finding,
            referralId: last?.id ?? null,
            referralClosedAt: last?.closed_at ?? null,
          });
        }
      }
      const raised = await prisma.$transaction(async (tx) => {
        const ids: string[] = [];
        for (const u of found) {
          const id = await raiseUndelivered(tx, u, input.date);
          if (id) ids.push(id);
        }
        if (ids.length > 0)
          await appendAudit(tx, {
            ...SYSTEM_ACTOR,
            action: 'POLICY_NOT_APPLIED_CHECKED',
            targetType: 'County',
            targetId: input.countyCode,
            details: { date: input.date, after: input.after, raised: ids },
          });
        return ids.length;
      });
      await startPending(
        prisma,
        deps.temporal,
        cases.map((c) => c.id),
      );
      return { raised, next: cases.length === pageSize ? cases[cases.length - 1]!.id : null };
    },
  };
}

/** Starts the workflow of each class (a) warning of these cases the records raised that has none yet. */
async function startPending(
  prisma: PrismaClient,
  temporal: { client: Client; taskQueue: string } | undefined,
  caseIds: string[],
): Promise<void> {
  const pending = await prisma.warning.findMany({
    where: { source: REFERRAL_RECORDS_SOURCE, workflowId: null, enrolledCaseId: { in: caseIds } },
  });
  if (pending.length === 0) return;
  if (!temporal) throw new Error('预警工作流需要 Temporal 客户端');
  for (const w of pending) {
    const input: WarningInput = {
      warningId: w.id,
      warningClass: 'POLICY_NOT_APPLIED',
      source: REFERRAL_RECORDS_SOURCE,
      countyCode: w.countyCode,
      townshipCode: w.townshipCode,
      enrolledCaseId: w.enrolledCaseId,
      change: null,
    };
    const workflowId = warningWorkflowId(w.id);
    try {
      await temporal.client.workflow.start(warningWorkflow, {
        taskQueue: temporal.taskQueue,
        workflowId,
        args: [input],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    await prisma.warning.update({ where: { id: w.id }, data: { workflowId } });
  }
}

export type PolicyNotAppliedActivities = ReturnType<typeof createPolicyNotAppliedActivities>;

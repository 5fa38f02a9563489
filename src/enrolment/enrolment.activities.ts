import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { auditActorOf, SYSTEM_ACTOR } from '../audit/audit-events';
import { cstDate } from '../core/clock';
import { appendAudit } from '../audit/audit-log';
import type { ApplicationCategory } from '../core/contracts/application';
import type { ActorRef } from '../core/contracts/determination';
import type {
  EnrolledStatus,
  PaymentInstructionInput,
  RecheckEngineResult,
  RecheckReason,
  RecheckResult,
} from '../core/contracts/enrolment';
import type { HouseholdFacts } from '../core/contracts/household-facts';
import { recheckWorkflowId } from '../core/workflow-ids';
import type { Determination } from '../core/contracts/policy-determination';
import type { TaskSpec } from '../core/contracts/task';
import { evaluateHousehold, PARAMETER_IDS, refusalReasonsZh, type ParameterStore, type TimeLimit } from '../policy';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import { addMonths, monthOf } from '../core/months';
import { drillNotice } from '../common/drill-notice';
import { lifecycleNoticeText } from './notices';
import { planValidity, type PlannedValidity } from './validity';
import { isStable, planPhaseOutEnd, planRecheckDue, recheckParameter } from './plans';
import { LiveCalendar } from '../calendar/live-calendar';
import { paidMonthly } from '../core/entitlements';
import { syncStatisticTasks } from '../policy-api/statistic-tasks';

// Kept here too: callers import them from the activities.
export { isStable, recheckParameter };

/** YYYY-MM-DD HH:mm of an instant, in CST. */
const cstMinute = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const plain = (v: unknown): Prisma.InputJsonValue => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

const notConfigured = (error: unknown) =>
  ApplicationFailure.create({
    type: 'PARAMETER_NOT_IN_FORCE',
    message: String((error as Error).message),
    nonRetryable: true,
  });

/** Activities of the enrolled-case and recheck workflows, built from their dependencies (rule 5). Each is idempotent. */
export function createEnrolmentActivities(deps: {
  prisma: PrismaClient;
  parameters: ParameterStore;
  calendar?: LiveCalendar;
  /** After a recheck that keeps the case: what its members are newly owed is referred (regular assistance). */
  onCaseKept?: (kept: {
    enrolledCaseId: string;
    recheckId: string;
    membersIncluded: string[] | null;
  }) => Promise<unknown>;
}) {
  const { prisma, parameters } = deps;
  const calendar = deps.calendar ?? new LiveCalendar(prisma);

  /** A phase-out starting at `from` in a county: the workflow plans it and the notice states it, from the same parameter. */
  function phaseOutEnd(from: string, county: string): { endsAt: string; months: number; unit: TimeLimit['unit'] } {
    try {
      const { endsAt, months, unit } = planPhaseOutEnd(parameters, { from, county });
      return { endsAt, months, unit };
    } catch (error) {
      throw notConfigured(error);
    }
  }

  async function factsOf(enrolledCaseId: string) {
    const c = await prisma.enrolledCase.findUniqueOrThrow({
      where: { id: enrolledCaseId },
      select: { applicationId: true, category: true, countyCode: true },
    });
    const app = await prisma.application.findUniqueOrThrow({
      where: { id: c.applicationId },
      select: { facts: true, factsVersion: true },
    });
    if (!app.facts)
      throw ApplicationFailure.create({
        type: 'FACTS_MISSING',
        message: `在保案件 ${enrolledCaseId} 没有家庭经济状况数据`,
        nonRetryable: true,
      });
    return { ...c, facts: app.facts as unknown as HouseholdFacts, factsVersion: app.factsVersion };
  }

  return {
    /** The case read model's status, with its audit row. */
    async recordCaseStatus(u: {
      enrolledCaseId: string;
      status: EnrolledStatus;
      eventKey: string;
      event: string;
      reason: string | null;
      actor?: { userId: string; role: string } | null;
      requestId?: string | null;
      phaseOutEndsAt?: string | null;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.enrolledCase.update({
          where: { id: u.enrolledCaseId },
          data: {
            status: u.status,
            ...(u.phaseOutEndsAt !== undefined
              ? { phaseOutEndsAt: u.phaseOutEndsAt ? new Date(u.phaseOutEndsAt) : null }
              : {}),
          },
        });
        await appendAudit(tx, {
          ...auditActorOf(u.actor),
          action: `ENROLLED_CASE_${u.event}`,
          targetType: 'EnrolledCase',
          targetId: u.enrolledCaseId,
          reason: u.reason,
          requestId: u.requestId ?? null,
          details: { status: u.status, eventKey: u.eventKey },
        });
      });
    },

    /** When the next periodic recheck is due: interval by category and stability, from the parameters. */
    async planRecheck(r: {
      enrolledCaseId: string;
      category: ApplicationCategory;
      from: string;
      county: string;
    }): Promise<{ dueAt: string; months: number; stable: boolean }> {
      const { facts } = await factsOf(r.enrolledCaseId);
      let planned: ReturnType<typeof planRecheckDue>;
      try {
        planned = planRecheckDue(parameters, { category: r.category, facts, from: r.from, county: r.county });
      } catch (error) {
        throw notConfigured(error);
      }
      const { dueAt, months, stable } = planned;
      await prisma.enrolledCase.update({ where: { id: r.enrolledCaseId }, data: { nextRecheckAt: new Date(dueAt) } });
      return { dueAt, months, stable };
    },

    /**
     * A 刚性支出 recognition's period from `from` (its start, or the end of the period it
     * renews) and the day its renewal recheck opens; the case shows the renewal as its next recheck.
     */
    async planValidity(r: { enrolledCaseId: string; from: string; county: string }): Promise<PlannedValidity> {
      let planned: PlannedValidity;
      try {
        planned = planValidity(parameters, await calendar.current(), r);
      } catch (error) {
        throw notConfigured(error);
      }
      await prisma.enrolledCase.update({
        where: { id: r.enrolledCaseId },
        data: { nextRecheckAt: new Date(planned.renewalAt) },
      });
      return planned;
    },

    /** The end of a phase-out that starts now: at most the parameter's maximum (6 months). */
    async planPhaseOut(r: { from: string; county: string }): Promise<{ endsAt: string; months: number }> {
      const { endsAt, months } = phaseOutEnd(r.from, r.county);
      return { endsAt, months };
    },

    /**
     * The month's payment instruction, once per case and month: the unique key makes a
     * retried (or replayed) activity write nothing twice, and only the first write is audited.
     */
    async recordPaymentInstruction(p: PaymentInstructionInput): Promise<{ created: boolean }> {
      return prisma.$transaction(async (tx) => {
        const id = randomUUID();
        const inserted = await tx.paymentInstruction.createMany({
          data: [
            {
              id,
              enrolledCaseId: p.enrolledCaseId,
              month: p.month,
              amount: p.amount,
              members: p.members,
              countyCode: p.countyCode,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return { created: false };
        await tx.enrolledCase.update({
          where: { id: p.enrolledCaseId },
          data: { monthlyAmount: p.amount, membersIncluded: p.members },
        });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'PAYMENT_INSTRUCTION_CREATED',
          targetType: 'PaymentInstruction',
          targetId: id,
          details: {
            enrolledCaseId: p.enrolledCaseId,
            month: p.month,
            amount: p.amount.toFixed(2),
            members: p.members.length,
          },
        });
        return { created: true };
      });
    },

    /** A task of the enrolled case (recheck steps, escalations); the application's determination read model is not touched. */
    async openCaseTask(spec: TaskSpec): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const inserted = await tx.task.createMany({
          data: [
            {
              id: spec.taskId,
              taskKey: spec.taskKey,
              type: spec.type,
              applicationId: spec.applicationId,
              workflowId: spec.workflowId,
              candidateRole: spec.candidateRole,
              jurisdiction: spec.jurisdiction,
              countyCode: spec.countyCode,
              townshipCode: spec.townshipCode,
              priority: spec.priority,
              dueAt: spec.dueAt === null ? null : new Date(spec.dueAt),
              dueProvisional: spec.dueProvisional,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        if (spec.escalates)
          await tx.task.updateMany({
            where: { id: spec.escalates, escalatedAt: null },
            data: { escalatedAt: new Date() },
          });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'TASK_OPENED',
          targetType: 'Task',
          targetId: spec.taskId,
          details: {
            type: spec.type,
            applicationId: spec.applicationId,
            candidateRole: spec.candidateRole,
            jurisdiction: spec.jurisdiction,
            dueAt: spec.dueAt,
            ...(spec.escalates ? { escalates: spec.escalates } : {}),
          },
        });
      });
    },

    /** The recheck row (once) and the case's RECHECKING status. */
    async beginRecheck(r: {
      recheckId: string;
      enrolledCaseId: string;
      workflowId: string;
      reason: RecheckReason;
      campaignId?: string | null;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const inserted = await tx.recheck.createMany({
          data: [
            {
              id: r.recheckId,
              enrolledCaseId: r.enrolledCaseId,
              workflowId: r.workflowId,
              reason: r.reason,
              status: 'OPEN',
              campaignId: r.campaignId ?? null,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        await tx.enrolledCase.updateMany({
          where: { id: r.enrolledCaseId, status: { in: ['ACTIVE', 'PHASE_OUT'] } },
          data: { status: 'RECHECKING' },
        });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'RECHECK_STARTED',
          targetType: 'EnrolledCase',
          targetId: r.enrolledCaseId,
          details: { recheckId: r.recheckId, reason: r.reason, ...(r.campaignId ? { campaignId: r.campaignId } : {}) },
        });
      });
    },

    /** The township's findings; new facts become a new facts version of the case's application. */
    async recordInvestigation(r: {
      recheckId: string;
      enrolledCaseId: string;
      applicationId: string;
      findings: string;
      homeVisit: boolean;
      facts: HouseholdFacts | null;
      workRefusals: number;
      actor: ActorRef;
      requestId: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        let factsVersion: number | null = null;
        if (r.facts) {
          const app = await tx.application.update({
            where: { id: r.applicationId },
            data: { facts: plain(r.facts), factsVersion: { increment: 1 } },
            select: { factsVersion: true },
          });
          factsVersion = app.factsVersion;
        }
        await appendAudit(tx, {
          actorId: r.actor.userId,
          role: r.actor.role,
          action: 'RECHECK_INVESTIGATED',
          targetType: 'Recheck',
          targetId: r.recheckId,
          requestId: r.requestId,
          reason: r.findings,
          details: {
            enrolledCaseId: r.enrolledCaseId,
            homeVisit: r.homeVisit,
            factsVersion,
            workRefusals: r.workRefusals,
          },
        });
      });
    },

    /** The policy engine on the facts now on file; the explanation is kept with the recheck. */
    async evaluateRecheck(r: { recheckId: string; enrolledCaseId: string }): Promise<RecheckEngineResult> {
      const { facts, factsVersion, category, countyCode } = await factsOf(r.enrolledCaseId);
      let workRefusalLimit: number;
      try {
        workRefusalLimit = parameters.lookupNumber(PARAMETER_IDS.WORK_REFUSAL_LIMIT, {
          date: cstDate(new Date().toISOString()),
          county: countyCode,
        }).value;
      } catch (error) {
        throw notConfigured(error);
      }
      const determination = evaluateHousehold(facts, parameters);
      const result = determination.categories[category as keyof Determination['categories']];
      await prisma.recheck.update({ where: { id: r.recheckId }, data: { explanation: plain(determination) } });
      // A stale yearly statistic asks the administrator to enter it (never fails the evaluation).
      await syncStatisticTasks(prisma, parameters, determination.parametersUsed, determination.applicationDate);
      const reasonsZh =
        result.status === 'eligible'
          ? result.reasons.filter((x) => x.outcome === 'pass').map((x) => x.zh)
          : refusalReasonsZh(result.reasons);
      return {
        factsVersion,
        status: result.status,
        monthlyAmount: result.proposedMonthlyBenefit,
        membersIncluded: [...result.membersIncluded],
        reasonsZh: reasonsZh.slice(0, 20),
        workRefusalLimit,
      };
    },

    /** The decision of a recheck, with a notice for a change of amount or the start of phase-out; reported changes are processed. */
    async recordRecheckOutcome(
      r: RecheckResult & {
        enrolledCaseId: string;
        applicationId: string;
        category: ApplicationCategory;
        previousAmount: number;
        actor: ActorRef;
        requestId: string;
      },
    ): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const updated = await tx.recheck.updateMany({
          where: { id: r.recheckId, status: 'OPEN' },
          data: {
            status: 'DECIDED',
            outcome: r.outcome,
            newAmount: r.amount,
            reasons: r.reasons,
            decidedAt: new Date(),
            decidedBy: r.actor.userId,
          },
        });
        if (updated.count === 0) return;
        const c = await tx.enrolledCase.findUniqueOrThrow({
          where: { id: r.enrolledCaseId },
          select: { countyCode: true, drill: true },
        });
        await tx.changeReport.updateMany({
          where: { enrolledCaseId: r.enrolledCaseId, processedAt: null },
          data: { processedAt: new Date() },
        });
        const today = cstDate(new Date().toISOString());
        const fromMonth = addMonths(monthOf(Date.now()), 1);
        let notice: string | null = null;
        // A category paid no monthly amount (低保边缘, 刚性支出) gets no amount notice.
        if (r.outcome === 'ADJUST' && r.amount !== null && r.amount !== r.previousAmount && paidMonthly(r.category)) {
          notice = lifecycleNoticeText({
            kind: r.amount < r.previousAmount ? 'RECHECK_REDUCED' : 'RECHECK_INCREASED',
            category: r.category,
            reasons: r.reasons,
            amount: r.amount,
            fromMonth,
            date: today,
          });
        }
        if (r.outcome === 'PHASE_OUT') {
          // The end the case's workflow plans (planPhaseOut): the case's county parameter, from now;
          // a date for months, the minute for a drill's phase-out (a fraction of a day).
          const end = phaseOutEnd(new Date().toISOString(), c.countyCode);
          const endsOn = end.unit === 'MONTHS' ? cstDate(end.endsAt) : cstMinute(Date.parse(end.endsAt));
          notice = lifecycleNoticeText({
            kind: 'PHASE_OUT_STARTED',
            category: r.category,
            reasons: r.reasons,
            endsOn,
            date: today,
          });
        }
        if (notice)
          await tx.notice.createMany({
            data: [
              {
                applicationId: r.applicationId,
                noticeKey: `recheck#${r.recheckId}`,
                kind: `RECHECK_${r.outcome}`,
                text: drillNotice(notice, c.drill),
              },
            ],
            skipDuplicates: true,
          });
        await appendAudit(tx, {
          actorId: r.actor.userId,
          role: r.actor.role,
          action: 'RECHECK_DECIDED',
          targetType: 'Recheck',
          targetId: r.recheckId,
          requestId: r.requestId,
          reason: r.reasons.join('；') || null,
          details: {
            enrolledCaseId: r.enrolledCaseId,
            outcome: r.outcome,
            amount: r.amount,
            previousAmount: r.previousAmount,
          },
        });
      });
      // After the commit, and on every attempt: the referrals' ids derive from the recheck.
      if (deps.onCaseKept && (r.outcome === 'UNCHANGED' || r.outcome === 'ADJUST'))
        await deps.onCaseKept({
          enrolledCaseId: r.enrolledCaseId,
          recheckId: r.recheckId,
          membersIncluded: r.membersIncluded,
        });
    },

    /** Exit: the final record and the notice with reasons; open tasks of the case's rechecks are cancelled. */
    async closeCase(r: {
      enrolledCaseId: string;
      applicationId: string;
      reasons: string[];
      event: string;
      lastPaidMonth: string | null;
      validUntil?: string | null;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const c = await tx.enrolledCase.findUniqueOrThrow({
          where: { id: r.enrolledCaseId },
          select: { status: true, category: true, drill: true },
        });
        if (c.status === 'EXITED') return;
        await tx.enrolledCase.update({
          where: { id: r.enrolledCaseId },
          data: { status: 'EXITED', exitedAt: new Date(), exitReason: r.reasons.join('；'), nextRecheckAt: null },
        });
        const expired = r.event === 'EXPIRED';
        const text = lifecycleNoticeText({
          kind: expired ? 'EXPIRED' : 'EXITED',
          category: c.category as ApplicationCategory,
          reasons: r.reasons,
          date: cstDate(new Date().toISOString()),
          ...(expired && r.validUntil ? { endsOn: cstDate(r.validUntil) } : {}),
        });
        await tx.notice.createMany({
          data: [
            {
              applicationId: r.applicationId,
              noticeKey: 'exit',
              kind: expired ? 'EXPIRED' : 'EXITED',
              text: drillNotice(text, c.drill),
            },
          ],
          skipDuplicates: true,
        });
        // A recheck still open (a renewal nobody decided before expiry) is cancelled with the case.
        await tx.task.updateMany({
          where: {
            applicationId: r.applicationId,
            workflowId: { startsWith: recheckWorkflowId('') },
            status: { in: ['OPEN', 'CLAIMED'] },
          },
          data: { status: 'CANCELLED', outcome: 'CASE_CLOSED', completedAt: new Date() },
        });
        await tx.recheck.updateMany({
          where: { enrolledCaseId: r.enrolledCaseId, status: 'OPEN' },
          data: { status: 'CANCELLED' },
        });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: `ENROLLED_CASE_EXITED`,
          targetType: 'EnrolledCase',
          targetId: r.enrolledCaseId,
          reason: r.reasons.join('；'),
          details: { event: r.event, lastPaidMonth: r.lastPaidMonth },
        });
      });
    },
  };
}

export type EnrolmentActivities = ReturnType<typeof createEnrolmentActivities>;

import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { auditActorOf } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { ActorRef, DeterminationInput, EngineSummary } from '../core/contracts/determination';
import type { ApplicationCategory } from '../core/contracts/application';
import { CATEGORY_NAMES_ZH, type Category, type HouseholdFacts } from '../core/contracts/household-facts';
import { DETERMINATION_STATUS_NAMES_ZH, type Determination } from '../core/contracts/policy-determination';
import { evaluateHousehold, refusalReasonsZh, type ParameterStore } from '../policy';
import type { LiveCalendar } from '../calendar/live-calendar';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import { applicationWorkflowId } from '../core/workflow-ids';
import type { CrossCheckGateway } from './cross-check';
import type { DueRequest, PlannedDue } from '../core/due';
import type { NoticeKind } from '../core/notice-kinds';
import type { InvestigationRecord } from '../core/contracts/determination';
import { cstDate } from '../core/clock';
import { planDue } from './due-dates';
import { noticeText } from './notices';
import { writeInvestigationRecord } from './investigation-record.repository';
import { drillNotice } from '../common/drill-notice';
import { ENTITLEMENTS_ZH, paidMonthly } from '../core/entitlements';
import { syncStatisticTasks } from '../policy-api/statistic-tasks';

export interface ApplicationEventInput {
  applicationId: string;
  /** Deterministic per workflow step, so a retried activity writes nothing twice. */
  eventKey: string;
  type: string;
  stage: string;
  actor: ActorRef | null;
  requestId: string | null;
  reason: string | null;
  /** What the step recorded (home visit, appraisal minutes), stored with its event (patch home-visit-records). */
  record?: InvestigationRecord;
}

type Tx = Prisma.TransactionClient;

export interface ApplicationActivityDeps {
  prisma: PrismaClient;
  parameters: ParameterStore;
  /** The working-day calendar in force (built-in years and the loaded schedules). */
  calendar: LiveCalendar;
  crossCheck: CrossCheckGateway;
  /** Starts the enrolled case's lifecycle workflow after the decision commits; idempotent. */
  onEnrolled?: (enrolledCaseId: string) => Promise<void>;
}

/** Inserts one timeline event (idempotent by key) with its audit row; returns whether it was new. */
async function appendEvent(tx: Tx, e: ApplicationEventInput): Promise<boolean> {
  const inserted = await tx.applicationEvent.createMany({
    data: [
      {
        applicationId: e.applicationId,
        eventKey: e.eventKey,
        type: e.type,
        stage: e.stage,
        actorId: e.actor?.userId ?? null,
        reason: e.reason,
      },
    ],
    skipDuplicates: true,
  });
  if (inserted.count === 0) return false;
  await appendAudit(tx, {
    ...auditActorOf(e.actor),
    action: `APPLICATION_${e.type}`,
    targetType: 'Application',
    targetId: e.applicationId,
    reason: e.reason,
    requestId: e.requestId,
  });
  return true;
}

/** The explanation as stored: lazy reason texts resolved by JSON round trip. */
const plain = (d: Determination): Prisma.InputJsonValue => JSON.parse(JSON.stringify(d)) as Prisma.InputJsonValue;

/** Activities of the determination workflow, built from their dependencies (rule 5). */
export function createApplicationActivities(deps: ApplicationActivityDeps) {
  const { prisma, parameters, calendar, crossCheck } = deps;

  async function loadFacts(applicationId: string) {
    const app = await prisma.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { facts: true, factsVersion: true, householdId: true, category: true },
    });
    if (!app.facts)
      throw ApplicationFailure.create({
        type: 'FACTS_MISSING',
        message: `申请 ${applicationId} 没有家庭经济状况数据`,
        nonRetryable: true,
      });
    return { ...app, facts: app.facts as unknown as HouseholdFacts };
  }

  /**
   * The categories the household holds: its enrolled cases that have not exited (what the
   * registry knows), with what staff typed. 刚性支出 excludes a household already 低保, 特困 or
   * 边缘 (seed 二(二)5), and a person belongs to one household only (ID number HMAC is unique).
   */
  async function categoriesHeld(householdId: string, typed: readonly Category[] | undefined): Promise<Category[]> {
    const enrolled = await prisma.enrolledCase.findMany({
      where: { householdId, status: { not: 'EXITED' } },
      select: { category: true },
      distinct: ['category'],
    });
    return [...new Set<Category>([...(typed ?? []), ...enrolled.map((e) => e.category as Category)])];
  }

  return {
    /**
     * Makes sure the application row exists (the API writes it first; if its commit was
     * lost after the workflow started, this recreates it) and marks intake recorded.
     * The API starts the workflow inside its transaction, so this may run before that commit:
     * INSERT … ON CONFLICT DO NOTHING waits for it and then keeps the API's row, where an
     * upsert's insert would fail on the key and cost the step a retry.
     */
    async recordIntake(input: DeterminationInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.application.createMany({
          skipDuplicates: true,
          data: {
            id: input.applicationId,
            householdId: input.householdId,
            category: input.category,
            channel: input.channel,
            stage: 'SUBMITTED',
            workflowId: applicationWorkflowId(input.applicationId),
            townshipCode: input.townshipCode,
            countyCode: input.countyCode,
            submittedBy: input.submittedBy.userId,
            delegated: input.delegated,
            closeRelativeFlag: input.closeRelativeFlag,
            drill: input.drill === true,
          },
        });
        const fresh = await appendEvent(tx, {
          applicationId: input.applicationId,
          eventKey: 'intake',
          type: 'INTAKE_RECORDED',
          stage: 'SUBMITTED',
          actor: input.submittedBy,
          requestId: input.requestId,
          reason: null,
        });
        if (fresh)
          await tx.application.update({ where: { id: input.applicationId }, data: { intakeRecordedAt: new Date() } });
      });
    },

    /** One step of the case timeline: event and audit row, and what the step recorded, in one transaction. */
    async recordApplicationEvent(event: ApplicationEventInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await appendEvent(tx, event);
        const { record } = event;
        if (record)
          await writeInvestigationRecord(tx, {
            applicationId: event.applicationId,
            eventKey: event.eventKey,
            actor: event.actor,
            requestId: event.requestId,
            record,
          });
      });
    },

    /** The case read model: stage, process deadline, overdue flag. */
    async updateReadModel(u: {
      applicationId: string;
      stage?: string;
      processDueAt?: string;
      overdue?: boolean;
    }): Promise<void> {
      await prisma.application.update({
        where: { id: u.applicationId },
        data: {
          ...(u.stage ? { stage: u.stage } : {}),
          ...(u.processDueAt ? { processDueAt: new Date(u.processDueAt) } : {}),
          ...(u.overdue !== undefined ? { overdue: u.overdue } : {}),
        },
      });
    },

    /** Due date of a step from its time-limit parameter on the working-day calendar. */
    async planDue(req: DueRequest): Promise<PlannedDue> {
      const workingDays = await calendar.current(req.calendarAsOf); // a database fault here is retried
      try {
        return planDue(parameters, workingDays, req);
      } catch (error) {
        // A missing parameter version is a configuration fault, not a transient one.
        throw ApplicationFailure.create({
          type: 'PARAMETER_NOT_IN_FORCE',
          message: String((error as Error).message),
          nonRetryable: true,
        });
      }
    },

    /** The county cross-check, through the gateway; its findings go on the timeline (once per eventKey, the workflow's). */
    async crossCheck({ applicationId, eventKey }: { applicationId: string; eventKey: string }): Promise<string[]> {
      const { facts, householdId } = await loadFacts(applicationId);
      const result = await crossCheck.check({
        applicationId,
        householdId,
        memberCountDeclared: facts.members.filter((m) => m.coResident).length,
      });
      await prisma.$transaction((tx) =>
        appendEvent(tx, {
          applicationId,
          eventKey,
          type: 'CROSS_CHECK_COMPLETED',
          stage: 'INVESTIGATION',
          actor: null,
          requestId: null,
          reason: [result.source, ...result.findings].join('；'),
        }),
      );
      return result.findings;
    },

    /** Runs the policy engine on the current facts; stores the explanation shown at review. */
    async evaluateApplication({
      applicationId,
      eventKey,
    }: {
      applicationId: string;
      eventKey: string;
    }): Promise<EngineSummary> {
      const { facts, factsVersion, category, householdId } = await loadFacts(applicationId);
      const determination = evaluateHousehold(
        { ...facts, currentCategories: await categoriesHeld(householdId, facts.currentCategories) },
        parameters,
      );
      const result = determination.categories[category as keyof Determination['categories']];
      await prisma.$transaction(async (tx) => {
        await tx.application.update({ where: { id: applicationId }, data: { explanation: plain(determination) } });
        await appendEvent(tx, {
          applicationId,
          eventKey,
          type: 'POLICY_EVALUATED',
          stage: 'REVIEW',
          actor: null,
          requestId: null,
          reason: `政策测算：${DETERMINATION_STATUS_NAMES_ZH[result.status]}，月保障金额 ${result.proposedMonthlyBenefit.toFixed(2)} 元`,
        });
      });
      // A stale yearly statistic asks the administrator to enter it (never fails the evaluation).
      await syncStatisticTasks(prisma, parameters, determination.parametersUsed, determination.applicationDate);
      return {
        factsVersion,
        status: result.status,
        monthlyAmount: result.proposedMonthlyBenefit,
        recommendedCategory: determination.recommendedCategory,
      };
    },

    /** New facts from a supplement: a new facts version; decisions keep the version they used. */
    async updateFacts({
      applicationId,
      facts,
      actor,
      requestId,
    }: {
      applicationId: string;
      facts: HouseholdFacts;
      actor: ActorRef;
      requestId: string;
    }): Promise<number> {
      return prisma.$transaction(async (tx) => {
        const json = facts as unknown as Prisma.InputJsonValue;
        // Only when the facts differ: a retried activity bumps the version once.
        const changed = await tx.application.updateMany({
          where: { id: applicationId, NOT: { facts: { equals: json } } },
          data: { facts: json, factsVersion: { increment: 1 } },
        });
        const { factsVersion } = await tx.application.findUniqueOrThrow({
          where: { id: applicationId },
          select: { factsVersion: true },
        });
        if (changed.count > 0) {
          await appendAudit(tx, {
            actorId: actor.userId,
            role: actor.role,
            action: 'APPLICATION_FACTS_UPDATED',
            targetType: 'Application',
            targetId: applicationId,
            requestId,
            details: { factsVersion },
          });
        }
        return factsVersion;
      });
    },

    async issueNotice(n: {
      applicationId: string;
      noticeKey: string;
      kind: NoticeKind;
      items: string[];
      reasons: string[];
    }): Promise<void> {
      const app = await prisma.application.findUniqueOrThrow({
        where: { id: n.applicationId },
        select: { category: true, drill: true },
      });
      const text = drillNotice(
        noticeText({
          kind: n.kind,
          category: app.category as never,
          items: n.items,
          reasons: n.reasons,
          date: cstDate(new Date().toISOString()),
        }),
        app.drill,
      );
      await prisma.notice.createMany({
        data: [{ applicationId: n.applicationId, noticeKey: n.noticeKey, kind: n.kind, text }],
        skipDuplicates: true,
      });
    },

    /** Publicity starts: the case appears on the public listing until endsAt. */
    async publish({
      applicationId,
      round,
      endsAt,
    }: {
      applicationId: string;
      round: number;
      endsAt: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.application.update({
          where: { id: applicationId },
          data: { stage: 'PUBLICITY', stageDueAt: new Date(endsAt), turnRole: null },
        });
        await appendEvent(tx, {
          applicationId,
          eventKey: `publicity#${round}`,
          type: 'PUBLICITY_STARTED',
          stage: 'PUBLICITY',
          actor: null,
          requestId: null,
          reason: `第 ${round} 次公示，至 ${endsAt}`,
        });
      });
    },

    async recordObjection(o: {
      objectionId: string;
      applicationId: string;
      round: number;
      text: string;
      contact: string | null;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const inserted = await tx.objection.createMany({
          data: [
            { id: o.objectionId, applicationId: o.applicationId, round: o.round, text: o.text, contact: o.contact },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return; // a retry: already recorded
        await appendAudit(tx, {
          actorId: 'public',
          role: 'PUBLIC',
          action: 'OBJECTION_LODGED',
          targetType: 'Application',
          targetId: o.applicationId,
          details: { objectionId: o.objectionId, round: o.round, anonymous: o.contact === null },
        });
      });
    },

    /**
     * The decision, frozen with what the officer saw (facts version, explanation, parameter
     * versions), with its notice, the enrolled case and the stage, in one transaction.
     */
    async recordDecision(d: {
      applicationId: string;
      outcome: 'APPROVED' | 'REFUSED';
      monthlyAmount: number | null;
      amountReason: string | null;
      reasons: string[];
      expectedFactsVersion: number | null;
      actor: ActorRef;
      requestId: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (
          await tx.decision.findUnique({ where: { applicationId: d.applicationId }, select: { applicationId: true } })
        )
          return;
        const app = await tx.application.findUniqueOrThrow({ where: { id: d.applicationId } });
        if (
          !app.explanation ||
          !app.facts ||
          (d.expectedFactsVersion !== null && app.factsVersion !== d.expectedFactsVersion)
        ) {
          throw ApplicationFailure.create({
            type: 'STALE_EXPLANATION',
            message: '确认所依据的测算结果与当前家庭数据版本不一致',
            nonRetryable: true,
          });
        }
        const explanation = app.explanation as unknown as Determination;
        const result = explanation.categories[app.category as keyof Determination['categories']];
        const approved = d.outcome === 'APPROVED';
        const now = new Date();
        const startMonth = nextMonth(cstDate(now.toISOString()));
        const enrolledCaseId = randomUUID();
        await tx.decision.create({
          data: {
            applicationId: d.applicationId,
            outcome: d.outcome,
            category: app.category,
            monthlyAmount: d.monthlyAmount,
            engineAmount: result.proposedMonthlyBenefit,
            amountReason: d.amountReason,
            reasons: d.reasons,
            explanation: app.explanation,
            parameterVersions: explanation.parametersUsed as unknown as Prisma.InputJsonValue,
            factsVersion: app.factsVersion,
            facts: app.facts,
            decidedBy: d.actor.userId,
            decidedRole: d.actor.role,
            decidedAt: now,
          },
        });
        if (approved) {
          await tx.enrolledCase.create({
            data: {
              id: enrolledCaseId,
              applicationId: d.applicationId,
              householdId: app.householdId,
              category: app.category,
              monthlyAmount: d.monthlyAmount ?? 0,
              membersIncluded: [...result.membersIncluded],
              startMonth,
              countyCode: app.countyCode,
              drill: app.drill,
            },
          });
        }
        const explanationLines = approved
          ? result.reasons.filter((r) => r.outcome === 'pass' || r.outcome === 'info').map((r) => r.zh)
          : refusalReasonsZh(result.reasons);
        const text = noticeText({
          kind: approved ? 'DECISION_APPROVED' : 'DECISION_REFUSED',
          category: app.category as never,
          reasons: approved ? (d.amountReason ? [d.amountReason] : []) : d.reasons,
          monthlyAmount: d.monthlyAmount,
          startMonth,
          explanation: explanationLines,
          date: cstDate(now.toISOString()),
        });
        await tx.notice.create({
          data: {
            applicationId: d.applicationId,
            noticeKey: 'decision',
            kind: approved ? 'DECISION_APPROVED' : 'DECISION_REFUSED',
            text: drillNotice(text, app.drill),
          },
        });
        await tx.application.update({
          where: { id: d.applicationId },
          data: { stage: approved ? 'ENROLLED' : 'REFUSED', turnRole: null, stageDueAt: null },
        });
        await appendEvent(tx, {
          applicationId: d.applicationId,
          eventKey: 'decision',
          type: approved ? 'CONFIRMED' : 'REFUSED',
          stage: approved ? 'ENROLLED' : 'REFUSED',
          actor: d.actor,
          requestId: d.requestId,
          reason: approved
            ? approvedReason(app.category as ApplicationCategory, d.monthlyAmount, d.amountReason)
            : d.reasons.join('；'),
        });
      });
      // After the commit (a retry that found the decision written starts it too): the enrolled case's lifecycle.
      if (deps.onEnrolled && d.outcome === 'APPROVED') {
        const enrolled = await prisma.enrolledCase.findUnique({
          where: { applicationId: d.applicationId },
          select: { id: true },
        });
        if (enrolled) await deps.onEnrolled(enrolled.id);
      }
    },

    /** Closes whatever is still open when the case ends (escalations of the whole process). */
    async cancelOpenTasks({ applicationId, workflowId }: { applicationId: string; workflowId: string }): Promise<void> {
      await prisma.task.updateMany({
        where: { applicationId, workflowId, status: { in: ['OPEN', 'CLAIMED'] } },
        data: { status: 'CANCELLED', outcome: 'CASE_CLOSED', completedAt: new Date() },
      });
    },
  };
}

/** The timeline's line for an approval: the amount, or the entitlements of a category paid no monthly amount. */
function approvedReason(
  category: ApplicationCategory,
  monthlyAmount: number | null,
  amountReason: string | null,
): string {
  if (!paidMonthly(category)) return `认定为${CATEGORY_NAMES_ZH[category]}，${ENTITLEMENTS_ZH}`;
  return `月保障金额 ${(monthlyAmount ?? 0).toFixed(2)} 元${amountReason ? `（${amountReason}）` : ''}`;
}

function nextMonth(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export type ApplicationActivities = ReturnType<typeof createApplicationActivities>;

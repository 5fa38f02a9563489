// What the referral workflow asks of the world (its side effects). The workflow imports only
// these types; the implementations (the referral and referral_event tables, the case
// timeline, starting next year's referral) are built by a factory for the worker.
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { referralWorkflow } from '../../workflows/referral.workflow';
import { appendAudit } from '../audit/audit-log';
import { auditActorOf, SYSTEM_ACTOR } from '../audit/audit-events';
import type { ActorRef } from '../core/contracts/determination';
import type { ReferralDelivery, ReferralInput, ReferralOutcome, ReferralStage } from '../core/contracts/referral';
import { referralWorkflowId } from '../core/workflow-ids';
import type { PrismaClient } from '../prisma/prisma-client';
import { reportEmploymentToCase } from './employment-delivery';

export type ReferralEventType =
  'OPENED' | 'ACCEPTED' | 'INFO_REQUESTED' | 'INFO_ANSWERED' | 'ESCALATED' | 'DELIVERED' | 'DECLINED' | 'RENEWED';

/** One line of the referral's timeline (referral_event); `detail` is Chinese text without personal data. */
export interface ReferralEventRecord {
  referralId: string;
  /** Idempotency key of the write (the activity may run twice). */
  eventKey: string;
  type: ReferralEventType;
  stage: ReferralStage;
  actor: ActorRef | null;
  requestId: string | null;
  detail: string | null;
  dueAt?: string | null;
  delivery?: ReferralDelivery | null;
}

export interface ReferralActivities {
  recordReferralEvent(r: ReferralEventRecord): Promise<void>;
  /**
   * The outcome on the enrolled case's timeline (a referral from an enrolment); a delivered
   * placement also reaches the case as a change report and clears the household from 零就业.
   */
  noteReferralOnCase(n: {
    referralId: string;
    enrolledCaseId: string;
    outcome: ReferralOutcome;
    summary: string;
  }): Promise<void>;
  /**
   * Opens next year's referral of a yearly entitlement (row and workflow); false when an open
   * referral of the same entitlement and person already exists (the open-key dedup).
   */
  openRenewalReferral(next: ReferralInput): Promise<boolean>;
}

export interface ReferralActivityDeps {
  prisma: PrismaClient;
  /** Absent in tests of the tables alone: a referral row is written but no workflow started. */
  temporal?: { client: Client; taskQueue: string };
}

/** "<member>|<entitlement>": at most one open referral per person and entitlement. */
export const referralOpenKey = (memberRef: string, entitlement: string): string => `${memberRef}|${entitlement}`;

/**
 * Writes a referral's row (deduplicated by its open key) and starts its workflow; false when an
 * open referral of the same person and entitlement exists. The enrolment hook, the warning
 * route and next year's renewal all open referrals through here.
 */
export async function openReferral(
  deps: ReferralActivityDeps,
  input: ReferralInput,
  extra: { category?: string | null; idNumberMasked?: string | null } = {},
): Promise<boolean> {
  const { prisma } = deps;
  const workflowId = referralWorkflowId(input.referralId);
  const now = new Date();
  const inserted = await prisma.$transaction(async (tx) => {
    const existing = await tx.referral.findUnique({ where: { id: input.referralId }, select: { stage: true } });
    // A retry finds its row: start the workflow if it is still open; a closed one never runs twice.
    if (existing) return existing.stage !== 'CLOSED';
    const open = await tx.referral.createMany({
      data: [
        {
          id: input.referralId,
          openKey: referralOpenKey(input.memberRef, input.entitlement),
          origin: input.origin,
          memberRef: input.memberRef,
          idNumberMasked: extra.idNumberMasked ?? null,
          enrolledCaseId: input.enrolledCaseId,
          warningId: input.warningId,
          emergencyCaseId: input.emergencyCaseId ?? null,
          category: extra.category ?? null,
          entitlement: input.entitlement,
          department: input.department,
          countyCode: input.countyCode,
          townshipCode: input.townshipCode,
          timeLimitWorkingDays: input.timeLimitWorkingDays,
          periodicity: input.periodicity,
          amountRequired: input.amountRequired,
          year: input.year,
          stage: 'OPEN',
          workflowId,
          openedAt: now,
          updatedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (open.count === 0) return false;
    await appendAudit(tx, {
      ...SYSTEM_ACTOR,
      action: 'REFERRAL_OPENED',
      targetType: 'Referral',
      targetId: input.referralId,
      reason: `${input.origin}:${input.entitlement}→${input.department}`,
      requestId: null,
    });
    return true;
  });
  if (!inserted) return false;
  if (deps.temporal) {
    try {
      await deps.temporal.client.workflow.start(referralWorkflow, {
        taskQueue: deps.temporal.taskQueue,
        workflowId,
        args: [input],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }
  return true;
}

export function createReferralActivities(deps: ReferralActivityDeps): ReferralActivities {
  const { prisma } = deps;
  return {
    async recordReferralEvent(r: ReferralEventRecord): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const now = new Date();
        const inserted = await tx.referralEvent.createMany({
          data: [
            {
              referralId: r.referralId,
              eventKey: r.eventKey,
              type: r.type,
              stage: r.stage,
              actor: r.actor?.userId ?? null,
              detail: r.detail,
              at: now,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        const closed = r.stage === 'CLOSED' && (r.type === 'DELIVERED' || r.type === 'DECLINED');
        const d = r.delivery ?? null;
        // Feedback that does not end the referral can reach the timeline after the delivery that
        // did (the workflow writes them in order once the step ends): only a final event closes the row.
        const stage = r.stage === 'CLOSED' && !closed ? undefined : r.stage;
        await tx.referral.update({
          where: { id: r.referralId },
          data: {
            ...(stage ? { stage } : {}),
            updatedAt: now,
            ...(r.dueAt !== undefined ? { dueAt: r.dueAt === null ? null : new Date(r.dueAt) } : {}),
            ...(r.type === 'ESCALATED' ? { overdue: true } : {}),
            ...(closed
              ? {
                  outcome: r.type,
                  closedAt: now,
                  // Closed: the same entitlement may be referred again (next year, a new warning).
                  openKey: null,
                }
              : {}),
            ...(r.type === 'DECLINED' ? { declineReason: r.detail } : {}),
            ...(d !== null
              ? {
                  deliveredWhat: d.what,
                  deliveredAmount: d.amount,
                  periodFrom: d.periodFrom === null ? null : new Date(d.periodFrom),
                  periodTo: d.periodTo === null ? null : new Date(d.periodTo),
                  ...(d.employment
                    ? {
                        employmentKind: d.employment.kind,
                        employmentWage: d.employment.monthlyWage,
                        employmentFrom: new Date(d.employment.from),
                      }
                    : {}),
                }
              : {}),
          },
        });
        await appendAudit(tx, {
          ...auditActorOf(r.actor),
          action: `REFERRAL_${r.type}`,
          targetType: 'Referral',
          targetId: r.referralId,
          reason: r.detail,
          requestId: r.requestId,
        });
      });
    },

    async noteReferralOnCase(n): Promise<void> {
      const enrolled = await prisma.enrolledCase.findUnique({
        where: { id: n.enrolledCaseId },
        select: { applicationId: true },
      });
      if (!enrolled) return; // a case removed since: the referral keeps its own timeline
      await prisma.$transaction(async (tx) => {
        const inserted = await tx.applicationEvent.createMany({
          data: [
            {
              applicationId: enrolled.applicationId,
              eventKey: `REFERRAL_${n.outcome}#${n.referralId}`,
              type: `REFERRAL_${n.outcome}`,
              stage: 'ENROLLED',
              actorId: null,
              reason: n.summary,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: `APPLICATION_REFERRAL_${n.outcome}`,
          targetType: 'Application',
          targetId: enrolled.applicationId,
          reason: n.summary,
          requestId: null,
        });
      });
      if (n.outcome === 'DELIVERED') await reportEmploymentToCase(deps, n.referralId);
    },

    openRenewalReferral: (next: ReferralInput) => openReferral(deps, next),
  };
}

import { heartbeat } from '@temporalio/activity';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { appendAudit } from '../../audit/audit-log';
import { auditActorOf } from '../../audit/audit-events';
import { cstDate } from '../../core/clock';
import { SOURCE_LAYOUTS, type DataSource } from '../../core/contracts/data-source';
import { OUTREACH_WARNING_SOURCE } from '../../core/contracts/outreach';
import type { ChangeKind } from '../../core/contracts/enrolment';
import type { ActorRef } from '../../core/contracts/determination';
import type { WarningInput, WarningOutcome, WarningStage } from '../../core/contracts/warning';
import { warningWorkflowId } from '../../core/workflow-ids';
import { signalCaseChange } from '../../enrolment/case-change-signal';
import type { ParameterStore } from '../../policy';
import type { PrismaClient } from '../../prisma/prisma-client';
import { warningWorkflow } from '../../../workflows/warning.workflow';
import { matchBatch, type BatchMatched } from './match-batch';
import { warningRulesFor } from './warning-rules';

export interface WarningStageRecord {
  warningId: string;
  /** Deterministic per workflow step: a retried activity writes nothing twice. */
  eventKey: string;
  type: string;
  stage: WarningStage;
  actor: ActorRef | null;
  requestId?: string | null;
  reason?: string | null;
  outcome?: WarningOutcome | null;
  department?: string | null;
  dueAt?: string | null;
  overdue?: boolean;
}

export interface CaseSignal {
  warningId: string;
  enrolledCaseId: string;
  change: ChangeKind;
  /** Generated in the workflow: the change report's id, so a retry finds it. */
  changeReportId: string;
}

/**
 * A batch's starts per heartbeat, in flight together: enough to keep the dev server busy (20
 * at a time made 57 starts/s, the largest part of a million-row batch's time), few enough to
 * resume quickly.
 */
export const START_CHUNK = 100;

/**
 * The activities of department data comparison after staging (the batch workflow) and of
 * each warning's workflow: matching, raising, starting the warnings' workflows, their
 * stages and timeline, and class (d)'s change report to the enrolled case.
 */
export function createWarningActivities(deps: {
  prisma: PrismaClient;
  parameters: ParameterStore;
  temporal?: { client: Client; taskQueue: string };
}) {
  const { prisma, parameters } = deps;
  const temporal = () => {
    if (!deps.temporal) throw new Error('预警工作流需要 Temporal 客户端');
    return deps.temporal;
  };

  return {
    async matchDataBatch(batchId: string): Promise<BatchMatched> {
      const batch = await prisma.dataBatch.findUniqueOrThrow({ where: { id: batchId } });
      const { rules, refs } = warningRulesFor(
        parameters,
        batch.source as DataSource,
        cstDate(batch.stagedAt.toISOString()),
      );
      return matchBatch(
        prisma,
        batchId,
        rules,
        refs.map((r) => `${r.id}@${r.version}`),
      );
    },

    /** Starts the workflow of every warning this batch raised that has none yet (idempotent ids). */
    async startBatchWarnings(batchId: string): Promise<number> {
      const { client, taskQueue } = temporal();
      const batch = await prisma.dataBatch.findUniqueOrThrow({ where: { id: batchId } });
      const { rules } = warningRulesFor(parameters, batch.source as DataSource, cstDate(batch.stagedAt.toISOString()));
      let started = 0;
      for (;;) {
        const pending = await prisma.warning.findMany({
          where: { firstBatchId: batchId, workflowId: null },
          orderBy: { id: 'asc' },
          take: START_CHUNK,
        });
        if (pending.length === 0) return started;
        await Promise.all(
          pending.map(async (w) => {
            const rule = rules.find((r) => r.warningClass === w.warningClass);
            const input: WarningInput = {
              warningId: w.id,
              warningClass: w.warningClass as WarningInput['warningClass'],
              source: w.source as DataSource,
              countyCode: w.countyCode,
              townshipCode: w.townshipCode,
              enrolledCaseId: w.enrolledCaseId,
              change: rule?.change ?? null,
            };
            const workflowId = warningWorkflowId(w.id);
            try {
              await client.workflow.start(warningWorkflow, {
                taskQueue,
                workflowId,
                args: [input],
              });
            } catch (e) {
              if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
            }
          }),
        );
        // The chunk's ids in one statement, not one transaction per warning; a crash before it
        // starts them again, which finds them started.
        await prisma.$executeRaw`
          UPDATE warning w SET workflow_id = v.workflow_id
          FROM unnest(${pending.map((w) => w.id)}::uuid[], ${pending.map((w) => warningWorkflowId(w.id))}::text[])
            AS v(id, workflow_id)
          WHERE w.id = v.id`;
        started += pending.length;
        heartbeat(started);
      }
    },

    async reportDataBatch(batchId: string): Promise<void> {
      await prisma.dataBatch.updateMany({
        where: { id: batchId, reportedAt: null },
        data: { status: 'REPORTED', reportedAt: new Date() },
      });
    },

    /** A step of the warning: its row, its timeline and (for a person's action) the audit trail, in one transaction. */
    async recordWarningStage(r: WarningStageRecord): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const seen = await tx.warningEvent.findUnique({
          where: { warningId_eventKey: { warningId: r.warningId, eventKey: r.eventKey } },
          select: { id: true },
        });
        if (seen) return;
        const now = new Date();
        const closed = r.stage === 'CLOSED';
        await tx.warning.update({
          where: { id: r.warningId },
          data: {
            stage: r.stage,
            updatedAt: now,
            ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
            ...(r.reason !== undefined ? { reason: r.reason } : {}),
            ...(r.department !== undefined ? { department: r.department } : {}),
            ...(r.dueAt !== undefined ? { dueAt: r.dueAt === null ? null : new Date(r.dueAt) } : {}),
            ...(r.overdue !== undefined ? { overdue: r.overdue } : {}),
            // Closed: the person may be warned again by a later batch.
            ...(closed ? { closedAt: now, openKey: null } : {}),
          },
        });
        await tx.warningEvent.create({
          data: {
            warningId: r.warningId,
            eventKey: r.eventKey,
            type: r.type,
            stage: r.stage,
            actor: r.actor?.userId ?? null,
            reason: r.reason ?? null,
            at: now,
          },
        });
        await appendAudit(tx, {
          ...auditActorOf(r.actor),
          action: `WARNING_${r.type}`,
          targetType: 'Warning',
          targetId: r.warningId,
          reason: r.reason ?? null,
          requestId: r.requestId ?? null,
          details: { eventKey: r.eventKey, stage: r.stage, outcome: r.outcome ?? null },
        });
      });
    },

    /**
     * Class (d): the enrolled case hears the department's record as a change report (stored,
     * audited and signalled in one transaction, as the change-report API does). A case that
     * exited meanwhile has nothing to hear: false.
     */
    async signalCaseFromWarning(s: CaseSignal): Promise<boolean> {
      const { client } = temporal();
      const warning = await prisma.warning.findUniqueOrThrow({ where: { id: s.warningId } });
      const layout = SOURCE_LAYOUTS[warning.source as DataSource];
      const heard = await signalCaseChange(prisma, client, {
        enrolledCaseId: s.enrolledCaseId,
        changeReportId: s.changeReportId,
        change: s.change,
        details: {
          description:
            warning.source === OUTREACH_WARNING_SOURCE
              ? `走访预警：村（社区）协理员走访发现家庭情况变化（${cstDate(warning.eventDate.toISOString())}）`
              : `数据比对预警：${layout?.nameZh ?? warning.source}记录（${cstDate(warning.eventDate.toISOString())}）`,
          occurredOn: cstDate(warning.eventDate.toISOString()),
          memberId: warning.memberId,
          warningId: warning.id,
        },
        origin: { warningId: warning.id },
      });
      if (!heard) return false;
      await prisma.warning.update({ where: { id: s.warningId }, data: { changeReportId: s.changeReportId } });
      return true;
    },
  };
}

export type WarningActivities = ReturnType<typeof createWarningActivities>;

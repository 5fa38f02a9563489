import { ApplicationFailure } from '@temporalio/common';
import { auditActorOf, SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { TaskClosing, TaskReschedule, TaskSpec } from '../core/contracts/task';
import { notifyTask, sendPendingSms } from '../notifications/notification-writer';
import { EmbeddedSmsGateway, type SmsGateway } from '../notifications/sms-gateway';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

const LIVE = ['OPEN', 'CLAIMED'] as const;

/** A task id the workflow names must exist: a bug, not a transient fault, so never retried. */
const unknownTask = (taskId: string) =>
  ApplicationFailure.create({ type: 'TASK_NOT_FOUND', message: `任务不存在：${taskId}`, nonRetryable: true });

async function requireTask(tx: Tx, taskId: string) {
  const task = await tx.task.findUnique({
    where: { id: taskId },
    select: {
      id: true,
      applicationId: true,
      workflowId: true,
      type: true,
      candidateRole: true,
      status: true,
      jurisdiction: true,
      department: true,
      assignee: true,
      dueAt: true,
    },
  });
  if (!task) throw unknownTask(taskId);
  return task;
}

/**
 * Activities of human tasks (processes.md §5), built from their dependencies (rule 5).
 * Plain JSON in and out; each one is idempotent, so a retried activity changes nothing
 * twice and writes no second audit row.
 */
export function createTaskActivities(deps: { prisma: PrismaClient; sms?: SmsGateway }) {
  const { prisma } = deps;
  // Text messages leave through the gateway after the transaction that wrote their notification.
  const sms = deps.sms ?? new EmbeddedSmsGateway(prisma);

  return {
    /**
     * Opens the task of a human step. The row, its audit row and the case read model (whose
     * turn, until when) are written together; a repeated spec (same workflowId + taskKey)
     * writes nothing. An ESCALATION also marks the task it escalates and the case overdue.
     * Its notification (to the assignee, or to the role's holders of the jurisdiction) is
     * written in the same transaction and then handed to the SMS gateway.
     */
    async openTask(spec: TaskSpec): Promise<void> {
      await prisma.$transaction(async (tx) => {
        // A referral's task is its department's: a liaison's inbox shows their department's only.
        const referral =
          spec.caseKind === 'REFERRAL' && spec.caseId
            ? await tx.referral.findUnique({ where: { id: spec.caseId }, select: { department: true } })
            : null;
        const inserted = await tx.task.createMany({
          data: [
            {
              id: spec.taskId,
              taskKey: spec.taskKey,
              type: spec.type,
              applicationId: spec.applicationId,
              caseKind: spec.caseKind ?? 'APPLICATION',
              caseId: spec.caseId ?? null,
              escalationKind: spec.escalationKind ?? (spec.type === 'ESCALATION' ? 'OVERDUE_STEP' : null),
              reason: spec.reason ?? null,
              ...(spec.assignee ? { assignee: spec.assignee, status: 'CLAIMED' as const } : {}),
              department: referral?.department ?? null,
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
        if (spec.applicationId !== null) {
          await tx.application.update({
            where: { id: spec.applicationId },
            data: {
              turnRole: spec.candidateRole,
              stageDueAt: spec.dueAt === null ? null : new Date(spec.dueAt),
              ...(spec.escalates ? { overdue: true } : {}),
            },
          });
        }
        if (spec.escalates) {
          await tx.task.updateMany({
            where: { id: spec.escalates, escalatedAt: null },
            data: { escalatedAt: new Date() },
          });
        }
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'TASK_OPENED',
          targetType: 'Task',
          targetId: spec.taskId,
          details: {
            type: spec.type,
            applicationId: spec.applicationId,
            ...(spec.caseId ? { caseKind: spec.caseKind ?? 'APPLICATION', caseId: spec.caseId } : {}),
            ...(spec.escalationKind ? { escalationKind: spec.escalationKind } : {}),
            ...(spec.assignee ? { assignee: spec.assignee } : {}),
            candidateRole: spec.candidateRole,
            jurisdiction: spec.jurisdiction,
            dueAt: spec.dueAt,
            ...(spec.escalates ? { escalates: spec.escalates } : {}),
          },
        });
        await notifyTask(
          tx,
          spec.assignee ? 'TASK_ASSIGNED' : spec.type === 'ESCALATION' ? 'ESCALATION' : 'TASK_OPENED',
          {
            id: spec.taskId,
            candidateRole: spec.candidateRole,
            jurisdiction: spec.jurisdiction,
            department: referral?.department ?? null,
            assignee: spec.assignee ?? null,
            dueAt: spec.dueAt === null ? null : new Date(spec.dueAt),
          },
        );
      });
      await sendPendingSms(prisma, sms, spec.taskId);
    },

    /**
     * Closes a task once the workflow has accepted its decision (DONE) or left the stage by
     * another path (CANCELLED). Only a live (OPEN/CLAIMED) task changes; a closed one is left
     * as it is, so a retry neither overwrites the outcome nor audits twice.
     */
    async closeTask(closing: TaskClosing): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const task = await requireTask(tx, closing.taskId);
        const closed = await tx.task.updateMany({
          where: { id: closing.taskId, status: { in: [...LIVE] } },
          data: {
            status: closing.status,
            outcome: closing.outcome,
            completedBy: closing.completedBy,
            completedAt: new Date(),
          },
        });
        if (closed.count === 0) return;
        let actor: { actorId: string; role: string } = SYSTEM_ACTOR;
        if (closing.completedBy !== null) {
          // The role the person acted in (a supervisor acting in a caseworker's place is
          // not the task's candidate role); looked up in the user directory when not given.
          const role =
            closing.completedByRole ??
            (await tx.user.findUnique({ where: { id: closing.completedBy }, select: { role: true } }))?.role ??
            'UNKNOWN';
          actor = { actorId: closing.completedBy, role };
        }
        await appendAudit(tx, {
          ...actor,
          action: closing.status === 'DONE' ? 'TASK_COMPLETED' : 'TASK_CANCELLED',
          targetType: 'Task',
          targetId: closing.taskId,
          details: { type: task.type, applicationId: task.applicationId, outcome: closing.outcome },
        });
      });
    },

    /**
     * Records the reminder of a live task whose step reached the reminder share of its limit
     * (processes.md §1, SLA). The reminder is the row's reminderSentAt plus the audit row, and
     * the task shows as reminded in the inbox, and a notification to its assignee (or its role's
     * holders while unclaimed) written in the same transaction, then sent as a text message.
     * True when this call sent it, false if it had been sent already (a retry) or the task is
     * no longer live.
     */
    async remindTask(taskId: string): Promise<boolean> {
      const sent = await prisma.$transaction(async (tx) => {
        const task = await requireTask(tx, taskId);
        const reminded = await tx.task.updateMany({
          where: { id: taskId, reminderSentAt: null, status: { in: [...LIVE] } },
          data: { reminderSentAt: new Date() },
        });
        if (reminded.count === 0) return false;
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'TASK_REMINDER_SENT',
          targetType: 'Task',
          targetId: taskId,
          details: { type: task.type, applicationId: task.applicationId, candidateRole: task.candidateRole },
        });
        await notifyTask(tx, 'TASK_REMINDER', task);
        return true;
      });
      await sendPendingSms(prisma, sms, taskId);
      return sent;
    },

    /**
     * A step's limit extended by the county supervisor with a reason (the workflow calls it
     * after its `extendStep` update), or planned again by the worker once a holiday schedule
     * is loaded: the new due date, the reminder re-armed, the case read model's stage due date
     * and overdue flag follow. A retry with the same due date writes nothing.
     */
    async rescheduleTask(input: TaskReschedule): Promise<void> {
      const dueAt = new Date(input.dueAt);
      await prisma.$transaction(async (tx) => {
        const task = await requireTask(tx, input.taskId);
        const moved = await tx.task.updateMany({
          where: {
            id: input.taskId,
            status: { in: [...LIVE] },
            OR: [{ dueAt: null }, { dueAt: { not: dueAt } }, { dueProvisional: { not: input.dueProvisional } }],
          },
          data: { dueAt, dueProvisional: input.dueProvisional, reminderSentAt: null },
        });
        if (moved.count === 0) return;
        // The determination's own step only: a recheck's task names the application of its enrolled case too.
        if (task.applicationId !== null) {
          await tx.application.updateMany({
            where: { id: task.applicationId, workflowId: task.workflowId },
            data: { stageDueAt: dueAt, ...(dueAt.getTime() > Date.now() ? { overdue: false } : {}) },
          });
        }
        await appendAudit(tx, {
          ...auditActorOf(input.actor),
          action: input.cause === 'CALENDAR_LOADED' ? 'TASK_DUE_RECALCULATED' : 'TASK_DEADLINE_EXTENDED',
          targetType: 'Task',
          targetId: input.taskId,
          reason: input.reason,
          requestId: input.requestId ?? null,
          details: {
            type: task.type,
            applicationId: task.applicationId,
            dueAt: input.dueAt,
            dueProvisional: input.dueProvisional,
          },
        });
      });
    },
  };
}

export type TaskActivities = ReturnType<typeof createTaskActivities>;

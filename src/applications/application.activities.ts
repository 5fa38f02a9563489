import { appendAudit } from '../audit/audit-log';
import type { ActorRef, DeterminationInput } from '../contracts/determination';
import type { PrismaClient } from '../prisma/prisma-client';
import { applicationWorkflowId } from '../temporal/workflow-ids';

export interface ApplicationEventInput {
  applicationId: string;
  /** Deterministic per workflow step, so a retried activity writes nothing twice. */
  eventKey: string;
  type: string;
  stage: string;
  actor: ActorRef | null;
  requestId: string | null;
  reason: string | null;
}

/** The worker's identity on audit rows for steps no person took (timers, intake). */
export const SYSTEM_ACTOR = { actorId: 'system:workflow', role: 'SYSTEM' } as const;

/** Activities of the determination workflow, built from their dependencies (rule 5). */
export function createApplicationActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;

  return {
    /**
     * Makes sure the application row exists (the API writes it first; if its commit was
     * lost after the workflow started, this recreates it) and marks intake recorded.
     */
    async recordIntake(input: DeterminationInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.application.upsert({
          where: { id: input.applicationId },
          update: {},
          create: {
            id: input.applicationId,
            householdId: input.householdId,
            category: input.category,
            channel: input.channel,
            stage: 'SUBMITTED',
            workflowId: applicationWorkflowId(input.applicationId),
            townshipCode: input.townshipCode,
            countyCode: input.countyCode,
            submittedBy: input.submittedBy.userId,
          },
        });
        const inserted = await tx.applicationEvent.createMany({
          data: [{ applicationId: input.applicationId, eventKey: 'intake', type: 'INTAKE_RECORDED', stage: 'SUBMITTED', actorId: input.submittedBy.userId }],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        await tx.application.update({ where: { id: input.applicationId }, data: { intakeRecordedAt: new Date() } });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'APPLICATION_INTAKE_RECORDED',
          targetType: 'Application',
          targetId: input.applicationId,
          requestId: input.requestId,
        });
      });
    },

    /** One step of the case timeline: stage on the application row, event and audit row. */
    async recordApplicationEvent(event: ApplicationEventInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const inserted = await tx.applicationEvent.createMany({
          data: [{ applicationId: event.applicationId, eventKey: event.eventKey, type: event.type, stage: event.stage, actorId: event.actor?.userId ?? null, reason: event.reason }],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        await tx.application.update({ where: { id: event.applicationId }, data: { stage: event.stage } });
        await appendAudit(tx, {
          ...(event.actor ? { actorId: event.actor.userId, role: event.actor.role } : SYSTEM_ACTOR),
          action: `APPLICATION_${event.type}`,
          targetType: 'Application',
          targetId: event.applicationId,
          reason: event.reason,
          requestId: event.requestId,
        });
      });
    },
  };
}

export type ApplicationActivities = ReturnType<typeof createApplicationActivities>;

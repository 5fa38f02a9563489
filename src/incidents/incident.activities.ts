import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { IncidentRaised } from '../core/contracts/incident';
import type { PrismaClient } from '../prisma/prisma-client';

/**
 * Incident rows, written by the workflow that stopped (architecture.md rule 11). Idempotent:
 * the workflow names the incident, and a step that fails again after a retry raises the same
 * incident once more (occurrences + 1), not a second one.
 */
export function createIncidentActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    async raiseIncident(i: IncidentRaised): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const existing = await tx.incident.findUnique({ where: { id: i.incidentId }, select: { occurrences: true } });
        // A retried activity finds its own occurrence written already: nothing more to write.
        if (existing && existing.occurrences >= i.occurrence) return;
        if (existing) {
          await tx.incident.update({
            where: { id: i.incidentId },
            data: {
              status: 'OPEN',
              occurrences: i.occurrence,
              lastAt: new Date(),
              errorCode: i.errorCode,
              message: i.message,
              resolvedAt: null,
            },
          });
        } else {
          await tx.incident.create({
            data: {
              id: i.incidentId,
              workflowId: i.workflowId,
              caseKind: i.caseKind,
              caseId: i.caseId,
              countyCode: i.countyCode,
              step: i.step,
              errorCode: i.errorCode,
              message: i.message,
            },
          });
        }
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'INCIDENT_RAISED',
          targetType: 'Incident',
          targetId: i.incidentId,
          reason: i.message,
          details: {
            workflowId: i.workflowId,
            caseKind: i.caseKind,
            caseId: i.caseId,
            step: i.step,
            errorCode: i.errorCode,
          },
        });
      });
    },

    /** The step completed after a retry. */
    async incidentResolved({ incidentId }: { incidentId: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const done = await tx.incident.updateMany({
          where: { id: incidentId, status: { in: ['OPEN', 'RETRYING'] } },
          data: { status: 'RESOLVED', resolvedAt: new Date() },
        });
        if (done.count > 0)
          await appendAudit(tx, {
            ...SYSTEM_ACTOR,
            action: 'INCIDENT_RESOLVED',
            targetType: 'Incident',
            targetId: incidentId,
          });
      });
    },
  };
}

export type IncidentActivities = ReturnType<typeof createIncidentActivities>;

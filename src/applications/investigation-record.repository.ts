import { auditActorOf } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { ActorRef, InvestigationRecord } from '../core/contracts/determination';
import type { Prisma } from '../prisma/prisma-client';

export interface InvestigationRecordWrite {
  applicationId: string;
  /** The step's timeline event key (deterministic per workflow step): a retry finds its row. */
  eventKey: string;
  actor: ActorRef | null;
  requestId: string | null;
  record: InvestigationRecord;
}

/**
 * Writes the record and its audit row inside the caller's transaction; a retried activity
 * (same eventKey) writes neither again. The audit row says what was recorded and by whom,
 * never the findings, minutes or investigators' names.
 */
export async function writeInvestigationRecord(
  tx: Prisma.TransactionClient,
  w: InvestigationRecordWrite,
): Promise<void> {
  const by = auditActorOf(w.actor);
  const common = {
    applicationId: w.applicationId,
    eventKey: w.eventKey,
    recordedBy: by.actorId,
    recordedRole: by.role,
  };
  const audit = (action: string, details: Record<string, string | number | boolean | null>) =>
    appendAudit(tx, {
      ...by,
      action,
      targetType: 'Application',
      targetId: w.applicationId,
      requestId: w.requestId,
      details: { eventKey: w.eventKey, ...details },
    });
  const { record } = w;
  switch (record.action) {
    case 'recordHomeVisit': {
      const inserted = await tx.homeVisit.createMany({
        data: [
          {
            ...common,
            kind: 'HOUSEHOLD',
            investigators: record.investigators,
            findings: record.findings,
            householdSigned: record.signedByHousehold,
            ...(record.selfCareAssessment ? { selfCareAssessment: record.selfCareAssessment } : {}),
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count > 0) {
        await audit('HOME_VISIT_RECORDED', {
          kind: 'HOUSEHOLD',
          investigators: record.investigators.length,
          householdSigned: record.signedByHousehold,
          selfCareAssessed: record.selfCareAssessment !== undefined,
        });
      }
      return;
    }
    case 'recordCountyHomeVisit': {
      const inserted = await tx.homeVisit.createMany({
        data: [{ ...common, kind: 'COUNTY', investigators: [], findings: record.findings, householdSigned: null }],
        skipDuplicates: true,
      });
      if (inserted.count > 0) await audit('HOME_VISIT_RECORDED', { kind: 'COUNTY' });
      return;
    }
    case 'recordAppraisal': {
      const inserted = await tx.democraticAppraisal.createMany({
        data: [{ ...common, participants: record.participants, result: record.result, minutes: record.minutes }],
        skipDuplicates: true,
      });
      if (inserted.count > 0)
        await audit('DEMOCRATIC_APPRAISAL_RECORDED', { participants: record.participants, result: record.result });
      return;
    }
  }
}

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit-log';
import { SYSTEM_ACTOR } from '../../audit/audit-events';
import { countyOf, townshipOf } from '../../core/contracts/division';
import { outreachTaskKey, type OutreachVisitKind } from '../../core/contracts/outreach';
import type { Prisma } from '../../prisma/prisma-client';

export interface OutreachTaskSpec {
  householdId: string;
  /** The household's village: the task is its village assistant's. */
  villageCode: string;
  kind: OutreachVisitKind;
  /** The round's (county and day) or the survey's workflow id. */
  workflowId: string;
  /** Who opened it, for the audit row: the system (a round) or the supervisor (a survey). */
  actor?: { actorId: string; role: string; requestId?: string };
}

const REASON_ZH: Record<OutreachVisitKind, string> = {
  ROUTINE: '重点家庭日常走访：请入户了解家庭情况并如实记录',
  SURVEY: '随机调查走访：该户被抽中，请入户了解家庭情况并如实记录',
};

/**
 * Takes the households' advisory locks (held to the commit), in one order for every caller:
 * the round and the surveys then see each other's committed visit tasks, and neither waits
 * for a household lock while holding the audit chain's lock (taken at the first audit row).
 */
export async function lockOutreachHouseholds(tx: Prisma.TransactionClient, householdIds: readonly string[]) {
  for (const id of [...householdIds].sort())
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`outreach-visit:${id}`}, 0))`;
}

/**
 * Opens the household's OUTREACH_VISIT task for its village assistant, with its audit row, in
 * the caller's transaction, which holds the household's lock (lockOutreachHouseholds). A
 * household with a visit task open already gets none: null.
 */
export async function openOutreachTask(tx: Prisma.TransactionClient, spec: OutreachTaskSpec): Promise<string | null> {
  const id = randomUUID();
  const countyCode = countyOf(spec.villageCode);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO task (id, task_key, type, case_kind, case_id, reason, workflow_id, candidate_role,
                      jurisdiction, county_code, township_code, priority)
    SELECT ${id}::uuid, ${outreachTaskKey(spec.householdId)}, 'OUTREACH_VISIT', 'HOUSEHOLD',
           ${spec.householdId}::uuid, ${REASON_ZH[spec.kind]}, ${spec.workflowId}, 'VILLAGE_ASSISTANT'::"Role",
           ${spec.villageCode}, ${countyCode}, ${townshipOf(spec.villageCode) ?? countyCode}, 0
    WHERE NOT EXISTS (
      SELECT 1 FROM task t
      WHERE t.case_kind = 'HOUSEHOLD' AND t.case_id = ${spec.householdId}::uuid
        AND t.type = 'OUTREACH_VISIT' AND t.status IN ('OPEN', 'CLAIMED'))
    ON CONFLICT DO NOTHING
    RETURNING id::text`;
  if (rows.length === 0) return null;
  const actor = spec.actor ?? SYSTEM_ACTOR;
  await appendAudit(tx, {
    actorId: actor.actorId,
    role: actor.role,
    action: 'TASK_OPENED',
    targetType: 'Task',
    targetId: id,
    requestId: spec.actor?.requestId ?? null,
    details: { type: 'OUTREACH_VISIT', kind: spec.kind, householdId: spec.householdId, villageCode: spec.villageCode },
  });
  return id;
}

/** The open (or claimed) visit task of a household, if any. */
export async function openOutreachTaskOf(tx: Prisma.TransactionClient, householdId: string): Promise<string | null> {
  const t = await tx.task.findFirst({
    where: { type: 'OUTREACH_VISIT', caseId: householdId, status: { in: ['OPEN', 'CLAIMED'] } },
    select: { id: true },
  });
  return t?.id ?? null;
}

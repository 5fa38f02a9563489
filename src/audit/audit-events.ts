import type { Prisma } from '../prisma/prisma-client';

// Workflow steps on the audit trail: who took them (a person, or the worker), and events
// that carry the workflow's deterministic event key, so a retried activity finds its row
// and writes nothing twice.

/** Whether an event with this key is already on the target's audit trail. */
export async function auditEventSeen(
  tx: Prisma.TransactionClient,
  targetType: string,
  targetId: string,
  eventKey: string,
): Promise<boolean> {
  const rows = await tx.$queryRaw<
    unknown[]
  >`SELECT 1 FROM audit_log WHERE target_type = ${targetType} AND target_id = ${targetId} AND details->>'eventKey' = ${eventKey} LIMIT 1`;
  return rows.length > 0;
}

/** The worker's identity on audit rows for steps no person took (timers, intake). */
export const SYSTEM_ACTOR = { actorId: 'system:workflow', role: 'SYSTEM' } as const;

/** The audit actor of a workflow step: the person who acted, or the worker for timers. */
export const auditActorOf = (
  a: { userId: string; role: string } | null | undefined,
): { actorId: string; role: string } => (a ? { actorId: a.userId, role: a.role } : SYSTEM_ACTOR);

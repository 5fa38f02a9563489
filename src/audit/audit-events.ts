import { SYSTEM_ACTOR } from '../applications/application.activities';
import type { ActorRef } from '../contracts/determination';
import type { Prisma } from '../prisma/prisma-client';

// Workflow events recorded as audit rows that carry the workflow's deterministic event key:
// a retried activity finds its row and writes nothing twice.

/** Whether an event with this key is already on the target's audit trail. */
export async function auditEventSeen(tx: Prisma.TransactionClient, targetType: string, targetId: string, eventKey: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM audit_log WHERE target_type = ${targetType} AND target_id = ${targetId} AND details->>'eventKey' = ${eventKey} LIMIT 1`;
  return rows.length > 0;
}

/** The audit actor of a workflow step: the person who acted, or the worker for timers. */
export const auditActorOf = (a: ActorRef | null): { actorId: string; role: string } => (a ? { actorId: a.userId, role: a.role } : SYSTEM_ACTOR);

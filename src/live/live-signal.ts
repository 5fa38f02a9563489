import { divisionCovers } from '../core/contracts/division';
import type { Actor, Role } from '../core/contracts/roles';

/**
 * What the database announces on the channel `safetynet_live` (the triggers of migration
 * 20261207030100_live_notify): ids, kinds and the fields visibility is decided on.
 */
export type LiveSignal =
  | {
      topic: 'task';
      id: string;
      kind: 'TASK_OPENED' | 'TASK_CHANGED' | 'TASK_CLOSED';
      role: Role;
      jurisdiction: string;
      department: string | null;
      assignee: string | null;
      previousAssignee: string | null;
    }
  | {
      topic: 'notification';
      id: string;
      kind: string;
      userId: string | null;
      role: Role | null;
      jurisdiction: string | null;
      department: string | null;
    };

export const LIVE_CHANNEL = 'safetynet_live';

export function parseSignal(payload: string | undefined): LiveSignal | null {
  try {
    const s = JSON.parse(payload ?? '') as Partial<LiveSignal>;
    return (s.topic === 'task' || s.topic === 'notification') && typeof s.id === 'string' ? (s as LiveSignal) : null;
  } catch {
    return null;
  }
}

/** A role's share of the inbox rule: the candidate role, a jurisdiction covering the row's, a liaison's department. */
const roleReaches = (actor: Actor, role: Role | null, jurisdiction: string | null, department: string | null) =>
  role === actor.role &&
  jurisdiction !== null &&
  divisionCovers(actor.jurisdiction, jurisdiction) &&
  (actor.role !== 'DEPARTMENT_LIAISON' || department === null || department === actor.department);

/**
 * Whether a stream of this actor is told about the signal: the tasks their inbox shows (and one
 * taken from or given to them), the notifications addressed to them.
 */
export function reaches(actor: Actor, s: LiveSignal): boolean {
  if (s.topic === 'task') {
    if (s.assignee === actor.userId || s.previousAssignee === actor.userId) return true;
    return roleReaches(actor, s.role, s.jurisdiction, s.department);
  }
  if (s.userId !== null) return s.userId === actor.userId;
  return roleReaches(actor, s.role, s.jurisdiction, s.department);
}

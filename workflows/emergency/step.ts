import type { Role } from '../../src/core/contracts/roles';
import type { EscalationKind, TaskType } from '../../src/core/contracts/task';
import { humanStep } from '../shared/human-step';
import { type Acted, event, type EmergencyRun, LIMIT } from './run';

/** A human step: its task, reminder and escalation; returns the action that completed it (and closes its task). */
export async function step(
  run: EmergencyRun,
  type: TaskType,
  role: Role,
  jurisdiction: string,
  limitId: string,
  kind: EscalationKind,
  reason: string,
): Promise<Acted>;
/** …or null when `cancelled` ended it first (its task is then cancelled). */
export async function step(
  run: EmergencyRun,
  type: TaskType,
  role: Role,
  jurisdiction: string,
  limitId: string,
  kind: EscalationKind,
  reason: string,
  cancelled: () => boolean,
): Promise<Acted | null>;
export async function step(
  run: EmergencyRun,
  type: TaskType,
  role: Role,
  jurisdiction: string,
  limitId: string,
  kind: EscalationKind,
  reason: string,
  cancelled: () => boolean = () => false,
): Promise<Acted | null> {
  const { act, state } = run;
  run.completed = null;
  let taskId = '';
  await humanStep(
    act,
    run.c,
    { type, role, jurisdiction, limitId, escalate: true, escalationKind: kind, escalationReason: reason, priority: 1 },
    (spec) => {
      taskId = spec.taskId;
      state.currentTask = { taskId: spec.taskId, type, candidateRole: role, jurisdiction, dueAt: spec.dueAt };
    },
    () => run.completed !== null || cancelled(),
    LIMIT.escalation,
    () => void state.overdueSteps++,
  );
  const done = run.completed as Acted | null;
  if (done === null) {
    state.currentTask = null;
    await act.closeTask({
      taskId,
      status: 'CANCELLED',
      outcome: state.stage,
      completedBy: null,
      completedByRole: null,
    });
    return null;
  }
  await act.closeTask({
    taskId,
    status: 'DONE',
    outcome: done.command.action,
    completedBy: done.actor.userId,
    completedByRole: done.actor.role,
  });
  await event(run, `ACTION_${done.command.action}`, done);
  return done;
}

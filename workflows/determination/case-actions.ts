import type { Acting, DeterminationAction } from '../../src/core/contracts/determination';
import { deadlineOf } from '../shared/calendar-loads';
import { type DeterminationCase, closeWithNotice, event } from './case';
import { extendedProcessLimit } from './limits';

// Actions on the case as a whole (processes.md §1, last row): they act at any open stage,
// beside the open task, which the stage keeps waiting for.

/** Actions that complete the open task (the others act on the case as a whole). */
export const TASK_ACTIONS = new Set<DeterminationAction['action']>([
  'accept',
  'requestSupplement',
  'declineInadmissible',
  'supplement',
  'startInvestigation',
  'recordHomeVisit',
  'submitOpinion',
  'reinvestigate',
  'holdAppraisal',
  'dismissObjection',
  'recordAppraisal',
  'recordCountyHomeVisit',
  'confirm',
  'refuse',
]);

/** Changes the state at once, before any await, so the Update's reply and a concurrent validator see it. */
export function applyCaseLevel({ state }: DeterminationCase, { command }: Acting<DeterminationAction>): void {
  if (command.action === 'withdraw') state.stage = 'WITHDRAWN';
  if (command.action === 'terminateNonCooperation') state.stage = 'TERMINATED';
  if (command.action === 'extendProcess') state.processExtended = true;
}

/** What a task action changes at once, in the Update's reply: a second start is then refused as such. */
export function applyTaskAction({ state }: DeterminationCase, { command }: Acting<DeterminationAction>): void {
  if (command.action === 'startInvestigation')
    state.investigation = { startedAt: new Date().toISOString(), appointmentDate: command.appointmentDate ?? null };
}

/** Records a case-level action (notice, due dates, timeline). */
export async function afterAction(c: DeterminationCase, acting: Acting<DeterminationAction>): Promise<void> {
  const { act, input, state } = c;
  const { command } = acting;
  switch (command.action) {
    case 'withdraw':
      await closeWithNotice(c, 'WITHDRAWN', 'WITHDRAWN', [command.reason], acting);
      return;
    case 'terminateNonCooperation':
      await closeWithNotice(c, 'TERMINATED', 'TERMINATED_NON_COOPERATION', [command.reason], acting);
      return;
    case 'extendProcess': {
      const plan = { limitId: extendedProcessLimit(c), from: c.acceptedAt!, county: input.countyCode };
      const due = await act.planDue(plan);
      c.processDeadline = deadlineOf(plan, due);
      state.processDueAt = due.dueAt;
      state.processOverdue = false;
      c.deadlineVersion++;
      await act.updateReadModel({ applicationId: input.applicationId, processDueAt: due.dueAt });
      await event(c, 'PROCESS_EXTENDED', acting, command.reason);
      return;
    }
    case 'extendStep': {
      const task = state.currentTask!;
      // Counted from the old due date, or from today when that has already passed.
      const from = new Date(Math.max(Date.parse(task.dueAt!), Date.now())).toISOString();
      const plan = { limitId: null, workingDays: command.workingDays, from, county: input.countyCode };
      const due = await act.planDue(plan);
      c.stepDeadline = deadlineOf(plan, due);
      task.dueAt = due.dueAt;
      c.deadlineMovedBy = 'DEADLINE_EXTENDED';
      c.deadlineVersion++; // wakes the step's timers on the new due date
      await act.rescheduleTask({
        taskId: task.taskId,
        dueAt: due.dueAt,
        dueProvisional: due.provisional,
        reason: command.reason,
        actor: acting.actor,
        requestId: acting.requestId,
      });
      await event(
        c,
        'STEP_EXTENDED',
        acting,
        `${command.reason}（延长 ${command.workingDays} 个工作日，至 ${due.dueAt}）`,
      );
      return;
    }
    default:
      return; // task actions are recorded by humanStep
  }
}

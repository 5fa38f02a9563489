import { condition } from '@temporalio/workflow';
import type { DueRequest, PlannedDue } from '../../src/applications/due-dates';
import { type CalendarLoads, type Deadline, replanDeadline } from './calendar-loads';

// The timers of one human step of the recheck, emergency and deliberation workflows: a
// reminder at a share of the limit, one escalation when it has passed. A holiday-schedule
// load plans a provisional due date again; the moved date gets its own reminder and, if
// missed, its own escalation (the one opened on the provisional date is withdrawn).
// Without a load it issues exactly the timers and activities of the loops it replaced, so
// recorded histories replay unchanged.

export interface DeadlineWatch {
  finished: () => boolean;
  openedAt: string;
  deadline: Deadline;
  reminderShare: number;
  loads: CalendarLoads;
  planDue: (req: DueRequest) => Promise<PlannedDue>;
  remind: () => Promise<void>;
  /** Opens the escalation; returns its task id. */
  escalate: () => Promise<string>;
  /** The due date moved: the task row and the workflow's state follow. */
  moved: (next: Deadline) => Promise<void>;
  /** The escalation opened on the earlier date is closed (the step is no longer overdue). */
  withdrawEscalation: (taskId: string) => Promise<void>;
}

/** Waits until the step is finished; returns the escalation still open, if any (the caller closes it). */
export async function watchDeadline(w: DeadlineWatch): Promise<string | null> {
  let deadline = w.deadline;
  let reminded = false;
  let escalation: string | null = null;
  while (!w.finished()) {
    const seen = w.loads.version();
    const wake = () => w.finished() || w.loads.version() !== seen;
    const due = Date.parse(deadline.dueAt);
    const remindAt = Date.parse(w.openedAt) + w.reminderShare * (due - Date.parse(w.openedAt));
    let timedOut = false;
    if (escalation !== null) await condition(wake); // escalated: only the step or a load ends the wait
    else timedOut = !(await condition(wake, Math.max((reminded ? due : remindAt) - Date.now(), 0)));
    if (w.finished()) break;
    if (!timedOut) {
      const next = await replanDeadline(w.planDue, deadline, w.loads);
      if (next === null) continue;
      const movedDate = next.dueAt !== deadline.dueAt;
      deadline = next;
      await w.moved(next);
      if (movedDate) {
        reminded = false;
        if (escalation !== null) await w.withdrawEscalation(escalation);
        escalation = null;
      }
      continue;
    }
    if (!reminded) {
      reminded = true;
      await w.remind();
      continue;
    }
    escalation = await w.escalate();
  }
  return escalation;
}

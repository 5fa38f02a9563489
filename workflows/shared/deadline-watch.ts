import { condition } from '@temporalio/workflow';
import type { DueRequest, PlannedDue } from '../../src/core/due';
import { type CalendarLoads, type Deadline, replanDeadline } from './calendar-loads';

// The timers of one human step of the recheck, emergency, deliberation and determination
// workflows: a reminder at a share of the limit, one escalation when it has passed. A
// holiday-schedule load plans a provisional due date again, and an owner may move a
// movable one (a supervisor's extension); a moved date gets its own reminder and, if
// missed, its own escalation (the one opened on the earlier date is withdrawn).
// Without a load or a move it issues exactly the timers and activities of the loops it
// replaced, so recorded histories replay unchanged.

/** Why a step's deadline moved: the outcome given to an escalation it makes obsolete. */
export type DeadlineMove = 'DEADLINE_EXTENDED' | 'DEADLINE_RECALCULATED';

/** A due date its owner moves outside the watch (from an Update); a new version() makes the watch read deadline() again. */
export interface MovableDeadline {
  version(): number;
  deadline(): Deadline;
}

export interface DeadlineWatch {
  finished: () => boolean;
  openedAt: string;
  deadline: Deadline;
  reminderShare: number;
  loads: CalendarLoads;
  planDue: (req: DueRequest) => Promise<PlannedDue>;
  /** The due date ends the wait: no reminder or escalation (a deadline the household was told of). */
  expires?: boolean;
  movable?: MovableDeadline;
  remind: () => Promise<void>;
  /** Opens the escalation; returns its task id. */
  escalate: () => Promise<string>;
  /** A load planned the due date again (dateMoved false: only its provisional mark went): the task row and the workflow's state follow. */
  moved: (next: Deadline, dateMoved: boolean) => Promise<void>;
  /** The escalation opened on the earlier date is closed (the step is no longer overdue). */
  withdrawEscalation: (taskId: string, cause: DeadlineMove) => Promise<void>;
}

/**
 * Waits until the step is finished (or, when it expires, its due date has passed); returns
 * the escalation still open, if any (the caller closes it).
 */
export async function watchDeadline(w: DeadlineWatch): Promise<string | null> {
  let deadline = w.movable?.deadline() ?? w.deadline; // moved already while its task was being opened
  let reminded = false;
  let escalation: string | null = null;
  // Kept across turns: a load or a move told during an activity is handled on the next one.
  let seenLoads = w.loads.version();
  let seenMoves = w.movable?.version() ?? 0;
  const movedTo = async (next: Deadline, cause: DeadlineMove): Promise<void> => {
    if (next.dueAt === deadline.dueAt) return void (deadline = next);
    deadline = next;
    reminded = false;
    if (escalation !== null) await w.withdrawEscalation(escalation, cause);
    escalation = null;
  };
  while (!w.finished()) {
    if (w.loads.version() !== seenLoads) {
      seenLoads = w.loads.version();
      const next = await replanDeadline(w.planDue, deadline, w.loads);
      if (next === null) continue;
      const dateMoved = next.dueAt !== deadline.dueAt;
      await w.moved(next, dateMoved);
      await movedTo(next, 'DEADLINE_RECALCULATED');
      continue;
    }
    if (w.movable && w.movable.version() !== seenMoves) {
      seenMoves = w.movable.version();
      await movedTo(w.movable.deadline(), 'DEADLINE_EXTENDED');
      continue;
    }
    const wake = () => w.finished() || w.loads.version() !== seenLoads || (w.movable?.version() ?? 0) !== seenMoves;
    const due = Date.parse(deadline.dueAt);
    const remindAt = Date.parse(w.openedAt) + w.reminderShare * (due - Date.parse(w.openedAt));
    let timedOut = false;
    if (escalation !== null)
      await condition(wake); // escalated: only the step, a load or a move ends the wait
    else timedOut = !(await condition(wake, Math.max((reminded || w.expires ? due : remindAt) - Date.now(), 0)));
    if (w.finished() || !timedOut) continue;
    if (w.expires) break;
    if (!reminded) {
      reminded = true;
      await w.remind();
      continue;
    }
    escalation = await w.escalate();
  }
  return escalation;
}

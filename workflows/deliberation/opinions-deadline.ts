import { condition } from '@temporalio/workflow';
import { msUntil } from '../../src/core/clock';
import { CALENDAR_LOADED_REASON, deadlineOf, replanDeadline } from '../shared/calendar-loads';
import { openEscalation } from '../shared/human-step';
import { type DeliberationRun, LIMIT, openDeadlineTasks, record } from './run';

/**
 * Watches the opinions deadline until the matter leaves OPINIONS. At the deadline without
 * quorum (and not yet extended) the chair is reminded and may extend once; otherwise one
 * escalation. An extension is planned from today; a holiday-schedule load plans the
 * deadline again. Returns the escalation task still open, if any.
 */
export async function watchOpinionsDeadline(run: DeliberationRun): Promise<string | null> {
  const { act, input, state, c } = run;
  let escalation: string | null = null;
  while (state.stage === 'OPINIONS') {
    const version = run.deadlineVersion;
    const loads = c.calendarLoads.version();
    const moved = () =>
      state.stage !== 'OPINIONS' || run.deadlineVersion !== version || c.calendarLoads.version() !== loads;
    if (!(await condition(moved, msUntil(state.deadlineAt!)))) {
      // The deadline passed without a decision.
      if (!state.tally.quorumReached && !state.extended) {
        state.deadlineMissed = true;
        await act.remindTask(run.decideTaskId);
        await record(run, 'DEADLINE_WITHOUT_QUORUM', null, {
          reason: `期限 ${state.deadlineAt} 届满，发表意见 ${Object.keys(state.opinions).length}/${state.members.length}，未达到法定人数；已提醒召集人，可延期一次`,
        });
      } else if (escalation === null) {
        escalation = await openEscalation(
          act,
          c,
          'DELIBERATION_STALLED',
          `一事一议期限 ${state.deadlineAt} 届满仍未作出决定`,
          run.decideTaskId,
          LIMIT.escalation,
        );
      }
      await condition(moved);
    }
    if (state.stage === 'OPINIONS' && run.deadlineVersion !== version) {
      // Extended once by the chair: a new deadline counted from today.
      const extension = { limitId: LIMIT.extension, from: new Date().toISOString(), county: input.countyCode };
      run.opinionsDeadline = deadlineOf(extension, await act.planDue(extension));
      state.deadlineAt = run.opinionsDeadline.dueAt;
      run.plannedVersion = run.deadlineVersion;
    } else if (state.stage === 'OPINIONS' && c.calendarLoads.version() !== loads) {
      const next = await replanDeadline(act.planDue, run.opinionsDeadline, c.calendarLoads);
      if (next !== null && state.stage === 'OPINIONS') {
        run.opinionsDeadline = next;
        state.deadlineAt = next.dueAt;
        if (msUntil(next.dueAt) > 0) {
          // No longer missed: the escalation raised on the provisional date is withdrawn.
          state.deadlineMissed = false;
          if (escalation !== null)
            await act.closeTask({
              taskId: escalation,
              status: 'DONE',
              outcome: 'DEADLINE_RECALCULATED',
              completedBy: null,
              completedByRole: null,
            });
          escalation = null;
        }
        for (const taskId of openDeadlineTasks(run)) {
          await act.rescheduleTask({
            taskId,
            dueAt: next.dueAt,
            dueProvisional: next.provisional,
            reason: CALENDAR_LOADED_REASON,
            cause: 'CALENDAR_LOADED',
          });
        }
        await record(run, 'DEADLINE_RECALCULATED', null, { deadlineAt: next.dueAt, reason: CALENDAR_LOADED_REASON });
      }
    }
  }
  return escalation;
}

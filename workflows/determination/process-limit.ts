import { condition } from '@temporalio/workflow';
import { CALENDAR_LOADED_REASON, replanDeadline } from '../shared/calendar-loads';
import { msUntil } from '../../src/core/clock';
import { type DeterminationCase, event, isOpen } from './case';
import { openEscalation } from './escalation';

/** The whole-process limit runs beside the stages; passing it escalates once per deadline. */
export async function watchWholeProcess(c: DeterminationCase): Promise<void> {
  const { act, input, state, calendarLoads } = c;
  let flaggedFor: string | null = null;
  let seenLoads = calendarLoads.version();
  while (isOpen(state.stage)) {
    if (calendarLoads.version() !== seenLoads) {
      seenLoads = calendarLoads.version();
      const next = await replanDeadline(act.planDue, c.processDeadline, calendarLoads);
      if (next !== null && isOpen(state.stage)) {
        c.processDeadline = next;
        if (next.dueAt !== state.processDueAt) {
          state.processDueAt = next.dueAt;
          // Overdue on the provisional date and still overdue: no second escalation.
          if (state.processOverdue && msUntil(next.dueAt) === 0) flaggedFor = next.dueAt;
          else state.processOverdue = false;
          await act.updateReadModel({
            applicationId: input.applicationId,
            processDueAt: next.dueAt,
            overdue: state.processOverdue,
          });
          await event(c, 'PROCESS_DUE_RECALCULATED', null, `${CALENDAR_LOADED_REASON}（整体办理时限至 ${next.dueAt}）`);
        }
      }
    }
    const version = c.deadlineVersion;
    const loads = calendarLoads.version();
    const due = state.processDueAt;
    const wake = () => !isOpen(state.stage) || c.deadlineVersion !== version || calendarLoads.version() !== loads;
    if (!due || due === flaggedFor) {
      await condition(wake);
      continue;
    }
    if (await condition(wake, msUntil(due))) continue;
    flaggedFor = due;
    state.processOverdue = true;
    await act.updateReadModel({ applicationId: input.applicationId, overdue: true });
    await openEscalation(c, null, `整体办理时限 ${due} 已到，案件尚未办结`);
  }
}

import { proxyActivities, sleep } from '@temporalio/workflow';
import type { CalendarActivities } from '../src/calendar/calendar.activities';
import type { CalendarLoaded } from '../src/core/contracts/holiday-schedule';
import { CALENDAR_SWEEP } from './profiles';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<CalendarActivities>(CALENDAR_SWEEP);

/**
 * Runs once per holiday-schedule load: signals every running case whose
 * due dates may be provisional, so each plans them again on the loaded calendar. A worker
 * reads the schedules at most a minute late, so a step opened meanwhile may still have
 * been planned on the old calendar: a second sweep two minutes later catches it.
 */
export async function holidayScheduleLoadedWorkflow(
  loaded: CalendarLoaded,
): Promise<{ signalled: number; skipped: number }> {
  const act = watchIncidents({ caseKind: 'CALENDAR', caseId: null, countyCode: '410500' }).guard(activities);
  const first = await act.signalProvisionalCases(loaded);
  await sleep('2 minutes');
  const second = await act.signalProvisionalCases(loaded);
  return { signalled: first.signalled + second.signalled, skipped: first.skipped + second.skipped };
}

import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { summarize, type Summary } from './stats';

type History = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;
type Event = NonNullable<History['events']>[number];

/**
 * What the server recorded for a set of workflows: events, workflow tasks and activities
 * per workflow; Update accepted → completed; workflow-task schedule-to-start (the wait for
 * the worker) and start-to-complete (the worker's processing), from the event times.
 */
export interface HistoryProfile {
  events: number;
  workflowTasks: number;
  activities: number;
  /** Markers: local activities' results (and a patch's marker). */
  markers: number;
  timers: number;
  update: Summary;
  wftWait: Summary;
  wftRun: Summary;
}

export async function historyProfile(client: Client, workflowIds: string[]): Promise<HistoryProfile> {
  let events = 0;
  let workflowTasks = 0;
  let activities = 0;
  let markers = 0;
  let timers = 0;
  const update: number[] = [];
  const wftWait: number[] = [];
  const wftRun: number[] = [];
  for (const id of workflowIds) {
    const list: Event[] = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    const at = new Map<number, number>(list.map((e) => [Number(e.eventId), tsToMs(e.eventTime)]));
    events += list.length;
    for (const e of list) {
      const t = tsToMs(e.eventTime);
      if (e.workflowTaskScheduledEventAttributes) workflowTasks++;
      if (e.activityTaskScheduledEventAttributes) activities++;
      if (e.markerRecordedEventAttributes) markers++;
      if (e.timerStartedEventAttributes) timers++;
      if (e.workflowTaskStartedEventAttributes)
        wftWait.push(t - at.get(Number(e.workflowTaskStartedEventAttributes.scheduledEventId))!);
      if (e.workflowTaskCompletedEventAttributes)
        wftRun.push(t - at.get(Number(e.workflowTaskCompletedEventAttributes.startedEventId))!);
      const done = e.workflowExecutionUpdateCompletedEventAttributes;
      if (done) update.push(t - at.get(Number(done.acceptedEventId))!);
    }
  }
  const n = workflowIds.length || 1;
  return {
    events: events / n,
    workflowTasks: workflowTasks / n,
    activities: activities / n,
    markers: markers / n,
    timers: timers / n,
    update: summarize(update),
    wftWait: summarize(wftWait),
    wftRun: summarize(wftRun),
  };
}

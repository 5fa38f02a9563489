import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { noopUpdate } from './noop.workflow';

// The second baseline of npm run bench:cases: bare Temporal with the history SHAPE of a
// SafetyNet case (as many Updates, activities and timers per case) but no work in any of
// them. Its throughput is the most any implementation of that shape could reach on this
// machine, whatever its activities cost. Sandbox code: @temporalio/workflow only.

export interface Shape {
  /** Human steps, each completed by one Update. */
  updates: number;
  /** Activities before the first step (intake and the like). */
  leadActivities: number;
  /** Activities per step (plan the due date, open the task, record it after the Update). */
  activitiesPerStep: number;
  /** Activities after the last step (decision, closing). */
  tailActivities: number;
}

interface NoopActivities {
  benchNoopActivity(): Promise<void>;
}

const { benchNoopActivity } = proxyActivities<NoopActivities>({ startToCloseTimeout: '30 seconds' });

async function run(activities: number): Promise<void> {
  for (let k = 0; k < activities; k++) await benchNoopActivity();
}

export async function shapedWorkflow(shape: Shape): Promise<number> {
  let received = 0;
  setHandler(noopUpdate, (n) => {
    received++;
    return n;
  });
  await run(shape.leadActivities);
  const before = Math.ceil(shape.activitiesPerStep / 2);
  for (let step = 0; step < shape.updates; step++) {
    await run(before);
    // Waits with a deadline, like a step's SLA reminder: a timer the Update cancels.
    await condition(() => received > step, '7 days');
    await run(shape.activitiesPerStep - before);
  }
  await run(shape.tailActivities);
  return received;
}

/** The activity of every shaped step: nothing. */
export const shapedActivities: NoopActivities = {
  benchNoopActivity: () => Promise.resolve(),
};

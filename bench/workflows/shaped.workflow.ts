import { condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
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
  /**
   * Local activities, except the first after each Update, an activity task (SafetyNet's
   * determination since its local-recording patch: the Update's reply is not held back).
   */
  local: boolean;
  /**
   * The floor's writes: for each activity of the shape, in order, what it writes (through
   * plain SQL, bench/support/sql-floor.ts); absent, every activity is a no-op.
   */
  writes?: unknown[][];
}

interface NoopActivities {
  benchNoopActivity(): Promise<void>;
  benchFloorActivity(floorCase: unknown, writes: unknown[]): Promise<void>;
}

const asTasks = proxyActivities<NoopActivities>({ startToCloseTimeout: '30 seconds' });
const asLocal = proxyLocalActivities<NoopActivities>({ startToCloseTimeout: '30 seconds' });

export async function shapedWorkflow(shape: Shape, floorCase: unknown = null): Promise<number> {
  let slot = 0;
  async function run(activities: number, local: boolean, firstAsTask = false): Promise<void> {
    for (let k = 0; k < activities; k++) {
      const proxy = local && !(firstAsTask && k === 0) ? asLocal : asTasks;
      const writes = shape.writes?.[slot++];
      await (writes ? proxy.benchFloorActivity(floorCase, writes) : proxy.benchNoopActivity());
    }
  }
  let received = 0;
  setHandler(noopUpdate, (n) => {
    received++;
    return n;
  });
  await run(shape.leadActivities, shape.local);
  // Local: all of a step's activities follow its Update, as SafetyNet's local activities all
  // run in the workflow task after the step's task is closed.
  const before = shape.local ? 0 : Math.ceil(shape.activitiesPerStep / 2);
  for (let step = 0; step < shape.updates; step++) {
    await run(before, shape.local);
    // Waits with a deadline, like a step's SLA reminder: a timer the Update cancels.
    await condition(() => received > step, '7 days');
    await run(shape.activitiesPerStep - before, shape.local, true);
  }
  await run(shape.tailActivities, shape.local);
  return received;
}

/** The activity of every shaped step: nothing (the floor's activity is the bench's, with its database pool). */
export const shapedActivities: Pick<NoopActivities, 'benchNoopActivity'> = {
  benchNoopActivity: () => Promise.resolve(),
};

import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

// The bare-Temporal baseline of npm run bench:cases: a workflow that does nothing but
// accept `updates` no-op Updates, then completes. Sandbox code: @temporalio/workflow only.

/** Returns its argument at once: the whole cost is the Update round trip. */
export const noopUpdate = defineUpdate<number, [number]>('benchNoop');

export async function noopWorkflow(updates: number): Promise<number> {
  let received = 0;
  setHandler(noopUpdate, (n) => {
    received++;
    return n;
  });
  await condition(() => received >= updates);
  return received;
}

import { heartbeat } from '@temporalio/activity';
import { type Client, type SignalDefinition, WorkflowNotFoundError } from '@temporalio/client';

/**
 * One signal to each workflow, at most `inFlight` at once and, given a rate, the i-th not
 * before start + i / rate. A workflow that has ended since its id was read is skipped. Runs
 * inside an activity: it heartbeats every 100 workflows.
 */
export async function signalEach<Args extends unknown[]>(
  client: Client,
  workflowIds: readonly string[],
  signal: SignalDefinition<Args>,
  args: Args,
  opts: { inFlight: number; ratePerSecond?: number },
): Promise<{ signalled: number; skipped: number }> {
  const start = Date.now();
  const gapMs = opts.ratePerSecond ? 1000 / opts.ratePerSecond : 0;
  let next = 0;
  let signalled = 0;
  let skipped = 0;
  const lane = async () => {
    for (let i = next++; i < workflowIds.length; i = next++) {
      const wait = start + i * gapMs - Date.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      try {
        await client.workflow.getHandle(workflowIds[i]!).signal(signal, ...args);
        signalled++;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        skipped++;
      }
      if ((signalled + skipped) % 100 === 0) heartbeat(signalled + skipped);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.inFlight, workflowIds.length) }, lane));
  return { signalled, skipped };
}

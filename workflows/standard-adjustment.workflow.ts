import { ContinueAsNew, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AdjustmentInput, AdjustmentStatus } from '../src/core/contracts/standard-adjustment';
import { standardAdjustmentProgressQuery } from '../src/core/messages';
import type { StandardAdjustmentActivities } from '../src/policy-admin/standard-adjustment.activities';
import { SIMULATION_PAGE_RUN } from './profiles';

const act = proxyActivities<StandardAdjustmentActivities>(SIMULATION_PAGE_RUN);

/** Pages per run before continuing as new (keeps the history short on a city-wide run). */
const PAGES_PER_RUN = 200;

/**
 * The yearly standard adjustment (调标): page after page of enrolled cases in scope, each
 * recomputed and sent to its own workflow by the worker, then the report. A case done is
 * never done again (its row is the key), so a crashed worker's page is retried safely and a
 * continued run resumes after the last page. Progress is the run's processed/total.
 */
export async function standardAdjustmentWorkflow(input: AdjustmentInput): Promise<{ status: AdjustmentStatus }> {
  let after: string | null = input.after ?? null;
  let processed = input.processed ?? 0;
  setHandler(standardAdjustmentProgressQuery, () => ({ processed, total: input.total }));
  try {
    for (let pages = 0, more = true; more; pages++) {
      if (pages === PAGES_PER_RUN)
        await continueAsNew<typeof standardAdjustmentWorkflow>({ ...input, after, processed });
      const page = await act.adjustPage(input.adjustmentId, after);
      after = page.next;
      processed = page.processed;
      more = page.next !== null;
    }
    await act.finishAdjustment(input.adjustmentId, 'COMPLETED');
    return { status: 'COMPLETED' };
  } catch (error) {
    // Continuing as new is not a failure: the next run carries on from `after`.
    if (error instanceof ContinueAsNew) throw error;
    await act.finishAdjustment(input.adjustmentId, 'FAILED');
    throw error;
  }
}

import { proxyActivities } from '@temporalio/workflow';
import type { BatchMatched } from '../src/core/contracts/data-source';
import type { WarningActivities } from '../src/monitoring/warnings/warning.activities';
import { BATCH_MATCHING, CALENDAR_SWEEP, RECORDING } from './profiles';
import { watchIncidents } from './shared/incidents';

const recording = proxyActivities<WarningActivities>(RECORDING);
const matching = proxyActivities<Pick<WarningActivities, 'matchDataBatch'>>(BATCH_MATCHING);
// Starting a large batch's warnings takes a while; the heartbeat shows it is alive.
const starting = proxyActivities<Pick<WarningActivities, 'startBatchWarnings'>>(CALENDAR_SWEEP);

/**
 * A staged department batch (数据比对, seed 二(三)1), after its rows were checked and staged by
 * the upload: matched to the registry by the ID-number HMAC, its warnings raised by the
 * rules in force (or the open ones updated), each warning's workflow started, and the
 * batch reported. Every step is idempotent: a retried or resumed run creates nothing twice.
 */
export async function dataBatchWorkflow(input: { batchId: string; countyCode: string }): Promise<BatchMatched> {
  const scope = { caseKind: 'DATA_BATCH' as const, caseId: input.batchId, countyCode: input.countyCode };
  const incidents = watchIncidents(scope);
  const act = incidents.guard(recording);
  const start = incidents.guard(starting);
  // Only the timeout differs from before (same commands, same order): histories replay unchanged.
  const matched = await incidents.guard(matching).matchDataBatch(input.batchId);
  await start.startBatchWarnings(input.batchId);
  await act.reportDataBatch(input.batchId);
  return matched;
}

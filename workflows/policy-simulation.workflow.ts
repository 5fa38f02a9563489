import { CancellationScope, ContinueAsNew, continueAsNew, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { SimulationCursor, SimulationInput, SimulationStatus } from '../src/core/contracts/policy-simulation';
import type { SimulationActivities } from '../src/policy-admin/simulation.activities';
import { SIMULATION_PAGE_RUN } from './profiles';

const act = proxyActivities<SimulationActivities>(SIMULATION_PAGE_RUN);

/** Pages per run before continuing as new (keeps the history short on a city-wide run). */
const PAGES_PER_RUN = 200;

/**
 * A what-if over the registry (policy administration): page after page of cases evaluated
 * and stored by the worker (progress is the run's processed/total row), then the summary.
 * Cancelling it stops at the page in progress and marks the run CANCELLED. It reads the
 * registry and writes only its own rows: no case changes.
 */
export async function policySimulationWorkflow(input: SimulationInput): Promise<{ status: SimulationStatus }> {
  let cursor: SimulationCursor | null = input.cursor ?? { kind: 'ENROLLED', after: null };
  try {
    for (let pages = 0; cursor !== null; pages++) {
      if (pages === PAGES_PER_RUN) await continueAsNew<typeof policySimulationWorkflow>({ ...input, cursor });
      cursor = (await act.simulatePage(input.simulationId, cursor)).next;
    }
    await act.finishSimulation(input.simulationId, 'COMPLETED');
    return { status: 'COMPLETED' };
  } catch (error) {
    // Continuing as new is how a long run carries on, not a failure. (A run that reached this
    // point under the older code closed by continuing as new, so no open history replays it.)
    if (error instanceof ContinueAsNew) throw error;
    const status: SimulationStatus = isCancellation(error) ? 'CANCELLED' : 'FAILED';
    await CancellationScope.nonCancellable(() => act.finishSimulation(input.simulationId, status));
    throw error;
  }
}

import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import type {
  CampaignProgress,
  RecheckCampaignInput,
  RecheckCampaignResult,
} from '../src/core/contracts/recheck-campaign';
import type { CampaignActivities } from '../src/recheck-campaigns/campaign.activities';
import { DAY_MS } from '../src/core/months';
import { campaignProgressQuery } from '../src/core/messages';
import { CAMPAIGN_BATCH, RECORDING } from './profiles';
import { watchIncidents } from './shared/incidents';

const recording = proxyActivities<Pick<CampaignActivities, 'openCampaign' | 'finishCampaign'>>(RECORDING);
const batches = proxyActivities<Pick<CampaignActivities, 'runCampaignBatch'>>(CAMPAIGN_BATCH);

/** Batches per run before continue-as-new: keeps the history short however many cases the county has. */
const BATCHES_PER_RUN = 100;
const MAX_BATCH = 2000;

/**
 * A county's recheck campaign: asks every enrolled case of the county and
 * categories whose next recheck falls in the window to recheck now, batch by batch, at the
 * campaign's rate (the batch activity paces its signals). Each case starts its own recheck
 * child, so the campaign only has to survive restarts, not to hold the rechecks.
 */
export async function recheckCampaignWorkflow(input: RecheckCampaignInput): Promise<RecheckCampaignResult> {
  const campaignId = input.campaignId ?? uuid4();
  const incidents = watchIncidents({ caseKind: 'CAMPAIGN', caseId: campaignId, countyCode: input.countyCode });
  const record = incidents.guard(recording);
  const batch = incidents.guard(batches);
  // A scheduled run covers the cases due from its start within `windowDays`.
  const dueFrom = input.dueFrom ?? new Date(Date.now()).toISOString();
  const dueTo = input.dueTo ?? new Date(Date.parse(dueFrom) + (input.windowDays ?? 365) * DAY_MS).toISOString();
  let progress: CampaignProgress = input.progress ?? {
    cursor: null,
    selected: 0,
    signalled: 0,
    skipped: 0,
    batches: 0,
  };
  setHandler(campaignProgressQuery, () => progress);

  const scope = {
    campaignId,
    countyCode: input.countyCode,
    categories: input.categories,
    dueFrom,
    dueTo,
    ratePerSecond: input.ratePerSecond,
  };
  if (!input.campaignId)
    await record.openCampaign({
      ...scope,
      workflowId: workflowInfo().workflowId,
      scheduleId: input.scheduleId ?? null,
    });

  // About a minute of signals per batch, so a slow campaign still heartbeats and checkpoints often.
  const limit = input.batchSize ?? Math.max(1, Math.min(MAX_BATCH, input.ratePerSecond * 60));
  for (let run = 0; ; run++) {
    const next = await batch.runCampaignBatch({ ...scope, limit, progress });
    if (next.batches === progress.batches) break;
    progress = next;
    if (run + 1 >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof recheckCampaignWorkflow>({ ...input, ...scope, progress });
    }
  }
  await record.finishCampaign({ campaignId, progress });
  return { campaignId, ...progress };
}

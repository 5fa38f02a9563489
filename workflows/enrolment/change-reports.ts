import { patched } from '@temporalio/workflow';
import type { ChangeNotice } from '../../src/core/contracts/enrolment';
import type { EnrolledCase } from './case-context';

/** A change report: a material one asks for a recheck; a death also starts its processing deadline. */
export function changeReported(c: EnrolledCase, change: ChangeNotice): void {
  const { state } = c;
  state.changesReported++;
  if (change.material && state.status !== 'EXITED') state.changeRecheckPending = true;
  // Patched: a case already running when this shipped may have a DEATH signal in its history.
  if (change.kind === 'DEATH' && state.status !== 'EXITED' && patched('death-deadline')) {
    state.deaths.push({
      changeReportId: change.changeReportId,
      reportedAt: new Date().toISOString(),
      dueAt: null,
      recheckId: null,
      escalationTaskId: null,
    });
  }
}

/** A recheck campaign: once per campaign; a recheck already running answers it. */
export function campaignHeard(c: EnrolledCase, campaignId: string): void {
  const { state } = c;
  if (state.lastCampaignId === campaignId || state.status === 'EXITED') return;
  state.lastCampaignId = campaignId;
  // A recheck already running answers the campaign; otherwise one starts as soon as it may.
  if (state.currentRecheck === null) state.campaignRecheckPending = campaignId;
}

import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { WarningActing, WarningState } from './contracts/warning';
import type { ComplaintActing, ComplaintState } from './contracts/complaint';
import type { RecoveryActing, RecoveryState } from './contracts/recovery';
import type { ReferralActing, ReferralState } from './contracts/referral';
import type { Acting, DeterminationAction, DeterminationState } from './contracts/determination';
import type { CampaignNotice, CampaignProgress } from './contracts/recheck-campaign';
import type {
  ChangeNotice,
  EnrolledCaseState,
  RecheckAction,
  RecheckState,
  SupervisorAction,
} from './contracts/enrolment';
import type { DeliberationAction, DeliberationDecided, DeliberationState } from './contracts/deliberation';
import type { EmergencyAction, EmergencyState } from './contracts/emergency';
import type { CalendarLoaded } from './contracts/holiday-schedule';
import type { IncidentResolution } from './contracts/incident';
import type { ParameterChangeState, ParameterDecision } from './contracts/parameter-change';
import type { AdjustmentProgress, CaseAdjustment, CaseAdjustmentResult } from './contracts/standard-adjustment';
import type { AuditCheckpointState } from './contracts/audit';

// Every message is defined once here and shared by the API, the worker and the tests.

export const determinationStateQuery = defineQuery<DeterminationState>('determinationState');

/** Every staff decision on a determination case; the validator refuses wrong stage, role, jurisdiction or task. */
export const actUpdate = defineUpdate<DeterminationState, [Acting<DeterminationAction>]>('act');

/** An objection from the public during publicity (anonymous allowed). */
export const lodgeObjectionUpdate = defineUpdate<{ round: number }, [{ text: string; contact?: string }]>(
  'lodgeObjection',
);

/**
 * An administrator loaded a year's holiday schedule: a workflow whose open
 * due dates were computed without it (provisional) plans them again on the loaded calendar.
 */
export const calendarLoadedSignal = defineSignal<[CalendarLoaded]>('calendarLoaded');

// ---- Enrolled-case lifecycle ----

export const enrolledCaseStateQuery = defineQuery<EnrolledCaseState>('enrolledCaseState');

/** A change report (already stored by the API): material kinds start a recheck at once. */
export const reportChangeSignal = defineSignal<[ChangeNotice]>('reportChange');

/** County supervisor: stop payments with a reason; the validator refuses other roles and jurisdictions. */
export const suspendUpdate = defineUpdate<EnrolledCaseState, [SupervisorAction]>('suspend');
export const resumeUpdate = defineUpdate<EnrolledCaseState, [SupervisorAction]>('resume');

/** A recheck campaign asks for a recheck now (once per campaign; ignored while one runs or after exit). */
export const recheckCampaignSignal = defineSignal<[CampaignNotice]>('recheckCampaign');

export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');

export const recheckStateQuery = defineQuery<RecheckState>('recheckState');

/** Completes a recheck task (investigation, decision); validated like the determination `act`. */
export const recheckActUpdate = defineUpdate<RecheckState, [Acting<RecheckAction>]>('recheckAct');

// ---- Emergency aid and 一事一议 ----

export const emergencyStateQuery = defineQuery<EmergencyState>('emergencyState');

/** Every staff action on an emergency case; the validator refuses wrong stage, role, jurisdiction or an amount above the approver's limit. */
export const emergencyActUpdate = defineUpdate<EmergencyState, [Acting<EmergencyAction>]>('emergencyAct');

export const deliberationStateQuery = defineQuery<DeliberationState>('deliberationState');

/** Convene, opinions (give / change), extend, decide, follow-up reports, close; validated per member and chair. */
export const deliberationActUpdate = defineUpdate<DeliberationState, [Acting<DeliberationAction>]>('deliberationAct');

/** A 一事一议 started by an emergency case tells that case its decision (outcome and measures) as soon as the chair decides. */
export const deliberationDecidedSignal = defineSignal<[DeliberationDecided]>('deliberationDecided');

// ---- Warnings of dynamic monitoring ----

export const warningStateQuery = defineQuery<WarningState>('warningState');

/** The township's (or county's) home verification of a warning; the validator refuses a wrong stage, role or jurisdiction. */
export const warningActUpdate = defineUpdate<WarningState, [WarningActing]>('warningAct');

// ---- Complaints and reports (supervision) ----

export const complaintStateQuery = defineQuery<ComplaintState>('complaintState');

/** The county's answer to a complaint; the validator refuses a wrong stage, role or jurisdiction. */
export const complaintActUpdate = defineUpdate<ComplaintState, [ComplaintActing]>('complaintAct');

// ---- Recovery of wrongly paid aid (supervision) ----

export const recoveryStateQuery = defineQuery<RecoveryState>('recoveryState');

/** A repayment, an instalment plan or a write-off; the validator refuses a closed recovery, a repayment above the debt, a plan that does not sum to it, a wrong role or county. */
export const recoveryActUpdate = defineUpdate<RecoveryState, [RecoveryActing]>('recoveryAct');

// ---- Referrals to departments (regular assistance) ----

export const referralStateQuery = defineQuery<ReferralState>('referralState');

/** The liaison's accept / request for information / delivery / decline, civil affairs' answer; the validator refuses a wrong stage, department, jurisdiction or a delivery missing what the entitlement needs. */
export const referralActUpdate = defineUpdate<ReferralState, [ReferralActing]>('referralAct');

// ---- Incidents (every case kind) ----

/** A person retries the failed step (after fixing its cause) or closes the case; the validator refuses an unknown or settled incident. */
export const resolveIncidentUpdate = defineUpdate<
  { incidentId: string; action: 'RETRY' | 'CLOSE' },
  [IncidentResolution]
>('resolveIncident');

/** Approve or reject a proposed parameter version; the validator refuses the proposer (four eyes), a wrong role or county, a decided proposal. */
export const decideParameterUpdate = defineUpdate<ParameterChangeState, [Acting<ParameterDecision>]>('decideParameter');
export const parameterChangeStateQuery = defineQuery<ParameterChangeState>('parameterChangeState');

// ---- The yearly standard adjustment (调标) ----

/** One enrolled case applies a standard adjustment (new amount from the effective month, back pay, or a recheck); idempotent per adjustment. */
export const applyStandardAdjustmentUpdate = defineUpdate<CaseAdjustmentResult, [CaseAdjustment]>(
  'applyStandardAdjustment',
);
export const standardAdjustmentProgressQuery = defineQuery<AdjustmentProgress>('standardAdjustmentProgress');

/** The audit checkpoint workflow's newest checkpoint of the chain heads, and every head it found gone. */
export const auditCheckpointQuery = defineQuery<AuditCheckpointState>('auditCheckpoint');

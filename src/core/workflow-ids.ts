import type { CalendarLoaded } from './contracts/holiday-schedule';

// Every workflow id, in one place for the client starts and the workflows' children. Ids
// derive from our own opaque ids (UUIDs), never from names or ID numbers.

export const applicationWorkflowId = (applicationId: string): string => `application-${applicationId}`;
export const enrolledCaseWorkflowId = (enrolledCaseId: string): string => `enrolled-case-${enrolledCaseId}`;
export const recheckWorkflowId = (recheckId: string): string => `recheck-${recheckId}`;
export const emergencyWorkflowId = (caseId: string): string => `emergency-${caseId}`;
export const deliberationWorkflowId = (deliberationId: string): string => `deliberation-${deliberationId}`;
export const dataBatchWorkflowId = (batchId: string): string => `data-batch-${batchId}`;
export const warningWorkflowId = (warningId: string): string => `warning-${warningId}`;
export const referralWorkflowId = (referralId: string): string => `referral-${referralId}`;
export const parameterChangeWorkflowId = (proposalId: string): string => `parameter-change-${proposalId}`;
export const complaintWorkflowId = (complaintId: string): string => `complaint-${complaintId}`;
export const recoveryWorkflowId = (recoveryId: string): string => `recovery-${recoveryId}`;
export const recheckCampaignWorkflowId = (campaignId: string): string => `recheck-campaign-${campaignId}`;

/** One sweep workflow per load (its year and time): a retried start finds it running. */
export const holidayScheduleLoadedWorkflowId = (loaded: CalendarLoaded): string =>
  `holiday-schedule-${loaded.year}-${Date.parse(loaded.loadedAt)}`;
export const policySimulationWorkflowId = (simulationId: string): string => `policy-simulation-${simulationId}`;
export const cryptoMigrationWorkflowId = (migrationId: string): string => `crypto-migration-${migrationId}`;
export const standardAdjustmentWorkflowId = (adjustmentId: string): string => `standard-adjustment-${adjustmentId}`;

/** The one checkpoint workflow of the audit trail's chain heads (started by the API on boot). */
export const AUDIT_CHECKPOINT_WORKFLOW_ID = 'audit-checkpoint';

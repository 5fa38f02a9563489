// The workflow bundle's entry: every workflow type the worker runs.
export { determinationWorkflow } from './determination.workflow';
export { enrolledCaseWorkflow } from './enrolled-case.workflow';
export { recheckCampaignWorkflow } from './recheck-campaign.workflow';
export { recheckWorkflow } from './recheck.workflow';
export { emergencyAidWorkflow } from './emergency-aid.workflow';
export { deliberationWorkflow } from './deliberation.workflow';
export { holidayScheduleLoadedWorkflow } from './holiday-schedule-loaded.workflow';
export { dataBatchWorkflow } from './data-batch.workflow';
export { warningWorkflow } from './warning.workflow';
export { parameterChangeWorkflow } from './parameter-change.workflow';
export { policySimulationWorkflow } from './policy-simulation.workflow';
export { standardAdjustmentWorkflow } from './standard-adjustment.workflow';
export { referralWorkflow } from './referral.workflow';
export { auditCheckpointWorkflow } from './audit-checkpoint.workflow';
export { complaintWorkflow } from './complaint.workflow';
export { recoveryWorkflow } from './recovery.workflow';
export { fundCheckWorkflow } from './fund-check.workflow';

import type { TaskType } from '@contracts/task';
import { COMPLAINT_FORMS, COMPLAINT_HOME_VISIT_FORMS } from './complaint-forms';
import { DELIBERATION_FORMS } from './deliberation-forms';
import { DETERMINATION_FORMS } from './determination-forms';
import { EMERGENCY_FORMS } from './emergency-forms';
import { ENROLMENT_FORMS } from './enrolment-forms';
import { DELIBERATE_ESCALATION_FORM, FUND_REFUSAL_FORM, RESOLVE_ESCALATION_FORM } from './escalation-forms';
import type { ActionForm } from './fields';
import { FUND_DISCREPANCY_FORMS } from './fund-forms';
import { OUTREACH_VISIT_FORMS } from './outreach-forms';
import { WARNING_FORMS } from './warning-forms';

// The forms of every task type completed on the task page (`POST /api/v1/tasks/:id/complete`).
// A referral and an overdue instalment are settled on their own pages and close themselves;
// a statistic to enter and a parameter to approve have their own screens.

export const TASK_FORMS: Partial<Record<TaskType, ActionForm[]>> = {
  ...DETERMINATION_FORMS,
  ...EMERGENCY_FORMS,
  ...DELIBERATION_FORMS,
  ...ENROLMENT_FORMS,
  WARNING_VERIFICATION: WARNING_FORMS,
  COMPLAINT_HANDLE: COMPLAINT_FORMS,
  COMPLAINT_HOME_VISIT: COMPLAINT_HOME_VISIT_FORMS,
  FUND_DISCREPANCY: FUND_DISCREPANCY_FORMS,
  OUTREACH_VISIT: OUTREACH_VISIT_FORMS,
};

/** An escalation as on the board: a reserve-fund refusal has its three decisions, any other is settled or put to 一事一议. */
export const escalationForms = (escalationKind: string | null | undefined): ActionForm[] =>
  escalationKind === 'FUND_REFUSAL' ? [FUND_REFUSAL_FORM] : [RESOLVE_ESCALATION_FORM, DELIBERATE_ESCALATION_FORM];

/** The forms of one task; none for a type settled elsewhere. */
export const formsOf = (task: { type: TaskType; escalationKind?: string | null }): ActionForm[] =>
  task.type === 'ESCALATION' ? escalationForms(task.escalationKind) : (TASK_FORMS[task.type] ?? []);

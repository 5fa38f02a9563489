import { EscalationDecisionBody, ReassignTask } from '@contracts/escalation';
import { ESCALATION_DECISION_NAMES, FUND_DECISIONS } from '../escalation-labels';
import { MEMBERS } from './deliberation-forms';
import type { ActionForm } from './fields';

// The escalation board's actions (督办看板), checked in the browser by the API's own schemas.

export const REASSIGN_ESCALATION_FORM: ActionForm = {
  action: '',
  title: '改派',
  schema: ReassignTask,
  fields: [
    { key: 'assignee', label: '接办人员（用户编号）', kind: 'text', hint: '本县（市、区）的县级主管' },
    { key: 'reason', label: '改派理由', kind: 'textarea' },
  ],
};

/** An escalation other than a reserve-fund refusal is closed with a reason; the step stays with its owner. */
export const RESOLVE_ESCALATION_FORM: ActionForm = {
  action: '',
  id: 'resolve',
  title: '督办办结',
  schema: EscalationDecisionBody,
  fixed: { decision: 'RESOLVE' },
  fields: [{ key: 'reason', label: '处理意见', kind: 'textarea' }],
};

/** A reserve-fund refusal: pay again after a top-up, pay from the county budget, or close the case. */
export const FUND_REFUSAL_FORM: ActionForm = {
  action: '',
  id: 'fund',
  title: '备用金拒付处理',
  schema: EscalationDecisionBody,
  fields: [
    {
      key: 'decision',
      label: '处理方式',
      kind: 'select',
      options: Object.fromEntries(FUND_DECISIONS.map((d) => [d, ESCALATION_DECISION_NAMES[d]!])),
    },
    { key: 'reason', label: '处理意见', kind: 'textarea' },
  ],
};

/**
 * 提请一事一议 from an escalation (not a reserve-fund refusal): the supervisor convenes the
 * member units on it at once (the API starts the 一事一议 as its chair and closes the escalation).
 */
export const DELIBERATE_ESCALATION_FORM: ActionForm = {
  action: '',
  id: 'deliberate',
  title: '提请一事一议',
  schema: EscalationDecisionBody,
  fixed: { decision: 'DELIBERATE' },
  fields: [
    { key: 'question', label: '会商事项', kind: 'textarea', hint: '需成员单位共同研究解决的问题' },
    MEMBERS,
    { key: 'reason', label: '提请理由', kind: 'textarea' },
  ],
};

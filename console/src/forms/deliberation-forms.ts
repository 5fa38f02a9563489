import type { z } from 'zod';
import { DEPARTMENT_NAMES_ZH, DeliberationAction } from '@contracts/deliberation';
import type { TaskType } from '@contracts/task';
import { actionSchema } from './action-schema';
import type { ActionForm, Column, Field } from './fields';

// 一事一议 (processes.md §4): the county supervisor convenes the member units, each member gives
// (or changes) its opinion, the chair decides with the measures each department carries out,
// and each department reports its follow-up. Checked by the API's own `DeliberationAction`.

const form = (action: string, title: string, fields: Field[]): ActionForm => ({
  action,
  title,
  schema: actionSchema(DeliberationAction, action),
  fields,
});

/** The member units and their liaisons (at least two, none twice): also the escalation board's 提请一事一议. */
export const MEMBER_COLUMNS: Column[] = [
  { key: 'userId', label: '联络员用户编号', kind: 'text' },
  { key: 'department', label: '成员单位', kind: 'select', options: DEPARTMENT_NAMES_ZH },
];
export const MEMBERS: Field = {
  key: 'members',
  label: '参加会商的成员单位',
  kind: 'rows',
  hint: '至少两个成员单位，每行一个联络员',
  columns: MEMBER_COLUMNS,
};

export const OPINION_NAMES: Record<string, string> = { APPROVE: '同意', REJECT: '不同意', ABSTAIN: '弃权' };
export const OUTCOME_NAMES: Record<string, string> = { APPROVE: '同意救助', REJECT: '不予救助' };
export const FOLLOW_UP_RESULT_NAMES: Record<string, string> = { DONE: '已落实', REFUSED: '未能落实' };

const CONVENE = form('convene', '召集会商', [
  MEMBERS,
  { key: 'question', label: '会商事项', kind: 'textarea', optional: true, hint: '不填则沿用提请时的事项' },
]);
const opinion = (action: string, title: string) =>
  form(action, title, [
    { key: 'opinion', label: '意见', kind: 'select', options: OPINION_NAMES },
    { key: 'comment', label: '理由', kind: 'textarea' },
  ]);
const DECIDE = form('decide', '作出决定', [
  { key: 'outcome', label: '决定', kind: 'select', options: OUTCOME_NAMES },
  {
    key: 'measures',
    label: '救助措施',
    kind: 'rows',
    optional: true,
    hint: '同意救助时须列明：事项、金额（无金额的可不填）、责任单位和落实期限',
    columns: [
      { key: 'item', label: '事项', kind: 'text' },
      { key: 'amount', label: '金额（元）', kind: 'money', optional: true },
      { key: 'department', label: '责任单位', kind: 'select', options: DEPARTMENT_NAMES_ZH },
      { key: 'dueOn', label: '落实期限', kind: 'date' },
    ],
  },
  { key: 'reason', label: '决定理由', kind: 'textarea' },
]);
const EXTEND = form('extend', '延长会商期限', [{ key: 'reason', label: '延期理由', kind: 'textarea' }]);
const CLOSE = form('close', '终止会商', [{ key: 'reason', label: '终止理由', kind: 'textarea' }]);
const REPORT = DeliberationAction.options.find((o) => o.shape.action.value === 'reportFollowUp')!;
// The task's own route names the follow-up (its path), so the form sends no `taskId`.
const FOLLOW_UP: ActionForm = {
  action: 'reportFollowUp',
  title: '报告落实情况',
  schema: (REPORT as typeof REPORT & z.ZodObject).omit({ action: true, taskId: true }),
  fields: [
    { key: 'result', label: '落实结果', kind: 'select', options: FOLLOW_UP_RESULT_NAMES },
    { key: 'details', label: '落实情况', kind: 'textarea' },
  ],
};

/** The forms of each 一事一议 task type. */
export const DELIBERATION_FORMS: Partial<Record<TaskType, ActionForm[]>> = {
  CONVENE: [CONVENE],
  OPINION: [opinion('giveOpinion', '提出意见'), opinion('changeOpinion', '变更意见')],
  DELIBERATION_DECIDE: [DECIDE, EXTEND, CLOSE],
  FOLLOW_UP: [FOLLOW_UP],
};

import type { z } from 'zod';
import { CHANGE_KIND_NAMES_ZH, OutreachVisitRecord } from '@contracts/outreach';
import type { ActionForm } from './fields';

// The village assistant's record of an outreach visit (走访, plan 二(三)3): nothing changed, a
// warning raised for the verification (a member of the household named), or a change reported
// to the enrolled case. One action, three outcomes: each form sends its outcome.

type Outcome = OutreachVisitRecord['outcome'];

function schemaOf(outcome: Outcome): z.ZodType {
  const option = OutreachVisitRecord.options.find((o) => o.shape.outcome.value === outcome)! as z.ZodObject;
  return option.omit({ action: true });
}

const form = (outcome: Outcome, title: string, fields: ActionForm['fields']): ActionForm => ({
  id: outcome,
  action: 'recordOutreachVisit',
  fixed: { outcome },
  title,
  schema: schemaOf(outcome),
  fields,
});

const visited: ActionForm['fields'] = [
  { key: 'visitedOn', label: '走访日期', kind: 'date' },
  { key: 'findings', label: '走访情况', kind: 'textarea' },
];

export const OUTREACH_VISIT_FORMS: ActionForm[] = [
  form('NO_CHANGE', '家庭情况无变化', [
    ...visited,
    { key: 'changes', label: '备注', kind: 'textarea', optional: true },
  ]),
  form('RAISE_WARNING', '发起预警', [
    ...visited,
    { key: 'changes', label: '家庭情况变化', kind: 'textarea' },
    { key: 'memberId', label: '预警涉及的成员编号', kind: 'text', hint: '见家庭信息页的成员编号' },
    {
      key: 'change',
      label: '变更类型',
      kind: 'select',
      options: CHANGE_KIND_NAMES_ZH,
      optional: true,
      hint: '已纳入保障的家庭须选择：保障案件据此接收变更报告',
    },
  ]),
  form('CHANGE_REPORT', '报告变更', [
    ...visited,
    { key: 'changes', label: '家庭情况变化', kind: 'textarea' },
    { key: 'change', label: '变更类型', kind: 'select', options: CHANGE_KIND_NAMES_ZH },
    { key: 'memberId', label: '涉及的成员编号', kind: 'text', optional: true },
  ]),
];

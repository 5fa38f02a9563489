import { z } from 'zod';
import { DEPARTMENT_NAMES_ZH } from '@contracts/deliberation';
import { ApplicationCategory } from '@contracts/application';
import { CATEGORY_NAMES_ZH } from '@contracts/household-facts';
import { ENTITLEMENT_NAMES_ZH } from '@contracts/referral';
import { WarningVerification } from '@contracts/warning';
import type { ActionForm } from './fields';

// The township's home verification of a warning (上门核查, plan 二(三)4): advise an application
// (or open it on the household's behalf, with the consents collected at the visit),
// refer to the department responsible (the item it delivers, where it delivers several), or
// put it to the county's 一事一议 when too complex for one department, or dismiss with the
// reason. One action, four outcomes: each form sends its outcome.

type Outcome = WarningVerification['outcome'];

/** The categories an application may ask for, by their Chinese names. */
const APPLICATION_CATEGORY_NAMES = Object.fromEntries(
  ApplicationCategory.options.map((c) => [c, CATEGORY_NAMES_ZH[c]]),
) as Record<string, string>;

function schemaOf(outcome: Outcome): z.ZodType {
  const option = WarningVerification.options.find((o) => o.shape.outcome.value === outcome)! as z.ZodObject;
  return option.omit({ action: true });
}

const form = (outcome: Outcome, title: string, fields: ActionForm['fields']): ActionForm => ({
  id: outcome,
  action: 'recordVerification',
  fixed: { outcome },
  title,
  schema: schemaOf(outcome),
  fields,
});

export const WARNING_FORMS: ActionForm[] = [
  form('START_APPLICATION', '建议申请救助', [
    { key: 'findings', label: '核查情况', kind: 'textarea' },
    {
      key: 'category',
      label: '代为提出申请的救助类别',
      kind: 'select',
      options: APPLICATION_CATEGORY_NAMES,
      optional: true,
      hint: '选择后即以该类别代为提出申请（须取得以下授权和承诺）；不选则仅建议申请',
    },
    {
      key: 'economicCheck',
      path: 'consent.economicCheck',
      when: 'category',
      label: '已取得家庭经济状况核对授权',
      kind: 'confirm',
    },
    {
      key: 'truthfulnessPromise',
      path: 'consent.truthfulnessPromise',
      when: 'category',
      label: '已签署如实申报承诺',
      kind: 'confirm',
    },
  ]),
  form('REFER', '转介相关部门', [
    { key: 'department', label: '责任部门', kind: 'select', options: DEPARTMENT_NAMES_ZH },
    {
      key: 'entitlement',
      label: '转介事项',
      kind: 'select',
      options: ENTITLEMENT_NAMES_ZH,
      optional: true,
      hint: '该部门落实多项事项时须选择；只落实一项时可不选',
    },
    { key: 'findings', label: '核查情况', kind: 'textarea' },
  ]),
  form('DELIBERATE', '提请一事一议', [
    {
      key: 'findings',
      label: '核查情况及需会商的问题',
      kind: 'textarea',
      hint: '情况复杂、单一部门难以解决的，提交县级协调机制一事一议',
    },
  ]),
  form('DISMISS', '无需处置', [{ key: 'findings', label: '核查情况及无需处置的理由', kind: 'textarea' }]),
];

import { z } from 'zod';
import { deliveryIssues, ReferralCommand, type Entitlement } from '@contracts/referral';
import type { Role } from '@contracts/roles';
import type { ActionForm } from './fields';

// A referral's feedback forms (plan 三(二)): the department's liaison accepts, asks, delivers or
// declines; civil affairs answers a question. Validated in the browser by the API's own
// command schema, and a delivery by the same rule the API applies to this referral's item.

type Action = ReferralCommand['action'];

/** The API's schema of one action, without its `action` key (the form sends it). */
function schemaOf(action: Action): z.ZodType {
  const option = ReferralCommand.options.find((o) => o.shape.action.value === action)! as z.ZodObject;
  return option.omit({ action: true });
}

export interface ReferralForFeedback {
  stage: string;
  entitlement: string;
  amountRequired: boolean;
  periodicity: string;
}

const CIVIL_AFFAIRS: readonly Role[] = ['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR'];

/** The forms this person may use on this referral now (none once it is closed). */
export function referralForms(r: ReferralForFeedback, role: Role): ActionForm[] {
  if (r.stage === 'CLOSED') return [];
  if (CIVIL_AFFAIRS.includes(role))
    return r.stage === 'INFO_REQUESTED'
      ? [
          {
            action: 'ANSWER_INFO',
            title: '答复部门',
            schema: schemaOf('ANSWER_INFO'),
            fields: [{ key: 'answer', label: '补充信息', kind: 'textarea' }],
          },
        ]
      : [];
  if (role !== 'DEPARTMENT_LIAISON') return [];
  const periodic = r.periodicity === 'YEARLY';
  const deliver: ActionForm = {
    action: 'DELIVER',
    title: '反馈已落实',
    schema: schemaOf('DELIVER').superRefine((value, ctx) => {
      const v = value as { amount?: number; periodFrom?: string; periodTo?: string };
      for (const issue of deliveryIssues(
        {
          amountRequired: r.amountRequired,
          periodicity: periodic ? 'YEARLY' : 'ONCE',
          entitlement: r.entitlement as Entitlement,
        },
        v,
      ))
        ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }),
    fields: [
      { key: 'what', label: '落实的救助帮扶内容', kind: 'textarea' },
      {
        key: 'amount',
        label: '落实金额（元）',
        kind: 'money',
        optional: !r.amountRequired,
        ...(r.amountRequired ? { hint: '该事项须填写金额' } : {}),
      },
      { key: 'periodFrom', label: '起始日期', kind: 'date', optional: !periodic },
      { key: 'periodTo', label: '截止日期', kind: 'date', optional: !periodic },
    ],
  };
  const forms: ActionForm[] = [];
  if (r.stage === 'OPEN') forms.push({ action: 'ACCEPT', title: '接收', schema: schemaOf('ACCEPT'), fields: [] });
  forms.push(deliver);
  if (r.stage !== 'INFO_REQUESTED')
    forms.push({
      action: 'REQUEST_INFO',
      title: '请民政部门补充信息',
      schema: schemaOf('REQUEST_INFO'),
      fields: [{ key: 'question', label: '需要补充的信息', kind: 'textarea' }],
    });
  forms.push({
    action: 'DECLINE',
    title: '不予落实',
    schema: schemaOf('DECLINE'),
    fields: [{ key: 'reason', label: '不予落实的理由', kind: 'textarea', hint: '按本部门政策不符合条件的具体理由' }],
  });
  return forms;
}

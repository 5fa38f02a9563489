import { z } from 'zod';
import { InstalmentPlan, OpenRecovery, RecordRepayment, WriteOff } from '@contracts/recovery';
import type { Role } from '@contracts/roles';
import { FINDING_KIND_NAMES, RECOVERY_CAUSE_NAMES, SUPERVISION_SOURCE_NAMES } from '../labels';
import type { ActionForm, Values } from './fields';

// Recovery of wrongly paid aid (追缴): opening one from an enrolled case, and the county's actions
// on it (a repayment, an instalment plan, the supervisor's write-off). Each is checked in the
// browser by the API's own schema before it is sent.

const INCOME_TYPE_NAMES: Record<string, string> = {
  WAGE: '工资性收入',
  BUSINESS: '经营净收入',
  PROPERTY: '财产净收入',
  TRANSFER: '转移净收入',
  OTHER: '其他收入',
};

/** Where each nested field of OpenRecovery sits in the flat form. */
const FLAT: Record<string, string> = {
  'source.kind': 'sourceKind',
  'source.id': 'sourceId',
  'finding.kind': 'findingKind',
  'finding.income': 'incomeAmount',
};

/** The flat form's key of a nested path (`finding.description` → description). */
export function flatKey(path: readonly PropertyKey[] | string): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  const two = parts.slice(0, 2).join('.');
  if (FLAT[two]) return FLAT[two];
  if (parts[0] === 'finding' && parts[1] === 'income') return 'incomeAmount';
  if (parts[0] === 'finding' && parts[1]) return parts[1];
  if (parts[0] === 'source') return 'sourceId';
  return parts[0] ?? '_';
}

/** The request body of POST /recoveries from the flat form's values. */
export function openRecoveryBody(v: Record<string, unknown>): Record<string, unknown> {
  const finding: Record<string, unknown> = { kind: v.findingKind, effectiveFrom: v.effectiveFrom };
  for (const key of ['effectiveTo', 'memberId', 'description'] as const)
    if (v[key] !== undefined) finding[key] = v[key];
  if (v.findingKind === 'INCOME') {
    finding.income = [{ memberId: v.memberId, type: v.incomeType ?? 'WAGE', monthlyAmount: v.incomeAmount }];
    finding.employment = v.employment === true;
  }
  return {
    enrolledCaseId: v.enrolledCaseId,
    source: { kind: v.sourceKind, id: v.sourceId },
    finding,
    cause: v.cause,
    ...(v.expectedTotal !== undefined ? { expectedTotal: v.expectedTotal } : {}),
  };
}

/** A flat schema that checks the nested body with OpenRecovery and names the flat inputs. */
const openRecoverySchema = z.looseObject({}).superRefine((v, ctx) => {
  const checked = OpenRecovery.safeParse(openRecoveryBody(v));
  if (!checked.success)
    for (const issue of checked.error.issues)
      ctx.addIssue({ code: 'custom', path: [flatKey(issue.path)], message: issue.message });
});

export const OPEN_RECOVERY_FORM: ActionForm = {
  action: '',
  title: '立案追缴',
  schema: openRecoverySchema,
  fields: [
    { key: 'enrolledCaseId', label: '保障案件编号', kind: 'text' },
    { key: 'sourceKind', label: '线索来源', kind: 'select', options: SUPERVISION_SOURCE_NAMES },
    { key: 'sourceId', label: '来源编号', kind: 'text', hint: '复核、预警或投诉举报的编号' },
    { key: 'cause', label: '多发原因', kind: 'select', options: RECOVERY_CAUSE_NAMES },
    { key: 'findingKind', label: '查实情况', kind: 'select', options: FINDING_KIND_NAMES },
    { key: 'effectiveFrom', label: '情况发生日期', kind: 'date' },
    { key: 'effectiveTo', label: '情况截止日期', kind: 'date', optional: true, hint: '情况仍在持续的不填' },
    {
      key: 'memberId',
      label: '所涉家庭成员编号',
      kind: 'text',
      optional: true,
      hint: '死亡、迁出或收入变化时填写（认定材料中的成员编号）',
    },
    { key: 'incomeType', label: '核实后的收入类型', kind: 'select', options: INCOME_TYPE_NAMES, optional: true },
    { key: 'incomeAmount', label: '核实后的月收入（元）', kind: 'money', optional: true, hint: '收入变化时填写' },
    { key: 'employment', label: '收入增加来自就业（适用渐退期）', kind: 'confirm' },
    { key: 'description', label: '查实情况说明', kind: 'textarea' },
    {
      key: 'expectedTotal',
      label: '核算的追缴总额（元）',
      kind: 'money',
      optional: true,
      hint: '填写则与发放记录逐月核算的金额比对',
    },
  ],
};

/** The form's values from the page's query (a complaint links here with its case and itself as the source). */
export const openRecoveryInitial = (q: Record<string, unknown>): Values => {
  const out: Values = {};
  for (const key of ['enrolledCaseId', 'sourceKind', 'sourceId'])
    if (typeof q[key] === 'string') out[key] = q[key] as string;
  return out;
};

const REPAYMENT: ActionForm = {
  action: 'repayment',
  title: '登记还款',
  schema: RecordRepayment,
  fields: [
    { key: 'amount', label: '还款金额（元）', kind: 'money' },
    { key: 'paidOn', label: '缴款日期', kind: 'date' },
    { key: 'reference', label: '缴款凭证号', kind: 'text' },
  ],
};

/** One instalment per line: `YYYY-MM-DD 金额`. */
export function instalmentsOf(lines: unknown): { dueOn: string; amount: number }[] {
  return (Array.isArray(lines) ? (lines as string[]) : []).map((line) => {
    const [dueOn = '', amount = ''] = line.trim().split(/[\s,，]+/);
    return { dueOn, amount: Number(amount) };
  });
}

const PLAN: ActionForm = {
  action: 'plan',
  title: '制定分期计划',
  schema: z.looseObject({}).superRefine((v, ctx) => {
    const checked = InstalmentPlan.safeParse({ instalments: instalmentsOf(v.instalments) });
    if (!checked.success)
      for (const issue of checked.error.issues) {
        const line = typeof issue.path[1] === 'number' ? `第 ${issue.path[1] + 1} 期：` : '';
        ctx.addIssue({ code: 'custom', path: ['instalments'], message: line + issue.message });
      }
  }),
  fields: [
    {
      key: 'instalments',
      label: '分期',
      kind: 'list',
      hint: '每行一期：到期日 金额，如 2027-01-31 500；各期合计须等于尚欠金额',
    },
  ],
};

const WRITE_OFF: ActionForm = {
  action: 'writeOff',
  title: '核销',
  schema: WriteOff,
  fields: [
    { key: 'reason', label: '核销理由', kind: 'textarea' },
    { key: 'decisionRef', label: '核销决定文号', kind: 'text' },
  ],
};

/** The actions this person may take on a recovery now (none once it is closed or corrected). */
export function recoveryForms(stage: string, role: Role): ActionForm[] {
  if (stage === 'CLOSED' || stage === 'CORRECTED') return [];
  if (role === 'COUNTY_OFFICER') return [REPAYMENT, PLAN];
  if (role === 'COUNTY_SUPERVISOR') return [REPAYMENT, PLAN, WRITE_OFF];
  return [];
}

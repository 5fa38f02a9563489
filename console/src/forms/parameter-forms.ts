import { ParameterDecisionBody, ParameterProposalBody } from '@contracts/parameter-change';
import { AREA_NAMES, DIVISION_NAMES, PARAMETER_UNIT_NAMES } from '../labels';
import type { ActionForm } from './fields';

// Policy administration (参数管理): a new version of a parameter proposed by an administrator,
// and the second person's decision on it (APPROVE_PARAMETER). The value is typed as text and
// read by the parameter's unit when sent (a number, a list one a line, a tier table as JSON).

export const PROPOSAL_FORM: ActionForm = {
  action: '',
  title: '提出参数调整',
  schema: ParameterProposalBody,
  fields: [
    { key: 'value', label: '新值', kind: 'textarea', hint: '数值直接填写；列表每行一项；分档表填写 JSON 数组' },
    { key: 'unit', label: '单位', kind: 'select', options: PARAMETER_UNIT_NAMES },
    { key: 'validFrom', label: '生效日期', kind: 'date' },
    { key: 'division', label: '适用区划', kind: 'select', options: DIVISION_NAMES },
    { key: 'area', label: '城乡', kind: 'select', options: AREA_NAMES, optional: true, hint: '城乡统一时不选' },
    { key: 'docNo', path: 'document.docNo', label: '决定文件文号', kind: 'text', hint: '如 安政办〔2025〕3号' },
    { key: 'title', path: 'document.title', label: '决定文件标题', kind: 'text' },
    { key: 'issuer', path: 'document.issuer', label: '发文机关', kind: 'text', optional: true },
    { key: 'issuedOn', path: 'document.issuedOn', label: '发文日期', kind: 'date' },
    { key: 'article', label: '条款', kind: 'text', optional: true, hint: '新值所在的条款，如 第三条' },
    { key: 'note', label: '说明', kind: 'textarea', optional: true },
  ],
  read(body) {
    const read = valueOf(String(body.value ?? ''), String(body.unit ?? ''));
    return 'error' in read
      ? { issues: [{ path: 'value', message: read.error }] }
      : { body: { ...body, value: read.value } };
  },
};

/** Units whose value is one number. */
const NUMERIC = new Set([
  'YUAN_PER_PERSON_MONTH',
  'YUAN_PER_PERSON_YEAR',
  'YUAN',
  'RATIO',
  'YEARS',
  'MONTHS',
  'WORKING_DAYS',
  'NATURAL_DAYS',
  'MINUTES',
  'SQUARE_METRES_PER_PERSON',
  'COUNT',
]);

/** The value typed (text) as the unit wants it; a message for the value input when it cannot be read. */
export function valueOf(text: string, unit: string): { value: unknown } | { error: string } {
  const t = text.trim();
  if (NUMERIC.has(unit)) {
    const n = Number(t);
    return t !== '' && Number.isFinite(n) ? { value: n } : { error: '请填写数字' };
  }
  if (unit === 'LIST')
    return {
      value: t
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  if (unit === 'TABLE') {
    try {
      const parsed: unknown = JSON.parse(t);
      return Array.isArray(parsed) ? { value: parsed } : { error: '分档表须为 JSON 数组' };
    } catch {
      return { error: '分档表须为 JSON 数组，如 [{"maxIncome":300,"share":1}]' };
    }
  }
  return { value: t };
}

/** The value of a version as it is typed back into the form (a starting point for the new one). */
export function valueText(value: unknown, unit: string): string {
  if (unit === 'TABLE') return JSON.stringify(value);
  if (Array.isArray(value)) return value.map(String).join('\n');
  return value === undefined || value === null ? '' : String(value);
}

/** The four-eyes decision on a proposal: approve or reject, each with its reason. */
export const PARAMETER_DECISION_FORMS: ActionForm[] = [
  {
    action: '',
    id: 'approve',
    fixed: { decision: 'APPROVE' },
    title: '批准',
    schema: ParameterDecisionBody,
    fields: [{ key: 'reason', label: '审批理由', kind: 'textarea', hint: '如 经局务会研究同意' }],
  },
  {
    action: '',
    id: 'reject',
    fixed: { decision: 'REJECT' },
    title: '驳回',
    schema: ParameterDecisionBody,
    fields: [{ key: 'reason', label: '驳回理由', kind: 'textarea' }],
  },
];

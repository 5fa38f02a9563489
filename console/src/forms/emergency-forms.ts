import { CreateEmergencyAid, EmergencyAction } from '@contracts/emergency';
import { EMERGENCY_PATH_NAMES } from '../labels';
import type { TaskType } from '@contracts/task';
import { actionSchema } from './action-schema';
import type { ActionForm, Field } from './fields';

// Temporary assistance (临时救助, processes.md §3): the small amount's explanation, aid first and
// its paperwork afterwards, and the full procedure of an expense-type case (受理 → 调查 → 审核 →
// 审批), each checked in the browser by the API's own `EmergencyAction`.

const form = (action: string, title: string, fields: Field[]): ActionForm => ({
  action,
  title,
  schema: actionSchema(EmergencyAction, action),
  fields,
});

const EXPLAIN = form('explain', '补充情况说明', [
  { key: 'text', label: '情况说明', kind: 'textarea', hint: '说明急难情形、核实经过和救助金额的依据' },
]);
const GRANT = form('grantAid', '先行救助发放', [
  { key: 'amount', label: '批准金额（元）', kind: 'money' },
  {
    key: 'stages',
    label: '分次发放',
    kind: 'rows',
    optional: true,
    hint: '不填则一次发放；分次时各次金额之和须等于批准金额，间隔天数为 0 的当即发放',
    columns: [
      { key: 'amount', label: '金额（元）', kind: 'money' },
      { key: 'afterDays', label: '间隔天数', kind: 'number' },
    ],
  },
  { key: 'note', label: '备注', kind: 'textarea', optional: true },
]);
const REFER = form('referToDeliberation', '提请一事一议', [
  { key: 'reason', label: '提请理由', kind: 'textarea', hint: '情况复杂、超出审批权限或需多部门会商的' },
]);
const REGISTER = form('registerAndComplete', '补办登记和审批手续', [
  { key: 'recipientConfirmed', label: '已核实救助对象', kind: 'confirm' },
  { key: 'reason', label: '救助事由', kind: 'textarea' },
  { key: 'amount', label: '救助金额（元）', kind: 'money' },
  { key: 'materials', label: '已补齐的材料', kind: 'list', hint: '每行一项' },
  { key: 'signaturesComplete', label: '已补齐签字', kind: 'confirm' },
  { key: 'sealsComplete', label: '已补齐盖章', kind: 'confirm' },
]);
const ACCEPT = form('accept', '予以受理', [{ key: 'note', label: '备注', kind: 'textarea', optional: true }]);
const INVESTIGATE = form('recordInvestigation', '登记调查核实', [
  { key: 'investigators', label: '调查人员', kind: 'list', hint: '每行一人，至少两人' },
  { key: 'findings', label: '调查情况', kind: 'textarea' },
  { key: 'householdSize', label: '家庭人口（人）', kind: 'number' },
  { key: 'annualIncome', label: '近 12 个月家庭纯收入（元）', kind: 'money' },
  { key: 'rigidExpenses', label: '近 12 个月刚性支出（元）', kind: 'money', hint: '医疗、教育等必需支出' },
]);
const REVIEW = form('submitOpinion', '提出审核意见', [
  { key: 'proposal', label: '审核意见', kind: 'select', options: { APPROVE: '拟同意', REFUSE: '拟不同意' } },
  { key: 'amount', label: '拟救助金额（元）', kind: 'money', optional: true, hint: '拟同意时填写' },
  { key: 'reasons', label: '理由', kind: 'list', hint: '每行一条' },
  {
    key: 'disagreementReason',
    label: '与收入核算结果不一致的说明',
    kind: 'textarea',
    optional: true,
    hint: '意见与核算结果不一致时必填',
  },
]);
const CONFIRM = form('confirm', '批准救助', [
  { key: 'amount', label: '批准金额（元）', kind: 'money', optional: true, hint: '不填则按审核意见的金额' },
  { key: 'note', label: '备注', kind: 'textarea', optional: true },
]);
const REFUSE = form('refuse', '不予救助', [
  { key: 'reasons', label: '不予救助的理由', kind: 'list', hint: '每行一条' },
]);

/** The forms of each emergency-aid task type, the usual outcome first. */
export const EMERGENCY_FORMS: Partial<Record<TaskType, ActionForm[]>> = {
  EXPLAIN: [EXPLAIN],
  GRANT_AID: [GRANT, REFER],
  REGISTER_AND_COMPLETE: [REGISTER],
  EMERGENCY_ACCEPT: [ACCEPT],
  EMERGENCY_INVESTIGATE: [INVESTIGATE],
  EMERGENCY_REVIEW: [REVIEW],
  EMERGENCY_CONFIRM: [CONFIRM, REFUSE],
};

/** 临时救助登记 (`POST /api/v1/emergency-aid`): by the township caseworker where the emergency happened. */
export const EMERGENCY_INTAKE_FORM: ActionForm = {
  action: '',
  title: '登记临时救助',
  schema: CreateEmergencyAid,
  fields: [
    { key: 'townshipCode', label: '急难发生地乡镇（街道）代码', kind: 'text', hint: '9 位区划代码，不受户籍地限制' },
    { key: 'villageCode', label: '村（社区）代码', kind: 'text', optional: true },
    { key: 'name', path: 'applicant.name', label: '申请人姓名', kind: 'text' },
    { key: 'idNumber', path: 'applicant.idNumber', label: '申请人身份证号', kind: 'text' },
    { key: 'area', label: '城乡', kind: 'select', options: { URBAN: '城市', RURAL: '农村' } },
    {
      key: 'kind',
      label: '救助类型',
      kind: 'select',
      options: { SUDDEN: '急难型', EXPENSE: '支出型' },
      hint: '急难型：火灾、交通事故、突发重大疾病等；支出型：医疗、教育等刚性支出（完整程序）',
    },
    {
      key: 'severity',
      label: '紧急程度',
      kind: 'select',
      options: { ORDINARY: '一般', SEVERE: '情况紧急' },
      optional: true,
      hint: '情况紧急的先行救助，事后补办登记和审批手续',
    },
    { key: 'amount', label: '申请救助金额（元）', kind: 'money' },
    { key: 'description', label: '急难情形', kind: 'textarea' },
    { key: 'complex', label: '情况复杂，直接提请一事一议', kind: 'confirm' },
    {
      key: 'path',
      label: '审批路径',
      kind: 'select',
      options: EMERGENCY_PATH_NAMES,
      optional: true,
      hint: '不选则按审批权限自动确定；所选路径的审批权限低于申请金额的将被拒绝',
    },
  ],
};

/** 急难缓解 on a case paid aid first (no task: the caseworker records it on the case page). */
export const MARK_EASED_FORM: ActionForm = form('markEased', '登记急难缓解', [
  { key: 'note', label: '说明', kind: 'textarea', optional: true },
]);

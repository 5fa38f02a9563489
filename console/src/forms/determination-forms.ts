import {
  AcceptCommand,
  ConfirmCommand,
  DeclineInadmissibleCommand,
  DismissObjectionCommand,
  HoldAppraisalCommand,
  RecordAppraisalCommand,
  RecordCountyHomeVisitCommand,
  RecordHomeVisitCommand,
  RefuseCommand,
  ReinvestigateCommand,
  RequestSupplementCommand,
  StartInvestigationCommand,
  SubmitOpinionCommand,
  SupplementCommand,
} from '@contracts/determination';
import type { TaskType } from '@contracts/task';
import type { ActionForm } from './fields';

// The determination process's task forms (申请 → 受理 → 入户调查 → 审核 → 公示 → 确认), each
// validated in the browser by the API's own command schema before it is sent.

const ACCEPT: ActionForm = {
  action: 'accept',
  title: '予以受理',
  schema: AcceptCommand,
  fields: [{ key: 'note', label: '备注', kind: 'textarea', optional: true }],
};
const REQUEST_SUPPLEMENT: ActionForm = {
  action: 'requestSupplement',
  title: '一次性告知补充材料',
  schema: RequestSupplementCommand,
  fields: [
    { key: 'missing', label: '需补充的材料', kind: 'list', hint: '每行一项，一次性全部列出' },
    { key: 'note', label: '备注', kind: 'textarea', optional: true },
  ],
};
const DECLINE: ActionForm = {
  action: 'declineInadmissible',
  title: '不予受理',
  schema: DeclineInadmissibleCommand,
  fields: [{ key: 'reason', label: '不予受理理由', kind: 'textarea' }],
};
const SUPPLEMENT: ActionForm = {
  action: 'supplement',
  title: '提交补充材料',
  schema: SupplementCommand,
  fields: [{ key: 'items', label: '已补充的材料', kind: 'list', hint: '每行一项' }],
};
const START: ActionForm = {
  action: 'startInvestigation',
  title: '启动调查',
  schema: StartInvestigationCommand,
  fields: [
    {
      key: 'appointmentDate',
      label: '预约入户日期',
      kind: 'date',
      optional: true,
      hint: '可不填；填写则须为今天或以后',
    },
  ],
};
const HOME_VISIT: ActionForm = {
  action: 'recordHomeVisit',
  title: '登记入户调查',
  schema: RecordHomeVisitCommand,
  fields: [
    { key: 'investigators', label: '调查人员', kind: 'list', hint: '每行一人，至少两人' },
    { key: 'findings', label: '调查情况', kind: 'textarea' },
    { key: 'signedByHousehold', label: '入户调查表已经申请家庭签字确认', kind: 'confirm' },
  ],
};
const OPINION: ActionForm = {
  action: 'submitOpinion',
  title: '提出审核意见',
  schema: SubmitOpinionCommand,
  fields: [
    { key: 'proposal', label: '审核意见', kind: 'select', options: { APPROVE: '拟同意', REFUSE: '拟不同意' } },
    { key: 'reasons', label: '理由', kind: 'list', hint: '每行一条' },
    {
      key: 'disagreementReason',
      label: '与政策测算结果不一致的说明',
      kind: 'textarea',
      optional: true,
      hint: '意见与测算结果不一致时必填',
    },
  ],
};
const REINVESTIGATE: ActionForm = {
  action: 'reinvestigate',
  title: '异议成立，重新调查',
  schema: ReinvestigateCommand,
  fields: [{ key: 'note', label: '说明', kind: 'textarea' }],
};
const HOLD_APPRAISAL: ActionForm = {
  action: 'holdAppraisal',
  title: '组织民主评议',
  schema: HoldAppraisalCommand,
  fields: [{ key: 'note', label: '说明', kind: 'textarea' }],
};
const DISMISS: ActionForm = {
  action: 'dismissObjection',
  title: '异议不成立',
  schema: DismissObjectionCommand,
  fields: [{ key: 'reason', label: '理由', kind: 'textarea' }],
};
const APPRAISAL: ActionForm = {
  action: 'recordAppraisal',
  title: '登记民主评议结果',
  schema: RecordAppraisalCommand,
  fields: [
    { key: 'participants', label: '参加人数', kind: 'number' },
    { key: 'result', label: '评议结果', kind: 'select', options: { SUPPORT: '多数同意', OPPOSE: '多数不同意' } },
    { key: 'minutes', label: '评议记录', kind: 'textarea' },
  ],
};
const COUNTY_VISIT: ActionForm = {
  action: 'recordCountyHomeVisit',
  title: '登记县级入户核查',
  schema: RecordCountyHomeVisitCommand,
  fields: [{ key: 'findings', label: '核查情况', kind: 'textarea' }],
};
const CONFIRM: ActionForm = {
  action: 'confirm',
  title: '确认纳入',
  schema: ConfirmCommand,
  fields: [
    { key: 'amount', label: '月救助金额（元）', kind: 'money', optional: true, hint: '不填则按政策测算金额' },
    { key: 'amountReason', label: '调整金额的理由', kind: 'textarea', optional: true, hint: '金额与测算不一致时必填' },
  ],
};
const REFUSE: ActionForm = {
  action: 'refuse',
  title: '不予确认',
  schema: RefuseCommand,
  fields: [{ key: 'reasons', label: '不予确认的理由', kind: 'list', hint: '每行一条' }],
};

/** The forms of each determination task type, in the order a caseworker reads them (the usual outcome first). */
export const DETERMINATION_FORMS: Partial<Record<TaskType, ActionForm[]>> = {
  ACCEPT: [ACCEPT, REQUEST_SUPPLEMENT, DECLINE],
  SUPPLY: [SUPPLEMENT],
  START_INVESTIGATION: [START],
  HOME_VISIT: [HOME_VISIT],
  REVIEW: [OPINION],
  RESOLVE_OBJECTION: [DISMISS, REINVESTIGATE, HOLD_APPRAISAL],
  DEMOCRATIC_APPRAISAL: [APPRAISAL],
  COUNTY_HOME_VISIT: [COUNTY_VISIT],
  CONFIRM: [CONFIRM, REFUSE],
};

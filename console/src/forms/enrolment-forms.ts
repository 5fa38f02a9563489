import { ReportChange, SuspendResume } from '@contracts/enrolment';
import type { ActionForm } from './fields';

// An enrolled case's forms: the change report (情况变化报告) of the village assistant or the
// township caseworker — a material change starts a recheck at once — and the county
// supervisor's suspension or resumption of payment, each with its reason.

export const CHANGE_KIND_NAMES: Record<string, string> = {
  MEMBER_ADDED: '家庭成员增加',
  MEMBER_REMOVED: '家庭成员减少',
  DEATH: '成员死亡',
  INCOME_CHANGE: '收入变化',
  ASSET_CHANGE: '财产变化',
  MOVED_AWAY: '迁出',
  CONTACT_CHANGE: '联系方式变更',
  OTHER: '其他',
};

export const CHANGE_REPORT_FORM: ActionForm = {
  action: '',
  title: '情况变化报告',
  schema: ReportChange,
  fields: [
    {
      key: 'kind',
      label: '变化类型',
      kind: 'select',
      options: CHANGE_KIND_NAMES,
      hint: '人员、收入、财产变化及迁出、死亡将立即启动复核；联系方式变更和其他情况只作记录',
    },
    { key: 'description', label: '变化情况', kind: 'textarea', hint: '如实描述，不填写身份证号' },
    { key: 'occurredOn', label: '发生日期', kind: 'date', optional: true },
    { key: 'memberId', label: '涉及成员编号', kind: 'text', optional: true, hint: '家庭成员在申请中的编号，如 p2' },
  ],
};

export const SUSPEND_FORM: ActionForm = {
  action: '',
  title: '暂停发放',
  schema: SuspendResume,
  fields: [{ key: 'reason', label: '暂停理由', kind: 'textarea' }],
};

export const RESUME_FORM: ActionForm = {
  action: '',
  title: '恢复发放',
  schema: SuspendResume,
  fields: [{ key: 'reason', label: '恢复理由', kind: 'textarea' }],
};

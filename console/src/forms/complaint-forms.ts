import {
  AnswerComplaint,
  RecordComplaintHomeVisit,
  RecordHotlineComplaint,
  RequestComplaintHomeVisit,
} from '@contracts/complaint';
import { COMPLAINT_SUBJECT_NAMES, COUNTY_NAMES } from '../labels';
import type { ActionForm } from './fields';

// The county's answer to a complaint or report (投诉举报办理, plan 三(三)): what the
// investigation found (staff only), the reply the filer reads by receipt code, and whether a
// complaint about an enrolled case opens its recheck. Before answering, the handler may ask for
// a county home visit on that case; the answer waits until it is recorded.

export const COMPLAINT_FORMS: ActionForm[] = [
  {
    action: 'answerComplaint',
    title: '答复投诉举报',
    schema: AnswerComplaint.omit({ action: true }),
    fields: [
      { key: 'findings', label: '调查核实情况', kind: 'textarea', hint: '仅工作人员可见' },
      { key: 'reply', label: '答复内容', kind: 'textarea', hint: '投诉举报人凭受理编号查看' },
      { key: 'openRecheck', label: '对所涉在保案件启动复核', kind: 'confirm', hint: '仅投诉对象为在保案件时适用' },
    ],
  },
  {
    action: 'requestHomeVisit',
    title: '安排县级入户核查',
    schema: RequestComplaintHomeVisit.omit({ action: true }),
    fields: [
      { key: 'reason', label: '核查事由', kind: 'textarea', hint: '仅投诉对象为在保案件时适用；核查完成后再答复' },
    ],
  },
];

/** The county's home visit (投诉举报入户核查): what was found at the household. */
export const COMPLAINT_HOME_VISIT_FORMS: ActionForm[] = [
  {
    action: 'recordHomeVisit',
    title: '记录入户核查情况',
    schema: RecordComplaintHomeVisit.omit({ action: true }),
    fields: [{ key: 'findings', label: '入户核查情况', kind: 'textarea', hint: '记入该案件的入户调查记录' }],
  },
];

/** A hotline call (服务热线) recorded by staff: checked by the API's own schema, channel fixed to HOTLINE. */
export const HOTLINE_FORM: ActionForm = {
  action: '',
  title: '登记热线投诉举报',
  schema: RecordHotlineComplaint,
  fixed: { channel: 'HOTLINE' },
  fields: [
    { key: 'countyCode', label: '所涉县（市、区）', kind: 'select', options: COUNTY_NAMES },
    { key: 'subject', label: '投诉举报对象', kind: 'select', options: COMPLAINT_SUBJECT_NAMES },
    {
      key: 'subjectRef',
      label: '所涉案件编号',
      kind: 'text',
      optional: true,
      hint: '对象为救助案件时填写（申请或保障案件编号）',
    },
    { key: 'content', label: '来电反映的内容', kind: 'textarea' },
    { key: 'anonymous', label: '来电人要求匿名', kind: 'confirm', hint: '匿名时不填写联系人和联系电话' },
    { key: 'contactName', label: '联系人', kind: 'text', optional: true },
    { key: 'contactPhone', label: '联系电话', kind: 'text', optional: true },
  ],
};

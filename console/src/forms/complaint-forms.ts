import { AnswerComplaint, RecordComplaintHomeVisit, RequestComplaintHomeVisit } from '@contracts/complaint';
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

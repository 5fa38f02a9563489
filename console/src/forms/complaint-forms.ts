import { AnswerComplaint } from '@contracts/complaint';
import type { ActionForm } from './fields';

// The county's answer to a complaint or report (投诉举报办理, plan 三(三)): what the
// investigation found (staff only), the reply the filer reads by receipt code, and whether a
// complaint about an enrolled case opens its recheck.

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
];

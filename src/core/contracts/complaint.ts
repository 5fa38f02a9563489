import { z } from 'zod';
import type { ActorRef } from './determination';
import { CountyCode } from './division';
import { Text } from './text';

// Complaints and reports (投诉举报, plan 三(三) 畅通各级社会救助服务热线，主动接受社会监督):
// anyone files one, without login or by a hotline call staff record; each is a workflow
// from REGISTERED to CLOSED, answered in Chinese to whoever holds the receipt code.

/** What it is about: an application or enrolled case, a household, a member of staff, a procedure. */
export const ComplaintSubject = z.enum(['CASE', 'HOUSEHOLD', 'STAFF', 'PROCEDURE'], {
  error: '投诉对象须为 CASE、HOUSEHOLD、STAFF 或 PROCEDURE',
});
export type ComplaintSubject = z.infer<typeof ComplaintSubject>;

export const ComplaintChannel = z.enum(['PUBLIC', 'HOTLINE']);
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;

export const ComplaintStage = z.enum(['REGISTERED', 'ASSIGNED', 'INVESTIGATED', 'ANSWERED', 'CLOSED']);
export type ComplaintStage = z.infer<typeof ComplaintStage>;

export const COMPLAINT_STAGE_NAMES_ZH: Record<ComplaintStage, string> = {
  REGISTERED: '已登记',
  ASSIGNED: '办理中',
  INVESTIGATED: '已调查核实',
  ANSWERED: '已答复',
  CLOSED: '已办结',
};

/** The longest complaint text accepted (characters). */
export const COMPLAINT_CONTENT_MAX = 2000;

const ComplaintFields = {
  subject: ComplaintSubject,
  /** The case it is about (an application or enrolled case id), when the subject is a case. */
  subjectRef: z.guid({ error: '须为案件编号（UUID）' }).optional(),
  countyCode: CountyCode,
  content: Text({ max: COMPLAINT_CONTENT_MAX, multiline: true, tooShort: '须填写投诉举报内容' }),
  anonymous: z.boolean({ error: '须注明是否匿名（true 或 false）' }),
  contactName: Text({ max: 50 }).optional(),
  contactPhone: z
    .string({ error: '须为文本' })
    .regex(/^[0-9+\- ]{5,20}$/, { error: '联系电话须为 5 至 20 位数字（可含 +、- 和空格）' })
    .optional(),
};

/** POST /api/v1/public/complaints: contact details optional; an anonymous complaint gives none. */
export const FileComplaint = z.strictObject(ComplaintFields).superRefine((v, ctx) => {
  if (v.anonymous && (v.contactName !== undefined || v.contactPhone !== undefined))
    ctx.addIssue({ code: 'custom', path: ['anonymous'], message: '匿名投诉不应填写联系人或联系电话' });
});
export type FileComplaint = z.infer<typeof FileComplaint>;

/** POST /api/v1/complaints: a hotline call recorded by staff. */
export const RecordHotlineComplaint = z
  .strictObject({ ...ComplaintFields, channel: z.literal('HOTLINE', { error: '渠道须为 HOTLINE（热线电话）' }) })
  .superRefine((v, ctx) => {
    if (v.anonymous && (v.contactName !== undefined || v.contactPhone !== undefined))
      ctx.addIssue({ code: 'custom', path: ['anonymous'], message: '匿名投诉不应填写联系人或联系电话' });
  });
export type RecordHotlineComplaint = z.infer<typeof RecordHotlineComplaint>;

/** The handling task's completion (COMPLAINT_HANDLE): what was found and the reply to the public. */
export const AnswerComplaint = z.strictObject({
  action: z.literal('answerComplaint'),
  /** What the investigation found (staff only). */
  findings: Text({ max: 2000, multiline: true, tooShort: '须填写调查核实情况' }),
  /** The reply in Chinese, shown to whoever holds the receipt code. */
  reply: Text({ max: 2000, multiline: true, tooShort: '须填写答复内容' }),
  /** Open a recheck of the enrolled case the complaint is about (a change report to the case). */
  openRecheck: z.boolean({ error: '须为 true 或 false' }).optional(),
});
export type AnswerComplaint = z.infer<typeof AnswerComplaint>;

/** From the handling task, before answering: the county visits the household of the case the complaint names. */
export const RequestComplaintHomeVisit = z.strictObject({
  action: z.literal('requestHomeVisit'),
  /** What the visit is to establish (staff only). */
  reason: Text({ max: 500, multiline: true, tooShort: '须说明入户核查的事由' }),
});
export type RequestComplaintHomeVisit = z.infer<typeof RequestComplaintHomeVisit>;

/** The home-visit task's completion (COMPLAINT_HOME_VISIT): what the county found at the household. */
export const RecordComplaintHomeVisit = z.strictObject({
  action: z.literal('recordHomeVisit'),
  findings: Text({ max: 2000, multiline: true, tooShort: '须填写入户核查情况' }),
});
export type RecordComplaintHomeVisit = z.infer<typeof RecordComplaintHomeVisit>;

/** Every staff action on a complaint, through its tasks. */
export const ComplaintAction = z.discriminatedUnion('action', [
  AnswerComplaint,
  RequestComplaintHomeVisit,
  RecordComplaintHomeVisit,
]);
export type ComplaintAction = z.infer<typeof ComplaintAction>;

/** What the complaint workflow starts with: ids and routing only, no content and no contact details. */
export interface ComplaintInput {
  complaintId: string;
  countyCode: string;
  subject: ComplaintSubject;
  /** The enrolled case a CASE complaint names (in its county), when it names one. */
  enrolledCaseId: string | null;
}

export interface ComplaintState {
  complaintId: string;
  stage: ComplaintStage;
  currentTask: { taskId: string; candidateRole: string; jurisdiction: string; dueAt: string | null } | null;
  changeReportId: string | null;
  overdue: boolean;
  /** A county home visit asked for and not yet recorded (its task once opened); absent before home visits existed. */
  homeVisit?: { taskId: string | null } | null;
}

/** A staff action on the complaint (the handling task's Update). */
export interface ComplaintActing {
  actor: ActorRef;
  requestId: string;
  taskId?: string;
  command: ComplaintAction;
}

/** GET /api/v1/complaints filters. */
export const ComplaintListQuery = z.strictObject({
  county: CountyCode.optional(),
  stage: ComplaintStage.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
  format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

/** The receipt code's alphabet: no 0/O, 1/I/L (read over the phone). */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECEIPT_LENGTH = 12;
export const ReceiptCode = z
  .string()
  .regex(new RegExp(`^[${RECEIPT_ALPHABET}]{${RECEIPT_LENGTH}}$`), { error: '受理编号格式不正确' });

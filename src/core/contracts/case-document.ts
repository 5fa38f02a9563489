import { z } from 'zod';
import { Text } from './text';

/** The kinds of case whose UUID a document may name (one id space over their tables). */
export const CaseKind = z.enum([
  'APPLICATION',
  'ENROLLED_CASE',
  'EMERGENCY',
  'DELIBERATION',
  'WARNING',
  'REFERRAL',
  'COMPLAINT',
  'RECOVERY',
]);
export type CaseKind = z.infer<typeof CaseKind>;

/** Types a person uploads (issue list of materials); NOTICE is written by the service only. */
export const UploadDocumentType = z.enum([
  'ID_CARD',
  'HOUSEHOLD_REGISTER',
  'INCOME_CERTIFICATE',
  'MEDICAL_BILL',
  'DISABILITY_CERTIFICATE',
  'HOME_VISIT_FORM',
  'APPRAISAL_MINUTES',
  'OTHER',
]);
export type UploadDocumentType = z.infer<typeof UploadDocumentType>;
export type DocumentType = UploadDocumentType | 'NOTICE';

/** What staff read for each type. */
export const DOCUMENT_TYPE_NAMES: Record<DocumentType, string> = {
  ID_CARD: '身份证',
  HOUSEHOLD_REGISTER: '户口簿',
  INCOME_CERTIFICATE: '收入证明',
  MEDICAL_BILL: '医疗票据',
  DISABILITY_CERTIFICATE: '残疾证',
  HOME_VISIT_FORM: '入户调查表',
  APPRAISAL_MINUTES: '评议记录',
  OTHER: '其他',
  NOTICE: '通知书',
};

/** The content types the door knows by their magic bytes. */
export const DocumentContentType = z.enum(['application/pdf', 'image/jpeg', 'image/png']);
export type DocumentContentType = z.infer<typeof DocumentContentType>;

/** The form fields of an upload (multipart, sent before the file part). */
export const DocumentUploadFields = z.strictObject({
  type: UploadDocumentType,
  memberId: z.guid({ error: '须为成员编号（UUID）' }).optional(),
});
export type DocumentUploadFields = z.infer<typeof DocumentUploadFields>;

/** A newer version: the reason is required, type and member default to the superseded one's. */
export const DocumentVersionFields = z.strictObject({
  reason: Text({ max: 500, tooShort: '须填写替换理由' }),
  type: UploadDocumentType.optional(),
  memberId: z.guid({ error: '须为成员编号（UUID）' }).optional(),
});
export type DocumentVersionFields = z.infer<typeof DocumentVersionFields>;

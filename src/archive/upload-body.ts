import { UploadDocumentType } from '../core/contracts/case-document';

const file = { type: 'string', format: 'binary', description: 'PDF、JPEG 或 PNG；按内容（文件头）判断类型' };
const memberId = { type: 'string', format: 'uuid', description: '材料所涉家庭成员' };

/** OpenAPI of the multipart bodies (fields before the file part, so they are known when it arrives). */
export const UPLOAD_BODY = {
  schema: {
    type: 'object' as const,
    required: ['type', 'file'],
    properties: { type: { type: 'string', enum: [...UploadDocumentType.options] }, memberId, file },
  },
};

export const VERSION_BODY = {
  schema: {
    type: 'object' as const,
    required: ['reason', 'file'],
    properties: {
      reason: { type: 'string', description: '替换理由' },
      type: { type: 'string', enum: [...UploadDocumentType.options] },
      memberId,
      file,
    },
  },
};

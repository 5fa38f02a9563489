import { z } from 'zod';
import { DOCUMENT_TYPE_NAMES, type DocumentType } from '../core/contracts/case-document';
import type { PrismaClient } from '../prisma/prisma-client';

export type DocumentRow = NonNullable<Awaited<ReturnType<PrismaClient['caseDocument']['findUnique']>>>;

/** A document as the API shows it (the storage key and the key id stay inside). */
export const DocumentBody = z.object({
  id: z.uuid(),
  caseKind: z.string(),
  caseId: z.uuid(),
  type: z.string(),
  typeName: z.string(),
  memberId: z.guid().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  hashAlgorithm: z.string(),
  hash: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  retainUntil: z.string(),
  supersedesId: z.uuid().nullable(),
  supersedeReason: z.string().nullable(),
  supersededById: z.uuid().nullable(),
  auditSeq: z.string(),
  auditHash: z.string(),
});
export const DocumentList = z.object({ items: z.array(DocumentBody) });

export function documentBody(r: DocumentRow, supersededById: string | null): z.infer<typeof DocumentBody> {
  return {
    id: r.id,
    caseKind: r.caseKind,
    caseId: r.caseId,
    type: r.type,
    typeName: DOCUMENT_TYPE_NAMES[r.type as DocumentType] ?? r.type,
    memberId: r.memberId,
    fileName: r.fileName,
    contentType: r.contentType,
    size: Number(r.size),
    hashAlgorithm: r.hashAlgorithm,
    hash: r.hash,
    uploadedBy: r.uploadedBy,
    uploadedAt: r.uploadedAt.toISOString(),
    retainUntil: r.retainUntil.toISOString().slice(0, 10),
    supersedesId: r.supersedesId,
    supersedeReason: r.supersedeReason,
    supersededById,
    auditSeq: r.auditSeq.toString(),
    auditHash: r.auditHash,
  };
}

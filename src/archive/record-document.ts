import { appendAuditRow } from '../audit/audit-log';
import type { DocumentType } from '../core/contracts/case-document';
import { Prisma, type PrismaClient } from '../prisma/prisma-client';
import type { ArchivedCase } from './case-lookup';
import type { ArchiveStore } from './store/archive-store';

/** A file already sealed under a temporary key, to be recorded on its case. */
export interface DocumentToRecord {
  id: string;
  case: ArchivedCase;
  type: DocumentType;
  memberId: string | null;
  noticeRef: string | null;
  fileName: string;
  contentType: string;
  size: number;
  hash: string;
  hashAlgorithm: string;
  keyId: string;
  temporaryKey: string;
  supersedes: { id: string; reason: string } | null;
  retainUntil: string;
  actor: { actorId: string; role: string };
  requestId: string | null;
}

/** Where a document's object lives once committed. */
export const finalKeyOf = (caseId: string, documentId: string) => `cases/${caseId}/${documentId}`;

/** Which unique constraint a failed insert hit (duplicate hash, version already replaced, notice already rendered). */
export function conflictOf(e: unknown): 'HASH' | 'SUPERSEDES' | 'NOTICE' | null {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== 'P2002') return null;
  const target = JSON.stringify(e.meta ?? {});
  if (target.includes('supersedes')) return 'SUPERSEDES';
  if (target.includes('notice')) return 'NOTICE';
  if (target.includes('hash')) return 'HASH';
  return null;
}

/**
 * The row, its audit row (hash of the content) and the object's move to its final key, in
 * one transaction: the move is its last step, so a refused insert leaves the object
 * temporary, and on any failure both keys are removed. Nothing half-written.
 */
export async function recordDocument(prisma: PrismaClient, store: ArchiveStore, d: DocumentToRecord) {
  const finalKey = finalKeyOf(d.case.id, d.id);
  try {
    return await prisma.$transaction(async (tx) => {
      const audit = await appendAuditRow(tx, {
        ...d.actor,
        action: d.type === 'NOTICE' ? 'NOTICE_ARCHIVED' : d.supersedes ? 'DOCUMENT_SUPERSEDED' : 'DOCUMENT_ARCHIVED',
        targetType: 'CaseDocument',
        targetId: d.id,
        reason: d.supersedes?.reason ?? null,
        requestId: d.requestId,
        details: {
          caseKind: d.case.kind,
          caseId: d.case.id,
          type: d.type,
          hashAlgorithm: d.hashAlgorithm,
          hash: d.hash,
          size: d.size,
          contentType: d.contentType,
          ...(d.supersedes ? { supersedesId: d.supersedes.id } : {}),
          ...(d.noticeRef ? { noticeRef: d.noticeRef } : {}),
        },
      });
      const row = await tx.caseDocument.create({
        data: {
          id: d.id,
          caseKind: d.case.kind,
          caseId: d.case.id,
          divisionCode: d.case.divisionCode,
          type: d.type,
          memberId: d.memberId,
          noticeRef: d.noticeRef,
          fileName: d.fileName,
          contentType: d.contentType,
          size: BigInt(d.size),
          hash: d.hash,
          hashAlgorithm: d.hashAlgorithm,
          storageKey: finalKey,
          keyId: d.keyId,
          supersedesId: d.supersedes?.id ?? null,
          supersedeReason: d.supersedes?.reason ?? null,
          uploadedBy: d.actor.actorId,
          uploadedRole: d.actor.role,
          retainUntil: new Date(`${d.retainUntil}T00:00:00Z`),
          auditSeq: audit.seq,
          auditHash: audit.hash,
        },
      });
      await store.commit(d.temporaryKey, finalKey);
      return row;
    });
  } catch (e) {
    // Rolled back: neither key may keep an object (a half-done copy included).
    await Promise.all([d.temporaryKey, finalKey].map((k) => store.remove(k).catch(() => undefined)));
    throw e;
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { PrismaClient } from '../prisma/prisma-client';
import type { ArchivedCase } from './case-lookup';
import { renderNoticePdf } from './notice-pdf';
import { noticeTitle } from './notice-titles';
import { conflictOf, recordDocument } from './record-document';
import { sealIntoStore } from './seal-into-store';
import type { ArchiveKey } from './sealing';
import type { ArchiveStore } from './store/archive-store';

/** A notice the processes issued, as the archive sees it. */
interface IssuedNotice {
  ref: string;
  kind: string;
  text: string;
  issuedAt: Date;
  /** The case the notice row belongs to (an enrolled case's notices belong to its application). */
  ownerId: string;
}

/** The notices of a case: the notice table (application, and the enrolled case through it) and an emergency case's notice. */
async function issuedNotices(prisma: PrismaClient, c: ArchivedCase): Promise<IssuedNotice[]> {
  if (c.applicationId) {
    const rows = await prisma.notice.findMany({ where: { applicationId: c.applicationId }, orderBy: { id: 'asc' } });
    return rows.map((n) => ({
      ref: `notice:${n.id}`,
      kind: n.kind,
      text: n.text,
      issuedAt: n.createdAt,
      ownerId: n.applicationId,
    }));
  }
  if (c.kind === 'EMERGENCY') {
    const row = await prisma.emergencyCase.findUnique({
      where: { id: c.id },
      select: { notice: true, updatedAt: true },
    });
    if (!row?.notice) return [];
    // The column holds the latest notice: each text it has held is its own document.
    const digest = createHash('sha256').update(row.notice).digest('hex').slice(0, 16);
    return [
      {
        ref: `emergency:${c.id}:${digest}`,
        kind: 'EMERGENCY',
        text: row.notice,
        issuedAt: row.updatedAt,
        ownerId: c.id,
      },
    ];
  }
  return [];
}

export interface NoticeArchiving {
  prisma: PrismaClient;
  store: ArchiveStore;
  key: ArchiveKey;
  /** Node's name of the digest (sha256, sm3) and the name recorded (SHA-256, SM3). */
  hashAlgorithm: string;
  hashName: string;
  retainUntil: string;
}

/**
 * Renders and files every notice of the case that has no PDF yet (lazily, on the first
 * read of the case's documents or archive): the PDF is stored with its hash on the audit
 * trail like any upload, under the case that owns the notice row. A concurrent render of the
 * same notice loses on the unique notice_ref and its object is removed.
 */
export async function archiveNotices(deps: NoticeArchiving, c: ArchivedCase): Promise<void> {
  const notices = await issuedNotices(deps.prisma, c);
  if (notices.length === 0) return;
  const done = new Set(
    (
      await deps.prisma.caseDocument.findMany({
        where: { noticeRef: { in: notices.map((n) => n.ref) } },
        select: { noticeRef: true },
      })
    ).map((d) => d.noticeRef),
  );
  for (const n of notices.filter((x) => !done.has(x.ref))) {
    const title = noticeTitle(n.kind);
    const pdf = await renderNoticePdf({ title, text: n.text, caseId: n.ownerId, issuedAt: n.issuedAt });
    const sealed = await sealIntoStore(deps.store, deps.key, Readable.from([pdf]), deps.hashAlgorithm);
    const owner: ArchivedCase = n.ownerId === c.id ? c : { ...c, kind: 'APPLICATION', id: n.ownerId };
    try {
      await recordDocument(deps.prisma, deps.store, {
        id: randomUUID(),
        case: owner,
        type: 'NOTICE',
        memberId: null,
        noticeRef: n.ref,
        fileName: `${title}-${n.ref.replace(/[^a-z0-9]+/gi, '-')}.pdf`,
        contentType: 'application/pdf',
        size: sealed.size,
        hash: sealed.hash,
        hashAlgorithm: deps.hashName,
        keyId: deps.key.id,
        temporaryKey: sealed.temporaryKey,
        supersedes: null,
        retainUntil: deps.retainUntil,
        actor: { actorId: 'system:archive', role: 'SYSTEM' },
        requestId: null,
      });
    } catch (e) {
      if (conflictOf(e) !== 'NOTICE') throw e;
    }
  }
}

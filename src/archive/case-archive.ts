import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import archiver from 'archiver';
import type { ArchivedCase } from './case-lookup';
import type { DocumentRow } from './document-body';

/** One line of manifest.json: a file in the ZIP, its hash and the audit row that recorded it. */
export interface ManifestEntry {
  path: string;
  documentId: string | null;
  type: string;
  fileName: string;
  contentType: string;
  size: number;
  hashAlgorithm: string;
  hash: string;
  supersedesId: string | null;
  supersededById: string | null;
  /** The audit row (seq, hash) that recorded the file; null for the decision snapshot, made at download. */
  auditSeq: string | null;
  auditHash: string | null;
}

const zipPath = (r: DocumentRow) => `${r.type === 'NOTICE' ? 'notices' : 'documents'}/${r.id}-${r.fileName}`;

/**
 * The case as one ZIP, streamed: every document version and notice (clear content, as
 * downloaded), decision.json, and manifest.json listing each file with its hash and audit
 * row so an auditor can check it offline (hash the file, find the row in the audit export,
 * recompute the chain). Files are read one after another: memory stays flat.
 */
export async function writeCaseArchive(
  out: Writable,
  c: ArchivedCase,
  rows: DocumentRow[],
  decision: Record<string, unknown>,
  open: (r: DocumentRow) => Promise<Readable>,
): Promise<void> {
  const zip = archiver('zip', { zlib: { level: 6 } });
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  failed.catch(() => undefined);
  zip.pipe(out);
  const replacedBy = new Map(rows.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r.id]));
  const entries: ManifestEntry[] = [];
  for (const r of rows) {
    const path = zipPath(r);
    zip.append(await open(r), { name: path, date: r.uploadedAt });
    // One file at a time: wait until archiver has taken this one in before opening the next.
    await Promise.race([once(zip, 'entry'), failed]);
    entries.push({
      path,
      documentId: r.id,
      type: r.type,
      fileName: r.fileName,
      contentType: r.contentType,
      size: Number(r.size),
      hashAlgorithm: r.hashAlgorithm,
      hash: r.hash,
      supersedesId: r.supersedesId,
      supersededById: replacedBy.get(r.id) ?? null,
      auditSeq: r.auditSeq.toString(),
      auditHash: r.auditHash,
    });
  }
  const decisionJson = Buffer.from(JSON.stringify(decision, null, 2), 'utf8');
  zip.append(decisionJson, { name: 'decision.json' });
  entries.push({
    path: 'decision.json',
    documentId: null,
    type: 'DECISION_SNAPSHOT',
    fileName: 'decision.json',
    contentType: 'application/json',
    size: decisionJson.length,
    hashAlgorithm: 'SHA-256',
    hash: createHash('sha256').update(decisionJson).digest('hex'),
    supersedesId: null,
    supersededById: null,
    auditSeq: null,
    auditHash: null,
  });
  const manifest = { caseKind: c.kind, caseId: c.id, createdAt: new Date().toISOString(), files: entries };
  zip.append(JSON.stringify(manifest, null, 2), { name: 'manifest.json' });
  await Promise.race([zip.finalize(), failed]);
}

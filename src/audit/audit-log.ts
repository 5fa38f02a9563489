import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';

export interface AuditEntry {
  actorId: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  requestId?: string | null;
  details?: Prisma.InputJsonValue;
}

type Tx = Prisma.TransactionClient;
const GENESIS = '0'.repeat(64);
// Serialises appends so each row can name its predecessor's hash (one chain, no forks).
const AUDIT_CHAIN_LOCK = 0x5afe7a0d;

function rowHash(prevHash: string, at: Date, e: AuditEntry): string {
  const canonical = canonicalJson([prevHash, at.toISOString(), e.actorId, e.role, e.action, e.targetType, e.targetId, e.reason ?? null, e.requestId ?? null, e.details ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted: jsonb does not keep key order, the hash must not care. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Appends one audit row inside the caller's transaction, chained to the previous row. */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS;
  const at = new Date();
  await tx.auditLog.create({
    data: {
      at,
      actorId: entry.actorId,
      role: entry.role,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason ?? null,
      requestId: entry.requestId ?? null,
      details: entry.details,
      prevHash,
      hash: rowHash(prevHash, at, entry),
    },
  });
}

export interface ChainVerification {
  rows: number;
  valid: boolean;
  /** First row whose hash or link does not match, if any. */
  brokenAtSeq: string | null;
}

/** Recomputes the whole chain; any edited, deleted or reordered row breaks it. */
export async function verifyAuditChain(prisma: PrismaClient): Promise<ChainVerification> {
  let prevHash = GENESIS;
  let rows = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await prisma.auditLog.findMany({ orderBy: { seq: 'asc' }, take: 1000, ...(cursor ? { cursor: { seq: cursor }, skip: 1 } : {}) });
    for (const row of batch) {
      const expected = rowHash(prevHash, row.at, {
        ...row,
        details: (row.details ?? undefined) as Prisma.InputJsonValue | undefined,
      });
      if (row.prevHash !== prevHash || row.hash !== expected) return { rows, valid: false, brokenAtSeq: row.seq.toString() };
      prevHash = row.hash;
      rows++;
    }
    if (batch.length < 1000) return { rows, valid: true, brokenAtSeq: null };
    cursor = batch[batch.length - 1]!.seq;
  }
}

import { createHash } from 'node:crypto';
// canonicalJson: jsonb does not keep key order, the hash must not care.
import { canonicalJson } from '../common/canonical-json';
import { AUDIT_HASH_ALGORITHMS, type AuditHashAlgorithm, type CryptoSuite } from '../core/contracts/crypto-migration';
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
// Serialises the appends of one chain so each row can name its predecessor's hash (no forks).
const AUDIT_CHAIN_LOCK = 0x5afe7a0d;
/**
 * Parallel chains: a single chain made every audited transaction in the system wait for the
 * previous one to commit. Each transaction links all its rows into one chain (so it takes
 * one lock and two transactions can never deadlock), chosen by its first row's target.
 */
export const AUDIT_CHAINS = 16;
const chainOfTx = new WeakMap<Tx, number>();

/** FNV-1a of the target id: the same case's first rows tend to land in the same chain. */
function chainFor(targetId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < targetId.length; i++) h = Math.imul(h ^ targetId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % AUDIT_CHAINS;
}

/** The hashed fields after the previous hash; the chain too (except chain 0, whose rows predate chains), so moving a row between chains shows. */
function hashedFields(at: Date, e: AuditEntry, chain: number): unknown[] {
  const fields = [
    at.toISOString(),
    e.actorId,
    e.role,
    e.action,
    e.targetType,
    e.targetId,
    e.reason ?? null,
    e.requestId ?? null,
    e.details ?? null,
  ];
  return chain === 0 ? fields : [...fields, chain];
}

/** The row's algorithm (sha256 or sm3) over canonicalJson([prevHash, ...fields]). */
function rowHash(alg: string, prevHash: string, at: Date, e: AuditEntry, chain: number): string {
  return createHash(alg)
    .update(canonicalJson([prevHash, ...hashedFields(at, e, chain)]))
    .digest('hex');
}

/** A chained row's hash as an append computes it (bulk loads outside appendAudit, e.g. bench seeding, link rows the same way). */
export const auditRowHash = (prevHash: string, at: Date, entry: AuditEntry, chain: number): string =>
  rowHash('sha256', prevHash, at, entry, chain);
export const AUDIT_GENESIS = GENESIS;

const KNOWN_ALGORITHMS: ReadonlySet<string> = new Set(Object.values(AUDIT_HASH_ALGORITHMS));

// The process's CRYPTO_SUITE, set once at start-up (API and worker) before any append: every
// caller's appendAudit stays as it is. sha256 until told otherwise, as every install was.
let appendAlgorithm: AuditHashAlgorithm = 'sha256';

/** New audit rows are hashed with this suite's algorithm (rows already written keep theirs). */
export function useAuditSuite(suite: CryptoSuite): void {
  appendAlgorithm = AUDIT_HASH_ALGORITHMS[suite];
}

/** Appends one audit row inside the caller's transaction, chained to the previous row of its chain. */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await appendAuditRow(tx, entry);
}

/** The row an append wrote: a record that cites its audit row (the archive's manifest) keeps these. */
export interface AuditRowRef {
  seq: bigint;
  hash: string;
}

/** As appendAudit, returning the new row's sequence number and hash. */
export async function appendAuditRow(tx: Tx, entry: AuditEntry): Promise<AuditRowRef> {
  let chain = chainOfTx.get(tx);
  const first = chain === undefined;
  if (chain === undefined) {
    chain = chainFor(entry.targetId);
    chainOfTx.set(tx, chain);
  }
  const at = new Date();
  const details = entry.details === undefined || entry.details === null ? null : JSON.stringify(entry.details);
  if (appendAlgorithm === 'sha256') {
    // One statement locks the chain, links and inserts the row: the function audit_append
    // (migration 20261207120000_audit_append) takes the chain's advisory lock, then reads the
    // chain's last hash in a snapshot taken after it, and hashes canonicalJson([prevHash,
    // ...fields]), whose text is '["<prevHash>",' followed by the canonical fields without
    // their opening bracket (prepared here). Taking the lock again later in the same
    // transaction costs nothing: it is held until the commit.
    const rest = canonicalJson(hashedFields(at, entry, chain)).slice(1);
    const [row] = await tx.$queryRaw<AuditRowRef[]>`
      SELECT seq, hash FROM audit_append(${AUDIT_CHAIN_LOCK}::int4, ${at}, ${entry.actorId}, ${entry.role}, ${entry.action},
        ${entry.targetType}, ${entry.targetId}, ${entry.reason ?? null}, ${entry.requestId ?? null}, ${details}::jsonb,
        ${chain}::int2, ${rest})`;
    return row!;
  }
  if (first) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int4, ${chain}::int4)`;
  // SM3: PostgreSQL has no sm3() (pgcrypto's digest() knows only what its OpenSSL build
  // offers, and the embedded server's does not), so Node hashes. Still one link per row: the
  // chain's advisory lock is held, and each statement of a READ COMMITTED transaction sees
  // the rows committed before it, so the read below is the chain's last row.
  const [last] = await tx.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_log WHERE chain = ${chain}::int2 ORDER BY seq DESC LIMIT 1`;
  const prevHash = last?.hash ?? GENESIS;
  // The same JSON round trip the column makes (jsonb), so the hash matches what verification reads back.
  const stored: AuditEntry = {
    ...entry,
    details: details === null ? undefined : (JSON.parse(details) as Prisma.InputJsonValue),
  };
  const hash = rowHash(appendAlgorithm, prevHash, at, stored, chain);
  const [row] = await tx.$queryRaw<AuditRowRef[]>`
    INSERT INTO audit_log (at, actor_id, role, action, target_type, target_id, reason, request_id, details, chain, prev_hash, hash, hash_alg)
    VALUES (${at}, ${entry.actorId}, ${entry.role}, ${entry.action}, ${entry.targetType}, ${entry.targetId}, ${entry.reason ?? null}, ${entry.requestId ?? null},
            ${details}::jsonb, ${chain}::int2, ${prevHash}, ${hash}, ${appendAlgorithm})
    RETURNING seq, hash`;
  return row!;
}

export interface ChainVerification {
  rows: number;
  valid: boolean;
  /** First row whose hash or link does not match, if any. */
  brokenAtSeq: string | null;
}

/** Rows read per page while verifying: large enough that a round trip is rare, small enough to stay light. */
const VERIFY_PAGE = 5000;

interface StoredAuditRow {
  seq: bigint;
  at: Date;
  actorId: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  requestId: string | null;
  details: Prisma.JsonValue | null;
  chain: number;
  prevHash: string;
  hash: string;
  hashAlg: string;
}

/** Recomputes every chain; any edited, deleted, reordered or re-chained row breaks it. */
export async function verifyAuditChain(prisma: PrismaClient): Promise<ChainVerification> {
  const prevHashes = new Map<number, string>();
  let rows = 0;
  // Keyset pages by seq, the next one read while the current one is hashed.
  const page = (after: bigint) => prisma.$queryRaw<StoredAuditRow[]>`
    SELECT seq, at, actor_id AS "actorId", role, action, target_type AS "targetType", target_id AS "targetId",
           reason, request_id AS "requestId", details, chain, prev_hash AS "prevHash", hash, hash_alg AS "hashAlg"
      FROM audit_log WHERE seq > ${after} ORDER BY seq LIMIT ${VERIFY_PAGE}`;
  let next: Promise<StoredAuditRow[]> | null = page(0n);
  try {
    while (next) {
      const batch: StoredAuditRow[] = await next;
      next = batch.length === VERIFY_PAGE ? page(batch[batch.length - 1]!.seq) : null;
      for (const row of batch) {
        const prevHash = prevHashes.get(row.chain) ?? GENESIS;
        // Each row with its own algorithm: a chain may switch at a row and carries on, the new
        // row's hash covering the previous row's hash whatever made it.
        if (!KNOWN_ALGORITHMS.has(row.hashAlg)) return { rows, valid: false, brokenAtSeq: row.seq.toString() };
        const expected = rowHash(
          row.hashAlg,
          prevHash,
          row.at,
          { ...row, details: (row.details ?? undefined) as Prisma.InputJsonValue | undefined },
          row.chain,
        );
        if (row.chain < 0 || row.chain >= AUDIT_CHAINS || row.prevHash !== prevHash || row.hash !== expected)
          return { rows, valid: false, brokenAtSeq: row.seq.toString() };
        prevHashes.set(row.chain, row.hash);
        rows++;
      }
    }
    return { rows, valid: true, brokenAtSeq: null };
  } finally {
    // A page read ahead of a broken row is not awaited: its failure must not go unhandled.
    void next?.catch(() => undefined);
  }
}

import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { appendAudit } from '../audit/audit-log';
import { SOURCE_LAYOUTS, type DataSource } from '../core/contracts/data-source';
import type { Actor } from '../core/contracts/roles';
import type { BatchItem } from './batch-rows';
import { copyWriter } from './copy-rows';
import type { Problem } from './file-refusal';
import { auditTxOf } from './pg-audit';
import { otherIdKeys, STAGED_COLUMNS, stagedRow } from './staged-row';

export interface NewBatch {
  source: DataSource;
  fileName: string;
  sha256: string;
  encoding: string;
  actor: Actor;
  requestId: string;
  uploadedAt: Date;
}

export type StageResult = { created: true; id: string } | { created: false; id: string };

/** Serialises two uploads of the same content for the same source (the second finds the first). */
const BATCH_LOCK = 0x0da7ba7c;

/** A batch is the same file for the same source and scope: another county's upload of it is checked against that county. */
interface BatchKey {
  source: string;
  scope: string;
  sha256: string;
}

async function existing(client: PoolClient, key: BatchKey): Promise<string | null> {
  const r = await client.query<{ id: string }>(
    'SELECT id FROM data_batch WHERE source = $1 AND scope_code = $2 AND sha256 = $3',
    [key.source, key.scope, key.sha256],
  );
  return r.rows[0]?.id ?? null;
}

/** The batch already uploaded with this content, if any (no lock: a hint before reading the file). */
export async function findBatch(pool: Pool, key: BatchKey): Promise<string | null> {
  const client = await pool.connect();
  try {
    return await existing(client, key);
  } finally {
    client.release();
  }
}

/**
 * Stages a batch in one transaction: the batch row, its good rows by COPY (ID numbers as
 * HMACs), its refusals, the audit row. Anything thrown (a file refusal half-way through, a
 * database error) rolls all of it back: a batch is staged and reported, or not there.
 */
export async function stageBatch(
  pool: Pool,
  batch: NewBatch,
  chunks: AsyncIterable<BatchItem[]>,
  hmac: (idNumber: string) => string,
): Promise<StageResult> {
  const idKeys = otherIdKeys(SOURCE_LAYOUTS[batch.source]);
  const client = await pool.connect();
  let broken = false;
  const key = { source: batch.source, scope: batch.actor.jurisdiction, sha256: batch.sha256 };
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::int4, hashtext($2))', [
      BATCH_LOCK,
      `${key.source}:${key.scope}:${key.sha256}`,
    ]);
    const first = await existing(client, key);
    if (first) {
      await client.query('COMMIT');
      return { created: false, id: first };
    }
    const id = randomUUID();
    await client.query(
      `INSERT INTO data_batch (id, source, file_name, sha256, encoding, scope_code, status, rows_read, rows_refused, rows_staged, uploaded_by, uploaded_at, staged_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'STAGED', 0, 0, 0, $7, $8, $8)`,
      [
        id,
        batch.source,
        batch.fileName,
        batch.sha256,
        batch.encoding,
        batch.actor.jurisdiction,
        batch.actor.userId,
        batch.uploadedAt,
      ],
    );

    const rows = copyWriter(client, 'data_batch_row', STAGED_COLUMNS);
    // Refusals wait in memory: one connection runs one COPY at a time.
    const refusals: Problem[] = [];
    let read = 0;
    let refused = 0;
    try {
      for await (const items of chunks) {
        for (const item of items) {
          read += 1;
          if (!item.ok) {
            refused += 1;
            refusals.push(...item.problems);
            continue;
          }
          rows.add(stagedRow(id, item.row, idKeys, hmac));
        }
        await rows.flush();
      }
    } catch (e) {
      // The COPY is still open: the connection is dropped rather than reused, which also aborts the transaction.
      broken = true;
      rows.abort();
      throw e;
    }
    const staged = await rows.end();

    const refusalCopy = copyWriter(client, 'data_batch_refusal', ['batch_id', 'row', 'column', 'code', 'message']);
    for (const p of refusals) {
      refusalCopy.add([id, p.row, p.column, p.code, p.message]);
      await refusalCopy.flush();
    }
    await refusalCopy.end();

    await client.query(
      'UPDATE data_batch SET rows_read = $2, rows_refused = $3, rows_staged = $4, staged_at = $5 WHERE id = $1',
      [id, read, refused, staged, new Date()],
    );
    await appendAudit(auditTxOf(client), {
      actorId: batch.actor.userId,
      role: batch.actor.role,
      action: 'DATA_BATCH_STAGED',
      targetType: 'DataBatch',
      targetId: id,
      requestId: batch.requestId,
      // Counts and the file's hash only: the rows stay in their tables.
      details: { source: batch.source, sha256: batch.sha256, rowsRead: read, rowsRefused: refused, rowsStaged: staged },
    });
    await client.query('COMMIT');
    return { created: true, id };
  } catch (e) {
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release(broken ? true : undefined);
  }
}

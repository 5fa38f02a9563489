// The re-encryption's steps in the worker: one batch of one table per activity and per
// transaction (keyset pagination by primary key), and the closing report. A row already in
// the target suite is left as it is, and the run's cursor moves in the batch's transaction,
// so a batch repeated after its commit (a retry, a restarted worker) changes nothing.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import {
  CRYPTO_MIGRATION_TABLES,
  type CryptoMigrationBatch,
  type CryptoMigrationCursor,
  type CryptoMigrationReport,
  type CryptoMigrationStatus,
  type CryptoMigrationTable,
  type CryptoSuite,
} from '../core/contracts/crypto-migration';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import { type PiiCipher, PiiSealError } from '../registry/pii-cipher';

type Tx = Prisma.TransactionClient;

/** Rows per batch: one transaction, well under a second of SM4/AES work. */
export const CRYPTO_MIGRATION_BATCH_SIZE = 200;

export interface CryptoBatchInput {
  migrationId: string;
  targetSuite: CryptoSuite;
  cursor: CryptoMigrationCursor;
  batchSize?: number;
}

/** A row as read: its key, its lookup hash (tables that have one) and its sealed value. */
interface Row {
  id: string;
  hash: string | null;
  sealed: string;
}

async function readBatch(tx: Tx, table: CryptoMigrationTable, after: string | null, take: number): Promise<Row[]> {
  const page = { ...(after ? { where: { id: { gt: after } } } : {}), orderBy: { id: 'asc' as const }, take };
  switch (table) {
    case 'member':
      return (
        await tx.member.findMany({ ...page, select: { id: true, idNumberHmac: true, idNumberEncrypted: true } })
      ).map((r) => ({ id: r.id, hash: r.idNumberHmac, sealed: r.idNumberEncrypted }));
    case 'emergency_case':
      return (
        await tx.emergencyCase.findMany({
          ...page,
          select: { id: true, idNumberHmac: true, idNumberEncrypted: true },
        })
      ).map((r) => ({ id: r.id, hash: r.idNumberHmac, sealed: r.idNumberEncrypted }));
    case 'complaint':
      // Rows without contact details are read too (the cursor passes them) and never rewritten.
      return (await tx.complaint.findMany({ ...page, select: { id: true, contactSealed: true } })).map((r) => ({
        id: r.id,
        hash: null,
        sealed: r.contactSealed ?? '',
      }));
  }
}

async function writeRow(tx: Tx, table: CryptoMigrationTable, row: Row, hash: string | null, sealed: string) {
  switch (table) {
    case 'member':
      await tx.member.update({ where: { id: row.id }, data: { idNumberHmac: hash!, idNumberEncrypted: sealed } });
      if (row.hash !== hash) await remapHashOnly(tx, row.hash!, hash!);
      return;
    case 'emergency_case':
      await tx.emergencyCase.update({
        where: { id: row.id },
        data: { idNumberHmac: hash!, idNumberEncrypted: sealed },
      });
      return;
    case 'complaint':
      await tx.complaint.update({ where: { id: row.id }, data: { contactSealed: sealed } });
      return;
  }
}

/**
 * Tables that hold a person only as the lookup hash (department data, warnings) follow the
 * registry member: their clear ID number was never stored, so they can be re-hashed only
 * through a member who has the same old hash. Rows of people outside the registry keep the
 * old hash (docs/security.md: the next department file brings them in under the new suite).
 */
async function remapHashOnly(tx: Tx, from: string, to: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE warning SET id_number_hmac = ${to},
           open_key = CASE WHEN open_key IS NULL THEN NULL ELSE ${to} || substr(open_key, ${from.length + 1}) END
    WHERE id_number_hmac = ${from}`;
  await tx.$executeRaw`
    UPDATE population_record p SET id_number_hmac = ${to}
    WHERE p.id_number_hmac = ${from}
      AND NOT EXISTS (SELECT 1 FROM population_record q
                      WHERE q.id_number_hmac = ${to} AND q.category = p.category AND q.origin = p.origin)`;
  await tx.$executeRaw`UPDATE population_record SET head_id_number_hmac = ${to} WHERE head_id_number_hmac = ${from}`;
  await tx.$executeRaw`UPDATE data_batch_row SET id_number_hmac = ${to} WHERE id_number_hmac = ${from}`;
}

const sameCursor = (a: CryptoMigrationCursor | null, table: string | null, after: string | null) =>
  a !== null && a.table === table && a.after === after;

export function createCryptoMigrationActivities(deps: { prisma: PrismaClient; pii?: PiiCipher }) {
  const { prisma } = deps;

  function cipherFor(suite: CryptoSuite): PiiCipher {
    if (!deps.pii)
      throw ApplicationFailure.create({
        type: 'CRYPTO_KEYS_MISSING',
        message: '本 Worker 未配置 PII_HMAC_KEY，无法重新计算身份证号查询散列：请为 Worker 设置后重启',
        nonRetryable: true,
      });
    return deps.pii.withSuite(suite);
  }

  return {
    /** One batch of one table re-sealed and re-hashed under the target suite. */
    async migrateCryptoBatch(input: CryptoBatchInput): Promise<CryptoMigrationBatch> {
      const target = cipherFor(input.targetSuite);
      const take = input.batchSize ?? CRYPTO_MIGRATION_BATCH_SIZE;
      return prisma.$transaction(
        async (tx) => {
          const [run] = await tx.$queryRaw<
            { cursor_table: string | null; cursor_after: string | null; report: CryptoMigrationReport }[]
          >`
            SELECT cursor_table, cursor_after, report FROM crypto_migration WHERE id = ${input.migrationId}::uuid FOR UPDATE`;
          if (!run)
            throw ApplicationFailure.create({ type: 'NOT_FOUND', message: '迁移记录不存在', nonRetryable: true });
          // Done already (this batch committed, its answer was lost): the run's cursor says where to go on.
          if (!sameCursor(input.cursor, run.cursor_table, run.cursor_after))
            return {
              scanned: 0,
              migrated: 0,
              next: run.cursor_table
                ? { table: run.cursor_table as CryptoMigrationTable, after: run.cursor_after }
                : null,
              tableDone: null,
            };
          const { table, after } = input.cursor;
          const rows = await readBatch(tx, table, after, take);
          let migrated = 0;
          for (const row of rows) {
            Context.current().heartbeat();
            if (row.sealed === '') continue;
            let clear: string;
            try {
              clear = target.decrypt(row.sealed);
            } catch (error) {
              if (!(error instanceof PiiSealError)) throw error;
              throw ApplicationFailure.create({
                type: 'CRYPTO_VALUE_UNREADABLE',
                message: `${table} 表的记录 ${row.id} 无法解密：${error.message}`,
                nonRetryable: true,
              });
            }
            const hash = row.hash === null ? null : target.lookupHash(clear);
            if (target.isCurrent(row.sealed) && hash === row.hash) continue;
            await writeRow(tx, table, row, hash, target.isCurrent(row.sealed) ? row.sealed : target.encrypt(clear));
            migrated++;
          }
          const done = rows.length < take;
          const tableIndex = CRYPTO_MIGRATION_TABLES.indexOf(table);
          const nextTable = CRYPTO_MIGRATION_TABLES[tableIndex + 1];
          const next: CryptoMigrationCursor | null = !done
            ? { table, after: rows[rows.length - 1]!.id }
            : nextTable
              ? { table: nextTable, after: null }
              : null;
          const before = run.report[table] ?? { scanned: 0, migrated: 0 };
          const counts = { scanned: before.scanned + rows.length, migrated: before.migrated + migrated };
          await tx.cryptoMigration.update({
            where: { id: input.migrationId },
            data: {
              report: { ...run.report, [table]: counts },
              cursorTable: next?.table ?? null,
              cursorAfter: next?.after ?? null,
            },
          });
          if (done)
            await appendAudit(tx, {
              ...SYSTEM_ACTOR,
              action: 'CRYPTO_MIGRATION_TABLE_DONE',
              targetType: 'CryptoMigration',
              targetId: input.migrationId,
              details: { table, targetSuite: input.targetSuite, ...counts },
            });
          return { scanned: rows.length, migrated, next, tableDone: done ? table : null };
        },
        { timeout: 120_000 },
      );
    },

    /** The run's end (once): status, finish time and the report on the audit trail. */
    async finishCryptoMigration(migrationId: string, status: Exclude<CryptoMigrationStatus, 'RUNNING'>) {
      return prisma.$transaction(async (tx) => {
        const run = await tx.cryptoMigration.findUnique({ where: { id: migrationId } });
        if (!run) throw ApplicationFailure.create({ type: 'NOT_FOUND', message: '迁移记录不存在', nonRetryable: true });
        const report = run.report as CryptoMigrationReport;
        if (run.status !== 'RUNNING') return { status: run.status as CryptoMigrationStatus, report };
        await tx.cryptoMigration.update({ where: { id: migrationId }, data: { status, finishedAt: new Date() } });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'CRYPTO_MIGRATION_FINISHED',
          targetType: 'CryptoMigration',
          targetId: migrationId,
          details: { status, targetSuite: run.targetSuite, report: report as Prisma.InputJsonValue },
        });
        return { status: status as CryptoMigrationStatus, report };
      });
    },
  };
}

export type CryptoMigrationActivities = ReturnType<typeof createCryptoMigrationActivities>;

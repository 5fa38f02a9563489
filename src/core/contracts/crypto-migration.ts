import { z } from 'zod';
import { CRYPTO_MIGRATION_TABLES } from '../crypto-migration-tables';

/**
 * The installation's choice of algorithms (CRYPTO_SUITE): INTERNATIONAL (HMAC-SHA256,
 * AES-256-GCM, SHA-256 audit chain) or NATIONAL, the commercial-cryptography algorithms of
 * GB/T 39786-2021 (HMAC-SM3, SM4-CTR with HMAC-SM3, SM3 audit chain).
 */
export const CRYPTO_SUITES = ['INTERNATIONAL', 'NATIONAL'] as const;
export type CryptoSuite = (typeof CRYPTO_SUITES)[number];

/** The audit chain's row hash under each suite (audit_log.hash_alg). */
export const AUDIT_HASH_ALGORITHMS = { INTERNATIONAL: 'sha256', NATIONAL: 'sm3' } as const;
export type AuditHashAlgorithm = (typeof AUDIT_HASH_ALGORITHMS)[CryptoSuite];

export const CryptoMigrationBody = z.strictObject({
  targetSuite: z.enum(CRYPTO_SUITES, { error: '须为 INTERNATIONAL 或 NATIONAL' }),
});
export type CryptoMigrationBody = z.infer<typeof CryptoMigrationBody>;

export { CRYPTO_MIGRATION_TABLES };
export type CryptoMigrationTable = (typeof CRYPTO_MIGRATION_TABLES)[number];

/** Where a run is: the table and the last primary key done (keyset pagination). */
export interface CryptoMigrationCursor {
  table: CryptoMigrationTable;
  after: string | null;
}

export interface CryptoMigrationInput {
  migrationId: string;
  targetSuite: CryptoSuite;
  /** Where a continued run resumes (absent at the start). */
  cursor?: CryptoMigrationCursor;
}

export interface CryptoMigrationBatch {
  /** Rows read in this batch, and those of them rewritten (the rest were already in the target suite). */
  scanned: number;
  migrated: number;
  /** The next batch's cursor; null once every table is done. */
  next: CryptoMigrationCursor | null;
  /** Set when this batch finished a table. */
  tableDone: CryptoMigrationTable | null;
}

export type CryptoMigrationStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';

/** Per table: rows read and rows rewritten. */
export type CryptoMigrationReport = Partial<Record<CryptoMigrationTable, { scanned: number; migrated: number }>>;

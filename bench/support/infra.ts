import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/dev/data-dir';
import { stopChild } from '../../src/dev/temporal-dev-server';

// The infrastructure of the bench (adapted from test/support, which the build leaves out).

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

export interface RunningPostgres { url: string; child: ChildProcess; stop(): Promise<void> }

/** A throwaway PostgreSQL from scripts/embedded-postgres.mjs (ESM) in a child process. */
export async function startPostgres(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-bench-pg-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'embedded-postgres.mjs'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`内置 PostgreSQL 启动失败（代码 ${code}）`)));
  });
  // If the bench dies before its clean stop, PostgreSQL still gets its SIGTERM (and stops itself).
  const orphan = () => child.kill('SIGTERM');
  process.once('exit', orphan);
  return {
    url,
    child,
    stop: async () => {
      process.off('exit', orphan);
      await stopChild(child, 20_000);
    },
  };
}

/** The Temporal CLI from the project's resolver (scripts/temporal-binaries.mjs), or $TEMPORAL_CLI_PATH. */
export function temporalCliPath(): string {
  if (process.env.TEMPORAL_CLI_PATH) return process.env.TEMPORAL_CLI_PATH;
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'temporal-binaries.mjs'), 'cli', '--require'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const path = result.stdout?.split('\n').find((l) => l.startsWith('TEMPORAL_CLI_PATH='))?.slice('TEMPORAL_CLI_PATH='.length);
  if (result.status !== 0 || !path) throw new Error('无法获得 Temporal CLI（见上方输出）');
  return path;
}

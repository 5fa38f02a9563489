import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/dev/data-dir';
import { freePort } from '../../src/dev/free-port';
import { temporalBinary } from './temporal-binaries';

// `npm start` for real in e2e tests: the compiled launcher on free ports and a throwaway data
// folder, with the process table around it (which child is the worker, the API, Temporal).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Newest modification time under a folder (the sources `npm run build` compiles). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, entry.name === 'generated' ? 0 : newest(path));
    else latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * `npm run build`, as `npm start` runs it first, unless dist is newer than every source
 * (another launcher suite of this run built it). A lock folder keeps two suites from
 * writing dist at once.
 */
export async function buildOnce(): Promise<void> {
  const lock = join(
    tmpdir(),
    `safetynet-build-${createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 12)}.lock`,
  );
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left over from a killed run.
      const takenAt = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - takenAt > 600_000) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    const bundle = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
    const sources = Math.max(...['src', 'workflows', 'prisma', 'console'].map((d) => newest(join(PROJECT_ROOT, d))));
    if (existsSync(bundle) && statSync(bundle).mtimeMs > sources) return;
    const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export interface Proc {
  pid: number;
  args: string;
}

/** Every process below `root` (children, grandchildren: PostgreSQL's server and backends). */
export function descendants(root: number): Proc[] {
  const table = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const found: Proc[] = [];
  const walk = (parent: number) => {
    for (const p of table.filter((row) => row.ppid === parent)) {
      found.push({ pid: p.pid, args: p.args });
      walk(p.pid);
    }
  };
  walk(root);
  return found;
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export const PROCESS = {
  worker: /dist\/src\/worker\.js/,
  api: /dist\/src\/main\.js/,
  temporal: /server start-dev/,
  postgres: /scripts\/embedded-postgres\.mjs/,
} as const;

export interface Launcher {
  ports: { api: number; pg: number; temporal: number; ui: number };
  /** The embedded PostgreSQL (its user and password are fixed by scripts/embedded-postgres.mjs). */
  databaseUrl: string;
  baseUrl: string;
  /** Everything the launcher printed so far. */
  output(): string;
  /** The one live process of that kind below the launcher (throws when there are none or several). */
  pidOf(kind: keyof typeof PROCESS): number;
  /** Waits for a process of that kind other than `previous` (a restart). */
  restarted(kind: keyof typeof PROCESS, previous: number, timeoutMs?: number): Promise<number>;
  /** Ctrl-C, then SIGKILL to anything of this launcher still alive; the data folder removed. */
  stop(): Promise<void>;
}

/** The script `npm start` runs once built. */
export const LAUNCHER_SCRIPT = join(PROJECT_ROOT, 'dist', 'src', 'dev', 'start-embedded.js');

/**
 * What a launcher under test starts with: free ports, a throwaway data folder, and this
 * process's environment without anything that would point it at another PostgreSQL or Temporal.
 */
export async function launcherEnv(
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ env: NodeJS.ProcessEnv; dataDir: string; ports: Launcher['ports'] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'safetynet-launcher-'));
  const ports = { api: await freePort(), pg: await freePort(), temporal: await freePort(), ui: await freePort() };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.api),
    EMBEDDED_PG_PORT: String(ports.pg),
    EMBEDDED_TEMPORAL_PORT: String(ports.temporal),
    EMBEDDED_TEMPORAL_UI_PORT: String(ports.ui),
    SAFETYNET_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    ...extraEnv,
  };
  const cli = temporalBinary('cli');
  if (cli) env.TEMPORAL_CLI_PATH = cli;
  for (const name of [
    'DATABASE_URL',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_NAMESPACE',
    'TEMPORAL_TASK_QUEUE',
    'AUTH_JWKS_URL',
    'WORKER_QUEUES',
  ])
    delete env[name];
  return { env, dataDir, ports };
}

/** Starts the built launcher and resolves once it reports the service started. */
export async function startLauncher(extraEnv: NodeJS.ProcessEnv = {}): Promise<Launcher> {
  const { env, dataDir, ports } = await launcherEnv(extraEnv);
  let output = '';
  const launcher: ChildProcess = spawn(process.execPath, [LAUNCHER_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = new Set<number>([launcher.pid!]);
  const exited = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));
  launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const byArgs = (pattern: RegExp) => {
    const found = descendants(launcher.pid!).filter((p) => pattern.test(p.args));
    for (const p of found) seen.add(p.pid);
    return found;
  };
  const pidOf = (kind: keyof typeof PROCESS) => {
    const found = byArgs(PROCESS[kind]);
    if (found.length !== 1) throw new Error(`expected one ${kind} process, found ${found.length}`);
    return found[0]!.pid;
  };
  const stop = async () => {
    for (const p of descendants(launcher.pid!)) seen.add(p.pid);
    if (launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 12_000)))]);
      clearTimeout(timer);
    }
    // Only if the launcher did not stop them: nothing of a suite may outlive it.
    for (const pid of [...seen].filter(alive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await until(
      'the launcher to report the service started',
      () => {
        if (launcher.exitCode !== null) throw new Error(`launcher exited (${launcher.exitCode}):\n${output}`);
        return output.includes('SafetyNet 已启动');
      },
      240_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports,
    databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${ports.pg}/safetynet`,
    baseUrl: `http://127.0.0.1:${ports.api}`,
    output: () => output,
    pidOf,
    restarted: (kind, previous, timeoutMs = 30_000) =>
      until(
        `a new ${kind} process`,
        () => {
          const now = byArgs(PROCESS[kind]).map((p) => p.pid);
          return now.length === 1 && now[0] !== previous ? now[0] : undefined;
        },
        timeoutMs,
      ),
    stop,
  };
}

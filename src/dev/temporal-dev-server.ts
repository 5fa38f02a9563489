import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../core/search-attributes';
import { PROJECT_ROOT } from './data-dir';
import { Supervisor, type SupervisorEvents } from './supervisor';

export interface RunningTemporal {
  address: string;
  uiUrl: string;
  /** The server's process id (undefined while it waits for a restart, or when the SDK runs it). */
  pid(): number | undefined;
  /** SIGTERM, then SIGKILL after graceMs (the SDK-downloaded server stops in its own time). */
  stop(graceMs?: number): Promise<void>;
}

interface TemporalBinaries {
  resolveTemporalCli(o: { log?: (line: string) => void; required?: boolean }): Promise<string | null>;
}

/** The project's own resolver: env path, PATH, cache, `go install`, else null (SDK download). */
export async function loadTemporalBinaries(): Promise<TemporalBinaries> {
  const url = pathToFileURL(join(PROJECT_ROOT, 'scripts', 'temporal-binaries.mjs')).href;
  return (await import(url)) as TemporalBinaries;
}

const searchAttributeArgs = (): string[] =>
  SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${key.type === 'KEYWORD' ? 'Keyword' : key.type}`,
  ]);

/**
 * The Temporal CLI dev server with file-backed persistence and the Web UI, restarted with
 * backoff when it crashes (the SDK-downloaded fallback is not supervised).
 */
export async function startTemporalDevServer(opts: {
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
  log: (line: string) => void;
}): Promise<RunningTemporal> {
  const { resolveTemporalCli } = await loadTemporalBinaries();
  const cli = await resolveTemporalCli({ log: opts.log, required: false });
  const address = `127.0.0.1:${opts.port}`;
  const uiUrl = `http://127.0.0.1:${opts.uiPort}`;
  if (cli === null) {
    // Machines with internet: let the SDK download its pinned dev server.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        dbFilename: opts.dbFile,
        ip: '127.0.0.1',
        port: opts.port,
        uiPort: opts.uiPort,
        namespace: opts.namespace,
        searchAttributes: SEARCH_ATTRIBUTES,
      },
    });
    return { address, uiUrl, pid: () => undefined, stop: () => env.teardown() };
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--namespace',
    opts.namespace,
    '--db-filename',
    opts.dbFile,
    '--log-level',
    'warn',
    '--log-format',
    'pretty',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    ...searchAttributeArgs(),
  ];
  let stopping = false; // its own shutdown chatter (failed polls, dial errors) is not news
  const relay = (child: ChildProcess) =>
    child.stderr?.on('data', (chunk: Buffer) => {
      if (!stopping)
        chunk
          .toString()
          .split('\n')
          .filter(Boolean)
          .forEach((l) => opts.log(`[temporal] ${l}`));
    });
  // Supervised like the worker and the API: a crashed server is started again on the same
  // database file (the workflows' histories are there), and the worker and the API reconnect.
  // Its shutdown often outlasts the grace `npm start` gives it: the SIGKILL after it is routine, not news.
  const server = new Supervisor(
    [
      {
        name: 'temporal',
        command: cli,
        args,
        stdio: ['ignore', 'ignore', 'pipe'],
        onSpawn: relay,
        logForcedStop: false,
      },
    ],
    { log: opts.log },
  );
  // Before it was ever ready, an exit is a failed start (port taken, bad database file): no retries.
  let exited: string | null = null;
  const onCrash = (...[, info]: SupervisorEvents['crash']) => {
    exited ??= `Temporal 开发服务器已退出（代码 ${info.code ?? info.signal ?? '-'}）`;
  };
  server.on('crash', onCrash);
  server.start();
  try {
    await waitForTemporal(address, () => exited);
  } catch (error) {
    stopping = true;
    await server.stop(1_000);
    throw error;
  } finally {
    server.off('crash', onCrash);
  }
  return {
    address,
    uiUrl,
    pid: () => server.pid('temporal'),
    stop: (graceMs = 10_000) => {
      stopping = true;
      return server.stop(graceMs);
    },
  };
}

async function waitForTemporal(address: string, exited: () => string | null, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failed = exited();
    if (failed) throw new Error(failed);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Temporal 开发服务器在 ${timeoutMs / 1000} 秒内未就绪`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

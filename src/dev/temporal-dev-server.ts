import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../temporal/search-attributes';
import { PROJECT_ROOT } from './data-dir';
import { stopChild } from './stop-child';

export interface RunningTemporal {
  address: string;
  uiUrl: string;
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
  SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${key.type === 'KEYWORD' ? 'Keyword' : key.type}`]);

/** The Temporal CLI dev server with file-backed persistence and the Web UI. */
export async function startTemporalDevServer(opts: { dbFile: string; port: number; uiPort: number; namespace: string; log: (line: string) => void }): Promise<RunningTemporal> {
  const { resolveTemporalCli } = await loadTemporalBinaries();
  const cli = await resolveTemporalCli({ log: opts.log, required: false });
  const address = `127.0.0.1:${opts.port}`;
  const uiUrl = `http://127.0.0.1:${opts.uiPort}`;
  if (cli === null) {
    // Machines with internet: let the SDK download its pinned dev server.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { dbFilename: opts.dbFile, ip: '127.0.0.1', port: opts.port, uiPort: opts.uiPort, namespace: opts.namespace, searchAttributes: SEARCH_ATTRIBUTES },
    });
    return { address, uiUrl, stop: () => env.teardown() };
  }
  const child = spawn(
    cli,
    ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--ui-port', String(opts.uiPort), '--namespace', opts.namespace,
      '--db-filename', opts.dbFile, '--log-level', 'warn', '--log-format', 'pretty',
      '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true', ...searchAttributeArgs()],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stopping = false; // its own shutdown chatter (failed polls, dial errors) is not news
  child.stderr?.on('data', (chunk: Buffer) => {
    if (!stopping) chunk.toString().split('\n').filter(Boolean).forEach((l) => opts.log(`[temporal] ${l}`));
  });
  await waitForTemporal(address, child);
  return {
    address,
    uiUrl,
    stop: (graceMs = 10_000) => {
      stopping = true;
      return stopChild(child, graceMs);
    },
  };
}

async function waitForTemporal(address: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Temporal 开发服务器已退出（代码 ${child.exitCode}）`);
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

import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTES } from '../../src/core/search-attributes';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { freePort } from './infra';

// The Temporal server as production runs it: go.temporal.io/server (the same release the
// CLI's dev server embeds) with PostgreSQL persistence and visibility, built through the Go
// module proxy on first use and cached beside the CLI; its schema applied by the release's
// own temporal-sql-tool from the module's schema files. Bench use only: production points
// TEMPORAL_ADDRESS at a cluster (docker/compose.yml).

export const TEMPORAL_SERVER_VERSION = '1.29.1';
const MODULE = `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`;

function goBinary(): string {
  for (const candidate of [process.env.GO, '/usr/local/go/bin/go', 'go'].filter(Boolean) as string[]) {
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      /* next */
    }
  }
  throw new Error('需要 Go 工具链（/usr/local/go/bin/go）来构建 Temporal 服务器');
}

/** The server and temporal-sql-tool binaries (built once, cached) and the module's schema directory. */
export function temporalServerBinaries(): { server: string; sql: string; schema: string } {
  const go = goBinary();
  const cache = process.env.SAFETYNET_CACHE_DIR ?? join(homedir(), '.cache', 'safetynet');
  const dir = join(cache, `temporal-server-v${TEMPORAL_SERVER_VERSION}`);
  const server = join(dir, 'server');
  const sql = join(dir, 'sql');
  if (!existsSync(server) || !existsSync(sql)) {
    console.log(
      `building the Temporal server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool (go install, a few minutes the first time)…`,
    );
    mkdirSync(dir, { recursive: true });
    execFileSync(
      go,
      [
        'install',
        '-ldflags',
        '-s -w',
        `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
        `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
      ],
      {
        env: { ...process.env, GOBIN: dir },
        stdio: 'inherit',
      },
    );
  }
  const { Dir } = JSON.parse(execFileSync(go, ['mod', 'download', '-json', MODULE], { encoding: 'utf8' })) as {
    Dir: string;
  };
  return { server, sql, schema: join(Dir, 'schema', 'postgresql', 'v12') };
}

/** temporal.api.enums.v1.IndexedValueType of the search attribute types the service defines. */
const INDEXED_VALUE_TYPE: Record<string, number> = {
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
};

/** A free port below 32768: the server records its services' ports in a smallint column. */
async function lowPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export interface TemporalOnPostgres {
  address: string;
  shards: number;
  stop(): Promise<void>;
}

/** A fresh Temporal server on a PostgreSQL of its own (embedded), namespace `default` with the service's search attributes. */
export async function startTemporalOnPostgres(opts: { shards: number }): Promise<TemporalOnPostgres> {
  const bin = temporalServerBinaries();
  const root = mkdtempSync(join(tmpdir(), 'safetynet-temporal-pg-'));
  const pg = await startEmbeddedPostgres({
    dir: join(root, 'pg'),
    port: await freePort(),
    database: 'temporal_bootstrap',
    persistent: false,
  });
  const url = new URL(pg.url);
  const db = {
    host: url.hostname,
    port: url.port,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  const sqlTool = (database: string, ...args: string[]) =>
    execFileSync(
      bin.sql,
      [
        '--plugin',
        'postgres12',
        '--ep',
        db.host,
        '-p',
        db.port,
        '-u',
        db.user,
        '--pw',
        db.password,
        '--db',
        database,
        ...args,
      ],
      { stdio: 'pipe' },
    );
  for (const [database, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    sqlTool(database, 'create-database');
    sqlTool(database, 'setup-schema', '-v', '0.0');
    sqlTool(database, 'update-schema', '-d', join(bin.schema, schema, 'versioned'));
  }
  const ports = {
    frontend: await lowPort(),
    history: await lowPort(),
    matching: await lowPort(),
    worker: await lowPort(),
  };
  const membership = {
    frontend: await lowPort(),
    history: await lowPort(),
    matching: await lowPort(),
    worker: await lowPort(),
  };
  const store = (database: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "${db.host}:${db.port}"
        connectProtocol: tcp
        user: "${db.user}"
        password: "${db.password}"
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (name: keyof typeof ports) => `
  ${name}:
    rpc:
      grpcPort: ${ports[name]}
      membershipPort: ${membership[name]}
      bindOnLocalHost: true`;
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'development.yaml'),
    `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${opts.shards}
  datastores:
    default:${store('temporal', 40)}
    visibility:${store('temporal_visibility', 10)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:${service('frontend')}${service('matching')}${service('history')}${service('worker')}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${ports.frontend}
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${join(root, 'config', 'dynamic.yaml')}
  pollInterval: 10s
`,
  );
  writeFileSync(
    join(root, 'config', 'dynamic.yaml'),
    `frontend.enableUpdateWorkflowExecution:
  - value: true
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
limit.maxIDLength:
  - value: 255
`,
  );
  const log = createWriteStream(join(root, 'server.log'));
  const child = spawn(
    bin.server,
    ['--root', root, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  };
  const address = `127.0.0.1:${ports.frontend}`;
  try {
    // The namespace, then the search attributes the workflows upsert (the SQL visibility store needs them declared).
    const until = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(
          `Temporal 服务器退出（${child.exitCode}）：\n${readFileSync(join(root, 'server.log'), 'utf8').slice(-3000)}`,
        );
      try {
        const connection = await Connection.connect({ address, connectTimeout: 2_000 });
        try {
          await connection.workflowService
            .registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: msToTs('1 day') })
            .catch((e: { code?: number }) => {
              if (e.code !== 6) throw e; // ALREADY_EXISTS
            });
          await connection.operatorService
            .addSearchAttributes({
              namespace: 'default',
              searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, INDEXED_VALUE_TYPE[k.type]])),
            })
            .catch((e: { code?: number }) => {
              if (e.code !== 6) throw e; // ALREADY_EXISTS: a retry after they were added
            });
          await connection.workflowService.describeNamespace({ namespace: 'default' });
          break;
        } finally {
          await connection.close();
        }
      } catch (error) {
        if (Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    return { address, shards: opts.shards, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

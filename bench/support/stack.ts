import type { NestExpressApplication } from '@nestjs/platform-express';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { seed } from '../../prisma/seed';
import { USERS } from '../../prisma/seed-data';
import { createApp } from '../../src/app.factory';
import { signToken } from '../../src/auth/token-verifier';
import { loadConfig, type AppConfig } from '../../src/config/config';
import type { ParameterStore } from '../../src/policy';
import { applyMigrations } from '../../src/prisma/migrate';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { dataConverterFor } from '../../src/temporal/data-converter';
import { SEARCH_ATTRIBUTES } from '../../src/core/search-attributes';
import { createWorkers } from '../../src/worker/create-worker';
import { freePort, startPostgres, temporalCliPath, type RunningPostgres } from './infra';

/**
 * The whole service, for real, on free loopback ports: embedded PostgreSQL (migrated,
 * seeded), the Temporal CLI dev server, a worker with the real activities and the given
 * parameters, and the Nest app listening on HTTP.
 */
export interface BenchStack {
  baseUrl: string;
  config: AppConfig;
  temporal: TestWorkflowEnvironment;
  prisma: PrismaClient;
  tokens: Record<string, string>;
  /** The API's process id when it runs as a process of its own. */
  apiPid: number | null;
  stop(): Promise<void>;
}

export async function startBenchStack(opts: {
  /** Fixed parameters for the worker; absent, it reads them live from the database as src/worker.ts does (approvals reach it). */
  parameters?: ParameterStore;
  taskQueue: string;
  activityInterceptor?: ActivityInterceptorsFactory;
  /** Give the worker its Temporal client, as src/worker.ts does (enrolment starts, campaign signals). */
  workerClient?: boolean;
  /**
   * Where the campaigns' lane is served (with workerClient): in this process beside the main
   * queue, or by a worker process of its own (src/worker.ts with WORKER_QUEUES=campaigns).
   */
  campaignLane?: 'in-process' | 'own-process';
  /**
   * Where the Nest API runs: in this process beside the worker, or as a process of its own
   * (dist/src/main.js), as in production where the API and the worker scale apart.
   */
  api?: 'in-process' | 'own-process';
  /** More environment for the API (e.g. ARCHIVE_DIR). */
  env?: Record<string, string>;
  /** An existing database (migrated and seeded, with the keys its rows were sealed with) instead of a throwaway one. */
  database?: { url: string; keys: { hmacKeyHex: string; encryptionKeyHex: string } };
  /** A Temporal server already running (e.g. on PostgreSQL, bench/support/temporal-postgres.ts) instead of the CLI dev server. */
  temporalAddress?: string;
}): Promise<BenchStack> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: unknown) => console.error('停止时出错：', e));
  };
  try {
    let pg: Pick<RunningPostgres, 'url'>;
    let keys: { hmacKeyHex: string; encryptionKeyHex: string };
    if (opts.database) {
      pg = { url: opts.database.url };
      keys = opts.database.keys;
    } else {
      const running = await startPostgres();
      stops.push(() => running.stop());
      pg = running;
      await applyMigrations(pg.url);
      keys = { hmacKeyHex: randomBytes(32).toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') };
      await seed(pg.url, keys);
    }

    // Payloads sealed as in production (the worker's client starts and signals cases).
    const client = {
      dataConverter: dataConverterFor({
        PII_ENCRYPTION_KEY: keys.encryptionKeyHex,
        TEMPORAL_PAYLOAD_PREVIOUS_KEYS: [],
      }),
    };
    const temporal = opts.temporalAddress
      ? await TestWorkflowEnvironment.createFromExistingServer({ address: opts.temporalAddress, client })
      : await TestWorkflowEnvironment.createLocal({
          server: {
            executable: { type: 'existing-path', path: temporalCliPath() },
            ip: '127.0.0.1',
            searchAttributes: SEARCH_ATTRIBUTES,
          },
          client,
        });
    stops.push(() => temporal.teardown());

    const port = await freePort();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: opts.taskQueue,
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      PII_HMAC_KEY: keys.hmacKeyHex,
      PII_ENCRYPTION_KEY: keys.encryptionKeyHex,
      LOG_LEVEL: 'silent',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...opts.env,
    };
    const config = loadConfig(env);
    const prisma = createPrismaClient(pg.url);
    stops.push(() => prisma.$disconnect());
    const ownLaneProcess = opts.workerClient === true && opts.campaignLane === 'own-process';
    const workers = await createWorkers(
      config,
      {
        prisma,
        connection: temporal.nativeConnection,
        ...(opts.parameters ? { parameters: opts.parameters } : {}),
        ...(opts.workerClient ? { temporal: { client: temporal.client, taskQueue: opts.taskQueue } } : {}),
      },
      opts.workerClient && !ownLaneProcess ? ['main', 'campaigns'] : ['main'],
      opts.activityInterceptor ? { interceptors: { activity: [opts.activityInterceptor] } } : {},
    );
    if (ownLaneProcess) stops.push(await startLaneProcess(config));
    const running = Promise.all(workers.map((w) => w.run()));
    stops.push(async () => {
      for (const w of workers) w.shutdown();
      await running;
    });
    let apiPid: number | null = null;
    if (opts.api === 'own-process') {
      const api = await startApiProcess(env, `http://127.0.0.1:${port}`);
      apiPid = api.pid;
      stops.push(api.stop);
    } else {
      const app: NestExpressApplication = await createApp(config);
      await app.listen(port, '127.0.0.1');
      stops.push(() => app.close());
    }

    const tokens: Record<string, string> = {};
    for (const u of USERS)
      tokens[u.username] = await signToken(config, { userId: u.id, role: u.role, jurisdiction: u.jurisdictionCode });
    return { baseUrl: `http://127.0.0.1:${port}`, config, temporal, prisma, tokens, apiPid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the stack and exits when a bench runs longer than `timeoutMs`; returns the call that disarms it. */
export function abortAfter(stack: BenchStack, timeoutMs: number): () => void {
  const abort = setTimeout(() => {
    console.error(`\n基准运行超过 ${timeoutMs / 1000} 秒，已中止（BENCH_TIMEOUT_MS）。`);
    void stack.stop().finally(() => process.exit(1));
    setTimeout(() => process.exit(1), 30_000).unref();
  }, timeoutMs);
  abort.unref();
  return () => clearTimeout(abort);
}

/** The compiled API process (dist/src/main.js) on the stack's database and Temporal; resolves once /health answers. */
async function startApiProcess(
  env: Record<string, string>,
  baseUrl: string,
): Promise<{ pid: number; stop: () => Promise<void> }> {
  // BENCH_API_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): profile the API alone.
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', '..', 'src', 'main.js')], {
    env: { ...process.env, ...env, DB_MIGRATE_ON_START: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let attempt = 0; ; attempt++) {
    const up = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null) throw new Error(`API 进程退出（${child.exitCode}）`);
    if (attempt > 300) throw new Error('API 进程 30 秒内未就绪');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid!, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ReturnType<typeof spawn>, exited: Promise<unknown>): Promise<void> {
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killer);
}

/** The compiled worker process (dist/src/worker.js) serving only the campaigns' lane; resolves once it polls. */
async function startLaneProcess(config: AppConfig): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'src', 'worker.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      WORKER_QUEUES: 'campaigns',
      LOG_LEVEL: 'warn',
      PII_ENCRYPTION_KEY: config.PII_ENCRYPTION_KEY,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Temporal worker 已启动')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`复核批次 worker 进程退出（${code}）`)));
  });
  return () => stopChild(child, exited);
}

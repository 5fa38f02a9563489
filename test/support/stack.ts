import type { NestExpressApplication } from '@nestjs/platform-express';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { createApp } from '../../src/app.factory';
import { signToken } from '../../src/auth/token-verifier';
import { loadConfig, loadWorkerConfig, type AppConfig } from '../../src/config/config';
import type { Actor } from '../../src/core/contracts/roles';
import type { ParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { PiiCipher } from '../../src/registry/pii-cipher';
import { dataConverterFor } from '../../src/temporal/data-converter';
import { SEARCH_ATTRIBUTES } from '../../src/core/search-attributes';
import { createWorkers } from '../../src/worker/create-worker';
import { USERS } from '../../prisma/seed-data';
import { startTestPostgres, type TestDatabase } from './postgres';
import { executable, temporalBinary } from './temporal-binaries';

/**
 * The whole service for e2e tests, for real: embedded PostgreSQL (migrated and seeded),
 * the Temporal CLI dev server, a worker with the real activities and the HTTP app.
 */
export interface Stack {
  app: NestExpressApplication;
  config: AppConfig;
  prisma: PrismaClient;
  temporal: TestWorkflowEnvironment;
  tokenFor(username: string): Promise<string>;
  /** A token for any actor, e.g. a caseworker of a township no demo user belongs to (registered as a user first: the guard refuses unknown users). */
  tokenForActor(actor: Actor): Promise<string>;
  /**
   * The recheck-campaign lane's worker, stopped and started by a test: while it is stopped a
   * campaign's workflow is RUNNING and makes no progress, whatever the machine's speed.
   */
  campaignLane: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export async function startStack(
  overrides: Record<string, string> = {},
  deps: {
    parameters?: ParameterStore;
    /** Days before a month at which its payment instruction is written (worker option). */ paymentLeadDays?: number;
  } = {},
): Promise<Stack> {
  const db: TestDatabase = await startTestPostgres();
  const keys = { hmacKeyHex: randomBytes(32).toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') };
  await seed(db.url, keys);
  // The tests' client seals and opens payloads as the API's and the worker's do.
  const payloadKeys = loadWorkerConfig({
    DATABASE_URL: db.url,
    PII_ENCRYPTION_KEY: keys.encryptionKeyHex,
    ...overrides,
  });
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: { executable: executable(temporalBinary('cli')), searchAttributes: SEARCH_ATTRIBUTES },
    client: { dataConverter: dataConverterFor(payloadKeys) },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'safetynet-e2e',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_DEV_TOKENS: 'true',
    PII_HMAC_KEY: keys.hmacKeyHex,
    PII_ENCRYPTION_KEY: keys.encryptionKeyHex,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    ...overrides,
  });
  const prisma = createPrismaClient(db.url);
  // The worker starts each enrolled case's lifecycle workflow at enrolment, as src/worker.ts does.
  const workerDeps = {
    prisma,
    connection: temporal.nativeConnection,
    // The crypto migration's activities, as src/worker.ts builds them.
    pii: new PiiCipher({ ...keys, suite: config.CRYPTO_SUITE, previousKeysHex: config.PII_PREVIOUS_KEYS }),
    ...(deps.parameters ? { parameters: deps.parameters } : {}),
    temporal: {
      client: temporal.client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      ...(deps.paymentLeadDays ? { paymentLeadDays: deps.paymentLeadDays } : {}),
    },
  };
  const [main, lane] = await createWorkers(config, workerDeps, ['main', 'campaigns']);
  const mainRun = main!.run();
  let campaigns: { worker: Worker; run: Promise<void> } | null = { worker: lane!, run: lane!.run() };
  const campaignLane = {
    async stop() {
      if (!campaigns) return;
      campaigns.worker.shutdown();
      await campaigns.run;
      campaigns = null;
    },
    async start() {
      if (campaigns) return;
      const [worker] = await createWorkers(config, workerDeps, ['campaigns']);
      campaigns = { worker: worker!, run: worker!.run() };
    },
  };
  const app = await createApp(config);
  await app.init();
  return {
    app,
    config,
    prisma,
    temporal,
    async tokenFor(username) {
      const user = USERS.find((u) => u.username === username);
      if (!user) throw new Error(`no demo user ${username}`);
      const actor: Actor = { userId: user.id, role: user.role, jurisdiction: user.jurisdictionCode };
      return signToken(config, actor);
    },
    async tokenForActor(actor) {
      const user = { role: actor.role, jurisdictionCode: actor.jurisdiction, disabled: false };
      await prisma.user.upsert({
        where: { id: actor.userId },
        update: user,
        create: { id: actor.userId, username: `test.${actor.userId}`.toLowerCase(), displayName: '测试用户', ...user },
      });
      return signToken(config, actor);
    },
    campaignLane,
    async stop() {
      await app.close();
      main!.shutdown();
      await campaignLane.stop();
      await mainRun;
      await prisma.$disconnect();
      await temporal.teardown();
      await db.stop();
    },
  };
}

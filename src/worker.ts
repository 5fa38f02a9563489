import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { useAuditSuite } from './audit/audit-log';
import { exitDeadlineOnSignal } from './common/bounded-shutdown';
import { loadWorkerConfig } from './config/config';
import { drillParameterVersions } from './policy';
import { LiveParameterStore } from './policy-admin/live-parameter-store';
import { createPrismaClient } from './prisma/prisma-client';
import { dataConverterFor } from './temporal/data-converter';
import { createWorkers } from './worker/create-worker';
import { PiiCipher } from './registry/pii-cipher';

/** Worker process: `npm run start:worker` in production, or a child of `npm start`. */
async function main(): Promise<void> {
  const config = loadWorkerConfig();
  Runtime.install({
    logger: new DefaultLogger(config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN'),
  });
  useAuditSuite(config.CRYPTO_SUITE);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // A client for starting each enrolled case's lifecycle workflow at enrolment.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({
    connection: clientConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(config),
  });
  // The main queue, the campaigns' lane, or both (WORKER_QUEUES): a big county's campaign
  // can signal from a process of its own while this one works through the rechecks.
  // Drill mode (embedded demo only; the config refused it elsewhere): natural-day and month limits in minutes.
  const parameters = new LiveParameterStore(prisma, {
    overlay: config.SAFETYNET_DRILL ? drillParameterVersions() : [],
  });
  // The API may not have migrated a fresh database yet: the shipped set answers meanwhile.
  await parameters.start({ tolerant: true });
  const workers = await createWorkers(
    config,
    {
      prisma,
      connection,
      parameters,
      temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE },
      drill: config.SAFETYNET_DRILL,
      ...(config.PII_HMAC_KEY
        ? {
            pii: new PiiCipher({
              hmacKeyHex: config.PII_HMAC_KEY,
              encryptionKeyHex: config.PII_ENCRYPTION_KEY,
              suite: config.CRYPTO_SUITE,
              previousKeysHex: config.PII_PREVIOUS_KEYS,
            }),
          }
        : {}),
    },
    config.WORKER_QUEUES,
  );
  // The runtime shuts the workers down on SIGINT/SIGTERM; run() resolves once drained. An
  // activity that never returns must not hold the process past `npm start`'s 3 s per child.
  exitDeadlineOnSignal('Temporal worker ', 2_700);
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'Temporal worker 已启动',
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      queues: config.WORKER_QUEUES,
      namespace: config.TEMPORAL_NAMESPACE,
      ...(config.SAFETYNET_DRILL ? { drill: '演练模式：自然日与月份期限已缩短为分钟' } : {}),
    }),
  );
  try {
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    await connection.close();
    await clientConnection.close();
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error('Worker 启动失败：', error instanceof Error ? error.message : error);
  process.exit(1);
});

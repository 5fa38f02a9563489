import { join } from 'node:path';
import { applyMigrations } from '../prisma/migrate';
import { seed } from '../../prisma/seed';
import { launcherDrillRefusal } from '../config/drill';
import { dataDir, embeddedSecrets } from './data-dir';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { Supervisor } from './supervisor';
import { startTemporalDevServer, type RunningTemporal } from './temporal-dev-server';

// `npm start`: the whole service on embedded defaults. PostgreSQL and the Temporal dev
// server are started here unless DATABASE_URL / TEMPORAL_ADDRESS point at existing ones;
// then the worker and the API run as supervised child processes (restarted with backoff
// when they crash) with the resulting environment. The Temporal dev server is supervised
// too (temporal-dev-server.ts): one crashed process never stops the others for long.

const log = (line: string) => console.log(`[safetynet] ${line}`);
const int = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

/**
 * Ctrl-C or SIGTERM stops everything within 10 s: the API and the worker get 3 s each
 * (they drain in less), Temporal 1.5 s, PostgreSQL what is left, and SIGKILL after that.
 */
const SHUTDOWN_BUDGET_MS = 9_500;
const CHILD_GRACE_MS = 3_000;
const TEMPORAL_GRACE_MS = 1_500;

/** What has been started, stopped in reverse order on Ctrl-C or on a failed start. */
const stops: Array<(deadline: number) => Promise<void>> = [];
let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return log('正在停止，请稍候…');
  stopping = true;
  const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
  log('正在停止所有服务…');
  for (const stop of stops.reverse()) await stop(deadline).catch((e: unknown) => log(`停止时出错：${String(e)}`));
  log('已全部停止。');
  process.exit(code);
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const drillRefused = launcherDrillRefusal(env);
  if (drillRefused) throw new Error(drillRefused);
  const dir = dataDir(env);
  const secrets = embeddedSecrets(dir);
  const port = int(env.PORT, 3000);
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let postgres: RunningPostgres | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    log('启动内置 PostgreSQL…');
    postgres = await startEmbeddedPostgres({
      dir: join(dir, 'postgres'),
      port: int(env.EMBEDDED_PG_PORT, 54329),
      database: 'safetynet',
      persistent: true,
    });
    const pg = postgres;
    stops.push((deadline) => pg.stop(Math.max(1_000, deadline - Date.now())));
    databaseUrl = postgres.url;
  }
  const { applied } = await applyMigrations(databaseUrl);
  log(applied.length ? `已执行数据库迁移：${applied.join(', ')}` : '数据库结构已是最新');
  await seed(databaseUrl, {
    hmacKeyHex: env.PII_HMAC_KEY ?? secrets.piiHmacKey,
    encryptionKeyHex: env.PII_ENCRYPTION_KEY ?? secrets.piiEncryptionKey,
    // A fresh national-suite demo is seeded under it (the API refuses any other value at start).
    suite: env.CRYPTO_SUITE === 'NATIONAL' ? 'NATIONAL' : 'INTERNATIONAL',
  });
  log('演示数据已就绪（区划、各角色演示用户、演示家庭）');

  let temporal: RunningTemporal | null = null;
  let temporalAddress = env.TEMPORAL_ADDRESS;
  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  if (!temporalAddress) {
    log('启动 Temporal 开发服务器（首次运行需构建 Temporal CLI，约需数分钟）…');
    temporal = await startTemporalDevServer({
      dbFile: join(dir, 'temporal.db'),
      port: int(env.EMBEDDED_TEMPORAL_PORT, 7233),
      uiPort: int(env.EMBEDDED_TEMPORAL_UI_PORT, 8233),
      namespace,
      log,
    });
    const server = temporal;
    stops.push(() => server.stop(TEMPORAL_GRACE_MS));
    temporalAddress = temporal.address;
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    PORT: String(port),
    AUTH_JWT_SECRET: env.AUTH_JWT_SECRET ?? (env.AUTH_JWKS_URL ? undefined : secrets.jwtSecret),
    AUTH_DEV_TOKENS: env.AUTH_DEV_TOKENS ?? 'true',
    PII_HMAC_KEY: env.PII_HMAC_KEY ?? secrets.piiHmacKey,
    PII_ENCRYPTION_KEY: env.PII_ENCRYPTION_KEY ?? secrets.piiEncryptionKey,
    // The case archive's files live beside the database they are recorded in.
    ARCHIVE_DIR: env.ARCHIVE_DIR ?? join(dir, 'archive'),
    DB_MIGRATE_ON_START: 'false', // applied above
    // Drill mode (SAFETYNET_DRILL, passed through) is allowed only when both services were started here.
    SAFETYNET_EMBEDDED: postgres && temporal ? 'true' : 'false',
  };
  const distSrc = join(__dirname, '..');
  const node = (name: string, entry: string) => ({
    name,
    command: process.execPath,
    args: [join(distSrc, entry)],
    env: childEnv,
    stopGraceMs: CHILD_GRACE_MS,
  });
  // Started in this order, stopped in reverse: the API first, then the worker.
  const children = new Supervisor([node('worker', 'worker.js'), node('api', 'main.js')], { log });
  children.start();
  stops.push(() => children.stop());
  await waitForHealth(`http://127.0.0.1:${port}/health`);
  const masked = databaseUrl.replace(/\/\/([^:]+):[^@]+@/, '//$1:***@');
  console.log(
    [
      '',
      `SafetyNet 已启动（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒），按 Ctrl-C 停止；worker、API 或内置 Temporal 意外退出时会自动重启。`,
      `  API           http://localhost:${port}/api/v1`,
      `  接口文档      http://localhost:${port}/docs`,
      `  健康检查      http://localhost:${port}/health`,
      `  Temporal      ${temporalAddress}（命名空间 ${namespace}）${temporal ? '' : '，外部服务'}`,
      ...(temporal ? [`  Temporal UI   ${temporal.uiUrl}`] : []),
      `  PostgreSQL    ${masked}${postgres ? '（内置）' : '，外部服务'}`,
      `  数据目录      ${dir}`,
      `  演示令牌      curl -X POST localhost:${port}/api/v1/dev/tokens -H 'content-type: application/json' -d '{"username":"township.caseworker"}'`,
      '',
    ].join('\n'),
  );
}

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`服务在 ${timeoutMs / 1000} 秒内未通过健康检查：${url}`);
}

main().catch((error: unknown) => {
  console.error('[safetynet] 启动失败：', error instanceof Error ? error.message : error);
  void shutdown(1);
});

import { z } from 'zod';
import { CRYPTO_SUITES } from '../core/contracts/crypto-migration';
import { CountyCode } from '../core/contracts/division';
import { drillRefusal } from './drill';

/** A comma-separated list of 64-hex keys. */
function hexKeyList(message: string) {
  return z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[0-9a-f]{64}$/i, message)));
}

// Every environment variable the service reads, parsed once at start-up. The embedded
// launcher (npm start) fills these in for its children; production sets them itself.
/** A worker's sticky cache when WORKER_MAX_CACHED_WORKFLOWS is not set (and for tests and benches that build workers themselves). */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1000;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1, 'DATABASE_URL 未设置'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** How long one HTTP request may wait on Temporal in all (ms) before it answers 503. */
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('safetynet'),
  /** HS256 secret for bearer tokens; alternatively AUTH_JWKS_URL (RS256/ES256 by key set). */
  AUTH_JWT_SECRET: z.string().min(32, 'AUTH_JWT_SECRET 至少 32 个字符').optional(),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_ISSUER: z.string().default('safetynet'),
  AUTH_AUDIENCE: z.string().default('safetynet-api'),
  /** Dev-only token endpoint for the seeded demo users; always off in production. */
  AUTH_DEV_TOKENS: z.stringbool().default(false),
  /** 32-byte keys (hex) for resident ID numbers: HMAC for lookup, AES-256-GCM at rest. */
  PII_HMAC_KEY: z.string().regex(/^[0-9a-f]{64}$/i, 'PII_HMAC_KEY 须为 64 位十六进制'),
  PII_ENCRYPTION_KEY: z.string().regex(/^[0-9a-f]{64}$/i, 'PII_ENCRYPTION_KEY 须为 64 位十六进制'),
  /** The algorithms of the lookup hash, the sealing of personal data and the audit chain (docs/security.md). */
  CRYPTO_SUITE: z.enum(CRYPTO_SUITES, { error: '须为 INTERNATIONAL 或 NATIONAL' }).default('INTERNATIONAL'),
  /**
   * Earlier values of PII_HMAC_KEY or PII_ENCRYPTION_KEY (comma-separated), kept so rows
   * written under them stay readable and findable until a crypto migration has re-sealed them.
   */
  PII_PREVIOUS_KEYS: hexKeyList('每个旧密钥须为 64 位十六进制'),
  /**
   * Earlier values of PII_ENCRYPTION_KEY (comma-separated), kept so Temporal payloads sealed
   * under them still decode after a rotation; new payloads always use the current key.
   */
  TEMPORAL_PAYLOAD_PREVIOUS_KEYS: hexKeyList('每个旧密钥须为 64 位十六进制'),
  /** Origins of the Temporal Web UI allowed to call the codec endpoint (comma-separated); unset: the embedded UI outside production. */
  TEMPORAL_UI_ORIGIN: z
    .string()
    .optional()
    .transform((s) =>
      s
        ?.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ error: '须为网址（如 http://localhost:8233）' })).optional()),
  /** The embedded Temporal UI's port (npm start), for the default TEMPORAL_UI_ORIGIN. */
  EMBEDDED_TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  DB_MIGRATE_ON_START: z.stringbool().default(true),
  /** Counties that delegate confirmation to their townships (comma-separated codes; 20 working-day limit). */
  DELEGATED_CONFIRMATION_COUNTIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(CountyCode)),
  /** Largest department data file accepted (MB); a larger upload is refused with 413 before it is read. */
  MONITORING_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(200),
  /** The case archive's object store: a directory (embedded mode) or an S3-compatible bucket (production). */
  ARCHIVE_STORE: z.enum(['filesystem', 's3'], { error: '须为 filesystem 或 s3' }).default('filesystem'),
  /** The directory of the filesystem store; unset: `<SAFETYNET_DATA_DIR or .data>/archive`. */
  ARCHIVE_DIR: z.string().min(1).optional(),
  SAFETYNET_DATA_DIR: z.string().min(1).optional(),
  ARCHIVE_S3_BUCKET: z.string().min(3).optional(),
  /** MinIO or another S3-compatible endpoint; unset: the AWS endpoint of the region. */
  ARCHIVE_S3_ENDPOINT: z.url().optional(),
  ARCHIVE_S3_REGION: z.string().min(1).default('us-east-1'),
  ARCHIVE_S3_FORCE_PATH_STYLE: z.stringbool().default(true),
  /** Explicit credentials; unset: the SDK's default chain (AWS_ACCESS_KEY_ID…, instance role). */
  ARCHIVE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ARCHIVE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Digest of archived files on the audit trail: SHA-256, or SM3 where the national algorithms are required. */
  ARCHIVE_HASH_ALGORITHM: z.enum(['SHA-256', 'SM3'], { error: '须为 SHA-256 或 SM3' }).default('SHA-256'),
  /** Rechecks a campaign starts per second when its request names no rate. */
  CAMPAIGN_RATE_PER_SECOND: z.coerce.number().int().min(1).max(5000).default(50),
  /** Public complaints: submissions one client (IP address) may make at once, and how many it regains per minute. */
  COMPLAINT_RATE_BURST: z.coerce.number().int().min(1).max(10_000).default(5),
  COMPLAINT_RATE_PER_MINUTE: z.coerce.number().min(0.01).max(10_000).default(2),
  /** The same content from the same client within this many minutes is refused as a repeat (409). */
  COMPLAINT_REPEAT_WINDOW_MINUTES: z.coerce.number().int().min(0).max(10_080).default(30),
  /** Largest complaint request body (KB); a larger one is refused with 413 before it is read further. */
  COMPLAINT_BODY_MAX_KB: z.coerce.number().int().min(1).max(1024).default(16),
  /**
   * Login lock-out (等级保护 level 3): after this many failed sign-ins (a token that does not
   * verify, an unknown demo user) from one client within the window, that client's further
   * failed attempts are refused for the lock-out time (429). 0 turns it off.
   */
  AUTH_LOCKOUT_FAILURES: z.coerce.number().int().min(0).max(1000).default(5),
  AUTH_LOCKOUT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  AUTH_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** Session time-out: a token unused this long is refused (401, sign in again). 0 turns it off. */
  AUTH_SESSION_IDLE_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
  /** Session lifetime: a token issued longer ago than this is refused, whatever its own expiry. 0 turns it off. */
  AUTH_SESSION_MAX_MINUTES: z.coerce.number().int().min(0).max(10_080).default(480),
  /** Drill mode: shortened natural-day and month limits, cases marked; embedded demo only (config/drill.ts). */
  SAFETYNET_DRILL: z.stringbool().default(false),
  /** Set by the embedded launcher when it started PostgreSQL and Temporal itself (not for hand use). */
  SAFETYNET_EMBEDDED: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Workflows a worker keeps in memory between their tasks (the sticky cache). Bounded so a
   * worker hosting 100,000 sleeping cases stays within its memory; an evicted one is replayed
   * from its history when it wakes.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_MAX_CACHED_WORKFLOWS),
  /** The task queues a worker process serves: `main`, `campaigns` (the campaigns' lane), or both. */
  WORKER_QUEUES: z
    .string()
    .default('main,campaigns')
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((q) => q.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.enum(['main', 'campaigns'], { error: '须为 main 或 campaigns' }))
        .min(1, { error: '至少指定一个任务队列' }),
    ),
});

export type AppConfig = z.infer<typeof envSchema> & {
  devTokensEnabled: boolean;
  /** Browser origins allowed to call the Temporal codec endpoint (CORS). */
  temporalUiOrigins: string[];
};

/** The worker needs the database and Temporal, which queues to serve, the key its payloads are sealed with, and whether a drill runs. */
const workerSchema = envSchema
  .pick({
    NODE_ENV: true,
    DATABASE_URL: true,
    TEMPORAL_ADDRESS: true,
    TEMPORAL_NAMESPACE: true,
    TEMPORAL_TASK_QUEUE: true,
    LOG_LEVEL: true,
    WORKER_QUEUES: true,
    WORKER_MAX_CACHED_WORKFLOWS: true,
    PII_ENCRYPTION_KEY: true,
    TEMPORAL_PAYLOAD_PREVIOUS_KEYS: true,
    CRYPTO_SUITE: true,
    PII_PREVIOUS_KEYS: true,
    SAFETYNET_DRILL: true,
    SAFETYNET_EMBEDDED: true,
  })
  // The crypto migration's activities re-hash ID numbers: a worker that runs them needs the
  // HMAC key too (optional, so a worker without it keeps starting as before).
  .extend({ PII_HMAC_KEY: envSchema.shape.PII_HMAC_KEY.optional() });
export type WorkerConfig = z.infer<typeof workerSchema>;

function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置无效（环境变量）：\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Drill mode outside the embedded demo stops the process before it serves anything. */
function refuseMisplacedDrill<T extends WorkerConfig>(config: T): T {
  if (!config.SAFETYNET_DRILL) return config;
  const refusal = drillRefusal(config);
  if (refusal) throw new Error(refusal);
  return config;
}

export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig =>
  refuseMisplacedDrill(parseEnv(workerSchema, env));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const config = refuseMisplacedDrill(parseEnv(envSchema, env));
  if (!config.AUTH_JWT_SECRET && !config.AUTH_JWKS_URL) {
    throw new Error('配置无效：须设置 AUTH_JWT_SECRET 或 AUTH_JWKS_URL 之一');
  }
  if (config.ARCHIVE_STORE === 's3' && !config.ARCHIVE_S3_BUCKET) {
    throw new Error('配置无效：ARCHIVE_STORE=s3 时须设置 ARCHIVE_S3_BUCKET');
  }
  return {
    ...config,
    devTokensEnabled: config.AUTH_DEV_TOKENS && config.NODE_ENV !== 'production',
    temporalUiOrigins: temporalUiOrigins(config),
  };
}

/** As configured; else, outside production, the embedded UI as `npm start` prints it (127.0.0.1) or as typed (localhost). */
function temporalUiOrigins(config: z.infer<typeof envSchema>): string[] {
  if (config.TEMPORAL_UI_ORIGIN) return config.TEMPORAL_UI_ORIGIN.map((o) => new URL(o).origin);
  if (config.NODE_ENV === 'production') return [];
  return [
    `http://localhost:${config.EMBEDDED_TEMPORAL_UI_PORT}`,
    `http://127.0.0.1:${config.EMBEDDED_TEMPORAL_UI_PORT}`,
  ];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

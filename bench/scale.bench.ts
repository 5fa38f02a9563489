import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { seed } from '../prisma/seed';
import { verifyAuditChain } from '../src/audit/audit-log';
import { startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { enrolledCaseStartOptions } from '../src/enrolment/enrolment.starter';
import { applyMigrations } from '../src/prisma/migrate';
import { Prisma } from '../src/prisma/prisma-client';
import { MAX_SIGNALS_IN_FLIGHT } from '../src/recheck-campaigns/campaign.activities';
import { PiiCipher } from '../src/registry/pii-cipher';
import { signToken } from '../src/auth/token-verifier';
import { enrolledCaseWorkflow } from '../workflows/enrolled-case.workflow';
import { startBareTemporal } from './support/bare-temporal';
import { startTemporalOnPostgres, TEMPORAL_SERVER_VERSION } from './support/temporal-postgres';
import { freePort } from './support/infra';
import { ANYANG, CAMPAIGN_COUNTY, divided, seedScale, type ScaleSize } from './support/scale-seed';
import { scaleQueries, type ScaleQuery } from './support/scale-queries';
import { abortAfter, startBenchStack, type BenchStack } from './support/stack';
import { pool as inParallel, summarize, type Summary } from './support/stats';
import { enrolledShapeWorkflow, recheckShapeSignal } from './workflows/campaign-shape.workflow';
import { noopWorkflow } from './workflows/noop.workflow';

// npm run bench:scale: an Anyang-sized database (bench/support/scale-seed.ts), kept in
// .data/bench-scale/ and reused by later runs (BENCH_SCALE_RESEED=1 seeds afresh), then:
// the lists and dashboards staff open against the same queries written by hand; verification
// of the whole audit trail against a plain scan of its rows; and one county's annual recheck
// campaign over its running case workflows against raw starts and the same cascade on bare
// Temporal. Every figure beside its floor, measured in the same run.

const DIVISOR = Number(process.env.BENCH_SCALE_DIVISOR ?? 1);
const SIZE: ScaleSize = DIVISOR === 1 ? ANYANG : divided(ANYANG, DIVISOR);
const DIR =
  process.env.BENCH_SCALE_DIR ??
  join(__dirname, '..', '..', '.data', `bench-scale${DIVISOR === 1 ? '' : `-1-${DIVISOR}`}`);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 60);
const WARMUP = Number(process.env.BENCH_SCALE_WARMUP ?? 30);
const STEPS = (process.env.BENCH_SCALE_STEPS ?? 'queries,audit,campaign').split(',');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 4 * 3_600_000);
/** Where the workflows run: the CLI dev server (SQLite, as npm start) or the Temporal server on PostgreSQL, as production runs it. */
const TEMPORAL = process.env.BENCH_SCALE_TEMPORAL === 'postgres' ? 'postgres' : 'dev';
const SHARDS = Number(process.env.BENCH_TEMPORAL_SHARDS ?? 16);
const C = MAX_SIGNALS_IN_FLIGHT;
const RECHECK_START_ACTIVITIES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s1 = (x: number) => x.toFixed(1);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface SeedMeta {
  size: ScaleSize;
  keys: { hmacKeyHex: string; encryptionKeyHex: string };
  samplePerson: string;
  seconds: Record<string, number>;
  seededAt: string;
}

/** Peak RSS of a process from the kernel (VmHWM), in bytes. */
function peakRssOf(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function openDatabase(): Promise<{ url: string; meta: SeedMeta; stop: () => Promise<void> }> {
  const metaPath = join(DIR, 'seed.json');
  let meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as SeedMeta) : null;
  const fresh = process.env.BENCH_SCALE_RESEED === '1' || !meta || JSON.stringify(meta.size) !== JSON.stringify(SIZE);
  if (fresh) rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const pg = await startEmbeddedPostgres({
    dir: join(DIR, 'pg'),
    port: await freePort(),
    database: 'safetynet',
    persistent: true,
  });
  const orphan = () => void pg.stop();
  process.once('exit', orphan);
  const stop = async () => {
    process.off('exit', orphan);
    await pg.stop();
  };
  if (!fresh && meta) {
    console.log(`reusing the database seeded ${meta.seededAt} in ${DIR} (BENCH_SCALE_RESEED=1 seeds afresh)`);
    await applyMigrations(pg.url);
    return { url: pg.url, meta, stop };
  }
  const t0 = performance.now();
  await applyMigrations(pg.url);
  const keys = { hmacKeyHex: randomBytes(32).toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') };
  await seed(pg.url, keys);
  const db = new Pool({ connectionString: pg.url, max: 2 });
  console.log(`seeding ${JSON.stringify(SIZE)} into ${DIR}:`);
  const seeded = await seedScale(db, new PiiCipher(keys), SIZE, new Date());
  await db.end();
  meta = {
    size: SIZE,
    keys,
    samplePerson: seeded.samplePerson,
    seconds: seeded.seconds,
    seededAt: new Date().toISOString(),
  };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  console.log(`seeded in ${s1((performance.now() - t0) / 1000)} s (not a goal)\n`);
  return { url: pg.url, meta, stop };
}

interface QueryResult {
  q: ScaleQuery;
  api: Summary;
  floor: Summary;
  /** The hand-written SQL served over HTTP by a bare Node server: what any HTTP API adds, without SafetyNet's own layers. */
  served: Summary;
}

/**
 * A bare HTTP server in this process: GET /<i> runs query i's hand-written statements and
 * answers their rows as JSON (at most `answered` rows of each where the API answers one page of all it reads).
 */
async function handServer(
  statements: Array<{ sql: Array<{ text: string; values: unknown[] }>; answered?: number }>,
  db: Pool,
) {
  const server = createServer((req, res) => {
    const { sql, answered } = statements[Number(req.url!.slice(1))]!;
    Promise.all(sql.map((s) => db.query(s.text, s.values))).then(
      (results) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(results.map((r) => (answered === undefined ? r.rows : r.rows.slice(0, answered)))));
      },
      (error: Error) => {
        res.statusCode = 500;
        res.end(error.message);
      },
    );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A query's values with each `hmac:<ID number>` replaced by the ID number's lookup hash (the bench holds the key). */
const withLookupHashes = (values: unknown[], pii: PiiCipher): unknown[] =>
  values.map((v) => (typeof v === 'string' && v.startsWith('hmac:') ? pii.lookupHash(v.slice(5)) : v));

/** Each list through HTTP as its user, then its hand-written SQL, WARMUP times unmeasured, then SAMPLES times each, one at a time. */
async function measureQueries(stack: BenchStack, db: Pool, pii: PiiCipher, meta: SeedMeta): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  const queries = scaleQueries(new Date(), meta.samplePerson);
  const withKey = (values: unknown[]) => withLookupHashes(values, pii);
  const bare = await handServer(
    queries.map((q) => ({
      sql: q.sql.map((s) => ({ text: s.text, values: withKey(s.values) })),
      answered: q.answered,
    })),
    db,
  );
  const measured = queries.map((q, index) => {
    const token = stack.tokens[q.user]!;
    const get = async () => {
      const t = performance.now();
      const res = await fetch(`${stack.baseUrl}/api/v1${q.path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${q.label}: ${res.status} ${body.slice(0, 300)}`);
      return performance.now() - t;
    };
    const sql = q.sql.map((s) => ({ text: s.text, values: withKey(s.values) }));
    const serve = async () => {
      const t = performance.now();
      const res = await fetch(`${bare.url}/${index}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${q.label} (bare server): ${body.slice(0, 300)}`);
      return performance.now() - t;
    };
    const hand = async () => {
      const t = performance.now();
      await Promise.all(sql.map((s) => db.query(s.text, s.values)));
      return performance.now() - t;
    };
    return { q, get, hand, serve };
  });
  // A long-running API has compiled its hot code and cached its query plans, and the
  // database has the pages in memory: every list is first asked WARMUP times on each side.
  for (let i = 0; i < WARMUP; i++)
    for (const m of measured) {
      await m.get();
      await m.hand();
      await m.serve();
    }
  for (const { q, get, hand, serve } of measured) {
    const api: number[] = [];
    const floor: number[] = [];
    const served: number[] = [];
    // Interleaved, so a busy moment of the machine hits all three alike.
    for (let i = 0; i < SAMPLES; i++) {
      api.push(await get());
      floor.push(await hand());
      served.push(await serve());
    }
    const r = { q, api: summarize(api), floor: summarize(floor), served: summarize(served) };
    results.push(r);
    const ratio = r.api.p95 / r.floor.p95;
    console.log(
      `${q.label.padEnd(38)} API ${s1(r.api.p50).padStart(6)} / ${s1(r.api.p95).padStart(6)} | SQL ${s1(r.floor.p50).padStart(6)} / ${s1(r.floor.p95).padStart(6)} | SQL over bare HTTP ${s1(r.served.p50).padStart(6)} / ${s1(r.served.p95).padStart(6)} | ${ratio.toFixed(2)} × SQL, ${(r.api.p95 / r.served.p95).toFixed(2)} × bare HTTP | ${ratio <= 2 && r.api.p95 <= 100 ? 'met' : 'NOT met'}`,
    );
  }
  await bare.close();
  return results;
}

/** EXPLAIN ANALYZE of the hand-written statements of the slowest lists: where the time goes at this size. */
async function printPlans(db: Pool, pii: PiiCipher, results: QueryResult[]): Promise<void> {
  const slowest = [...results].sort((a, b) => b.api.p95 - a.api.p95).slice(0, 3);
  for (const r of slowest) {
    console.log(`\nplan of "${r.q.label}" (API p95 ${s1(r.api.p95)} ms), its statements as written by hand:`);
    for (const s of r.q.sql) {
      const plan = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
        withLookupHashes(s.values, pii),
      );
      console.log(plan.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n'));
    }
  }
}

/** The audit trail verified as GET /api/v1/audit/verify does, against reading the same rows by keyset pages. */
async function measureAudit(stack: BenchStack, db: Pool): Promise<void> {
  const t0 = performance.now();
  let rows = 0;
  for (let last = '0'; ;) {
    const page = await db.query<{ seq: string }>(
      `SELECT seq, at, actor_id, role, action, target_type, target_id, reason, request_id, details, chain, prev_hash, hash, hash_alg
         FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 10000`,
      [last],
    );
    rows += page.rows.length;
    if (page.rows.length < 10000) break;
    last = page.rows[page.rows.length - 1]!.seq;
  }
  const floorSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const verified = await verifyAuditChain(stack.prisma);
  const seconds = (performance.now() - t1) / 1000;
  if (!verified.valid) throw new Error(`audit chain broken at ${verified.brokenAtSeq}`);
  console.log(
    `audit verification: ${verified.rows} rows valid in ${s1(seconds)} s: ${(verified.rows / seconds).toFixed(0)} rows/s | plain scan of the same rows: ${rows} in ${s1(floorSeconds)} s: ${(rows / floorSeconds).toFixed(0)} rows/s | ${(seconds / floorSeconds).toFixed(2)} × the scan's time`,
  );
}

/** One county's annual campaign over its running case workflows, beside raw starts and the bare cascade. */
async function measureCampaign(stack: BenchStack, apiPid: number): Promise<void> {
  const runId = randomUUID().slice(0, 8);
  const db = stack.prisma;
  // The county's officer starts its campaign (the demo users are 文峰区's).
  await db.$executeRaw`INSERT INTO app_user (id, username, display_name, role, jurisdiction_code)
    VALUES ('bench-county-officer', 'bench.county.officer', '基准·县级民政经办人', 'COUNTY_OFFICER', ${CAMPAIGN_COUNTY}) ON CONFLICT DO NOTHING`;
  const officer = await signToken(stack.config, {
    userId: 'bench-county-officer',
    role: 'COUNTY_OFFICER',
    jurisdiction: CAMPAIGN_COUNTY,
  });
  // The county's cases as enrolment leaves them (a rerun finds them as the last campaign left them).
  const ofTheseCases = Prisma.sql`application_id IN (SELECT application_id FROM enrolled_case WHERE county_code = ${CAMPAIGN_COUNTY})`;
  await db.$executeRaw`DELETE FROM task WHERE type LIKE 'RECHECK%' AND ${ofTheseCases}`;
  await db.$executeRaw`DELETE FROM recheck WHERE enrolled_case_id IN (SELECT id FROM enrolled_case WHERE county_code = ${CAMPAIGN_COUNTY})`;
  await db.$executeRaw`UPDATE enrolled_case SET status = 'ACTIVE', next_recheck_at = NULL WHERE county_code = ${CAMPAIGN_COUNTY}`;
  const cases = await db.enrolledCase.findMany({
    where: { countyCode: CAMPAIGN_COUNTY },
    select: {
      id: true,
      applicationId: true,
      category: true,
      countyCode: true,
      townshipCode: true,
      villageCode: true,
      startMonth: true,
    },
  });
  const N = cases.length;
  const s0 = performance.now();
  await inParallel(N, 64, async (i) => {
    const c = cases[i]!;
    await stack.temporal.client.workflow.start(
      enrolledCaseWorkflow,
      enrolledCaseStartOptions(
        {
          ...c,
          townshipCode: c.townshipCode!,
          villageCode: c.villageCode!,
          monthlyAmount: 600,
          membersIncluded: ['p1', 'p2'],
        },
        { taskQueue: stack.config.TEMPORAL_TASK_QUEUE },
      ),
    );
  });
  for (let last = -1, since = Date.now(); ;) {
    const planned = await db.enrolledCase.count({
      where: { countyCode: CAMPAIGN_COUNTY, nextRecheckAt: { not: null } },
    });
    if (planned === N) break;
    if (planned !== last) [last, since] = [planned, Date.now()];
    // A case whose first steps failed raises an incident and waits for a person: say so, do not wait for ever.
    if (Date.now() - since > 300_000)
      throw new Error(`only ${planned}/${N} cases planned their recheck; see GET /api/v1/incidents`);
    await sleep(1000);
  }
  console.log(
    `\ncampaign county ${CAMPAIGN_COUNTY}: ${N} case workflows started and their recheck planned in ${s1((performance.now() - s0) / 1000)} s (seeding, not a goal)`,
  );

  const bare = await startBareTemporal(stack, runId);
  try {
    const b0 = performance.now();
    await inParallel(
      N,
      C,
      async (i) =>
        void (await bare.client.workflow.start(noopWorkflow, {
          taskQueue: bare.taskQueue,
          workflowId: `scale-noop-${runId}-${i}`,
          args: [0],
        })),
    );
    const baseRate = N / ((performance.now() - b0) / 1000);
    console.log(`floor: ${N} raw no-op workflow starts: ${baseRate.toFixed(0)} starts/s`);

    const shapeId = (i: number) => `scale-case-shape-${runId}-${i}`;
    await inParallel(
      N,
      C,
      async (i) =>
        void (await bare.client.workflow.start(enrolledShapeWorkflow, {
          taskQueue: bare.taskQueue,
          workflowId: shapeId(i),
          args: [RECHECK_START_ACTIVITIES],
        })),
    );
    const c0 = performance.now();
    await inParallel(N, C, (i) => bare.client.workflow.getHandle(shapeId(i)).signal(recheckShapeSignal, runId));
    await inParallel(N, C, (i) => bare.client.workflow.getHandle(shapeId(i)).result());
    const cascadeSeconds = (performance.now() - c0) / 1000;
    console.log(
      `floor: the same cascade on bare Temporal (signal → case → recheck child → ${RECHECK_START_ACTIVITIES} no-op activities): every child done after ${s1(cascadeSeconds)} s`,
    );

    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const t0 = performance.now();
    const res = await fetch(`${stack.baseUrl}/api/v1/recheck-campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        countyCode: CAMPAIGN_COUNTY,
        categories: ['MINIMUM_LIVING', 'DESTITUTE'],
        dueFrom: day(0),
        dueTo: day(400),
        ratePerSecond: 5000,
      }),
    });
    if (res.status !== 202) throw new Error(`campaign refused: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    let signalSeconds = 0;
    let signalled = 0;
    for (;;) {
      const row = await db.recheckCampaign.findUniqueOrThrow({ where: { id } });
      if (!signalSeconds && (row.signalled + row.skipped >= N || row.status === 'COMPLETED')) {
        signalSeconds = (performance.now() - t0) / 1000;
        signalled = row.signalled;
      }
      const [{ open }] = await db.$queryRaw<[{ open: number }]>`
        SELECT count(*)::int AS open FROM task WHERE type = 'RECHECK_INVESTIGATE' AND ${ofTheseCases}`;
      if (signalSeconds && open >= signalled) break;
      await sleep(1000);
    }
    const openSeconds = (performance.now() - t0) / 1000;
    const rate = signalled / signalSeconds;
    console.log(
      `campaign: ${signalled} cases signalled in ${s1(signalSeconds)} s: ${rate.toFixed(0)}/s = ${(rate / baseRate).toFixed(2)} × raw starts (goal ≥ 0.8 ×)`,
    );
    console.log(
      `campaign: every recheck task open after ${s1(openSeconds)} s = ${(openSeconds / cascadeSeconds).toFixed(2)} × the bare cascade (goal ≤ 1.2 ×)`,
    );
  } finally {
    await bare.stop();
  }
  console.log(
    `peak RSS: API process ${mb(peakRssOf(apiPid))}, worker (bench process: main worker and driver) ${mb(peakRssOf(process.pid))}`,
  );
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  console.log('SafetyNet at the size of Anyang (npm run bench:scale)');
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const database = await openDatabase();
  const temporalPg = TEMPORAL === 'postgres' ? await startTemporalOnPostgres({ shards: SHARDS }) : null;
  console.log(
    temporalPg
      ? `Temporal: server ${TEMPORAL_SERVER_VERSION} on PostgreSQL (embedded, its own instance), ${SHARDS} history shards`
      : 'Temporal: the CLI dev server (SQLite), as npm start runs it (BENCH_SCALE_TEMPORAL=postgres: the server on PostgreSQL)',
  );
  const stack = await startBenchStack({
    ...(temporalPg ? { temporalAddress: temporalPg.address } : {}),
    taskQueue: 'safetynet-scale',
    workerClient: true,
    campaignLane: 'own-process',
    api: 'own-process',
    database: { url: database.url, keys: database.meta.keys },
  });
  const disarm = abortAfter(stack, TIMEOUT_MS);
  const db = new Pool({ connectionString: database.url, max: 4 });
  const pii = new PiiCipher(database.meta.keys);
  let ok = false;
  try {
    const counts = await db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM household) households, (SELECT count(*) FROM member) persons,
              (SELECT count(*) FROM enrolled_case) enrolled, (SELECT count(*) FROM task) tasks,
              (SELECT count(*) FROM task WHERE status IN ('OPEN', 'CLAIMED')) open_tasks,
              (SELECT count(*) FROM audit_log) audit, (SELECT count(*) FROM payment_instruction) payments`,
    );
    console.log(`database: ${JSON.stringify(counts.rows[0])}; API in its own process (dist/src/main.js)\n`);
    if (STEPS.includes('queries')) {
      console.log(
        `lists and dashboards, ${SAMPLES} requests each, one at a time, p50 / p95 in ms (goal: p95 ≤ 2 × the hand-written SQL and ≤ 100 ms):`,
      );
      const results = await measureQueries(stack, db, pii, database.meta);
      await printPlans(db, pii, results);
    }
    if (STEPS.includes('audit')) await measureAudit(stack, db);
    if (STEPS.includes('campaign')) await measureCampaign(stack, stack.apiPid!);
    else
      console.log(`peak RSS: API process ${mb(peakRssOf(stack.apiPid!))}, bench process ${mb(peakRssOf(process.pid))}`);
    ok = true;
  } finally {
    disarm();
    await db.end();
    await stack.stop();
    await temporalPg?.stop();
    await database.stop();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { USERS } from '../prisma/seed-data';
import { signToken } from '../src/auth/token-verifier';
import { ADJUSTMENT_UPDATES_IN_FLIGHT } from '../src/policy-admin/standard-adjustment.activities';
import { seedEnrolledCases, untilRecheckPlanned } from './support/enrolled-cases';
import { abortAfter, startBenchStack } from './support/stack';
import { startBareTemporal } from './support/bare-temporal';
import { pool } from './support/stats';
import { noopUpdate, noopWorkflow } from './workflows/noop.workflow';

// npm run bench:adjustment: seed N enrolled cases of 文峰区 (410502) with their workflows
// running, approve a new 低保 standard through HTTP (four eyes: one administrator proposes,
// another approves), run the yearly adjustment (调标) through POST /api/v1/policy/adjustments
// until its run row is COMPLETED, and print cases adjusted per second and the peak RSS. The
// floor, in the same run: N running no-op workflows, one bare Temporal Update each (the
// adjustment's own kind of message), with the adjustment's number in flight.

const N = Number(process.env.BENCH_CASES ?? 300_000);
const SEED_CONCURRENCY = 64;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 60 * 60_000);
const VILLAGES = ['410502001001', '410502001002', '410502002001', '410502002002', '410502002003'];
const COUNTY = '410502';
const STANDARD = 'minimum_living.standard';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Peak resident set size of this process (worker, API and driver) while `fn` runs. */
async function peakMemory<T>(fn: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peakRss = 0;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  const timer = setInterval(sample, 100);
  try {
    const result = await fn();
    sample();
    return { result, peakRss };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const runId = randomUUID().slice(0, 8);
  const t0 = performance.now();
  // No fixed parameters: the worker reads them live, so the approved standard reaches the adjustment.
  const stack = await startBenchStack({ taskQueue: 'safetynet-bench', workerClient: true });
  const disarm = abortAfter(stack, TIMEOUT_MS);
  const bare = await startBareTemporal(stack, runId);
  let ok = false;
  try {
    console.log('SafetyNet standard adjustment benchmark (npm run bench:adjustment)');
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}`);
    console.log(
      'stack: PostgreSQL 17 (embedded) and the Temporal CLI dev server as child processes; API, worker and driver in this Node process',
    );
    console.log(
      `N = ${N} enrolled 低保 cases in 文峰区 (410502), ${ADJUSTMENT_UPDATES_IN_FLIGHT} Updates in flight (the adjustment's own limit); start-up ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    const seedStart = performance.now();
    const ids = await seedEnrolledCases({
      prisma: stack.prisma,
      client: stack.temporal.client,
      taskQueue: 'safetynet-bench',
      count: N,
      villages: VILLAGES,
      categories: ['MINIMUM_LIVING'],
      concurrency: SEED_CONCURRENCY,
    });
    await untilRecheckPlanned(stack.prisma, ids, TIMEOUT_MS);
    console.log(
      `seeded ${N} enrolled cases and their workflows (next recheck planned) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    // Floor: one bare Update to each of N running no-op workflows.
    const { client, taskQueue } = bare;
    const noopId = (i: number) => `bench-noop-${runId}-${i}`;
    await pool(
      N,
      SEED_CONCURRENCY,
      async (i) => void (await client.workflow.start(noopWorkflow, { taskQueue, workflowId: noopId(i), args: [1] })),
    );
    const f0 = performance.now();
    await pool(
      N,
      ADJUSTMENT_UPDATES_IN_FLIGHT,
      async (i) => void (await client.workflow.getHandle(noopId(i)).executeUpdate(noopUpdate, { args: [i] })),
    );
    const floorSeconds = (performance.now() - f0) / 1000;
    const floorRate = N / floorSeconds;
    console.log(
      `floor: ${N} bare Updates to running no-op workflows in ${floorSeconds.toFixed(1)} s: ${floorRate.toFixed(0)} Updates/s`,
    );

    // A new standard for 文峰区, approved by a second administrator (four eyes).
    const admin = stack.tokens['administrator']!;
    const first = USERS.find((u) => u.username === 'administrator')!;
    // The approver must be another administrator known to the user directory.
    const approver = { userId: randomUUID(), role: 'ADMINISTRATOR' as const, jurisdiction: first.jurisdictionCode };
    await stack.prisma.user.create({
      data: {
        id: approver.userId,
        username: `bench.${runId}`,
        displayName: '基准·第二系统管理员',
        role: approver.role,
        jurisdictionCode: approver.jurisdiction,
      },
    });
    const second = await signToken(stack.config, approver);
    const call = async (token: string, path: string, body?: object) => {
      const res = await fetch(`${stack.baseUrl}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const now = new Date(Date.now() + 8 * 3_600_000);
    const effectiveDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    const proposal = await call(admin, `/api/v1/policy/parameters/${STANDARD}/proposals`, {
      value: 700,
      unit: 'YUAN_PER_PERSON_MONTH',
      validFrom: effectiveDate,
      division: COUNTY,
      area: 'URBAN',
      document: {
        docNo: `文民〔2026〕${runId}号`,
        title: '关于调整文峰区城市最低生活保障标准的通知',
        issuedOn: '2026-11-20',
      },
    });
    await call(second, `/api/v1/policy/parameters/proposals/${String(proposal['id'])}/decision`, {
      decision: 'APPROVE',
      reason: '经区政府研究同意',
    });

    // The adjustment through its normal path, until its run row is COMPLETED.
    const rssBefore = process.memoryUsage().rss;
    const { result, peakRss } = await peakMemory(async () => {
      const a0 = performance.now();
      const run = await call(admin, '/api/v1/policy/adjustments', {
        parameterId: STANDARD,
        effectiveDate,
        scope: { counties: [COUNTY], categories: ['MINIMUM_LIVING'] },
      });
      for (;;) {
        const r = await call(admin, `/api/v1/policy/adjustments/${String(run['id'])}`);
        if (r['status'] !== 'RUNNING')
          return { seconds: (performance.now() - a0) / 1000, status: r['status'], report: r['report'] as never };
        await sleep(250);
      }
    });
    const report = result.report as { changed: number; unchanged: number; rechecksOpened: number } | null;
    const adjusted = report ? report.changed + report.unchanged + report.rechecksOpened : 0;
    const rate = adjusted / result.seconds;
    console.log(
      `adjustment: ${String(result.status)}, ${adjusted} cases adjusted (changed ${report?.changed ?? 0}) in ${result.seconds.toFixed(1)} s: ${rate.toFixed(0)} cases/s`,
    );
    console.log(
      `peak RSS during the adjustment: ${mb(peakRss)} (API, worker and driver; ${mb(rssBefore)} just before it, with the ${N} case workflows and the floor's in the worker's cache)`,
    );
    console.log(`\nratio adjustment / floor: ${(rate / floorRate).toFixed(2)} ×`);
    ok = result.status === 'COMPLETED' && adjusted === N;
    if (!ok) console.error(`调标未完成：${adjusted}/${N} 个案件已调整`);
  } finally {
    disarm();
    await bare.stop();
    await stack.stop();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DEFAULT_PARAMETERS, ParameterStore } from '../src/policy';
import { MAX_SIGNALS_IN_FLIGHT } from '../src/recheck-campaigns/campaign.activities';
import { seedEnrolledCases, untilRecheckPlanned } from './support/enrolled-cases';
import { abortAfter, startBenchStack } from './support/stack';
import { startBareTemporal } from './support/bare-temporal';
import { pool } from './support/stats';
import { enrolledShapeWorkflow, recheckShapeSignal } from './workflows/campaign-shape.workflow';
import { noopWorkflow } from './workflows/noop.workflow';

// npm run bench:campaign: seed N enrolled cases (their workflows running), start
// one recheck campaign over all of them through HTTP, and time it; in the same run, start N
// no-op workflows through the raw client as the bare-Temporal baseline. The campaign's
// rate is set above what the stack can do, so the campaign itself is what is measured.
// "Started" for the campaign means signalled: the case's workflow has heard it and starts
// its recheck child; the time until every recheck row exists is printed beside it. A
// ceiling is measured too: the same shape of work per case on bare Temporal with no-op
// activities, i.e. the most any campaign that starts a recheck child per case could reach.

const N = Number(process.env.BENCH_CASES ?? 10_000);
/** In-flight starts of the baseline (and the ceiling's signals): the campaign's own limit of in-flight signals. */
const C = MAX_SIGNALS_IN_FLIGHT;
/** Concurrency of the seeding (not measured). */
const SEED_CONCURRENCY = 64;
const RATE = 5000;
/** What a recheck child does before it waits for staff: open the recheck, plan its due date, open the task. */
const RECHECK_START_ACTIVITIES = 3;
/** Cases of the ceiling run: its signal rate hardly depends on the count, its cascade takes minutes per thousand. */
const CEILING_CASES = Math.min(N, 2000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30 * 60_000);
const VILLAGES = ['410502001001', '410502001002', '410502002001', '410502002002', '410502002003'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Peak resident set size of this process (worker, API and driver) while `fn` runs. */
async function peakMemory<T>(fn: () => Promise<T>): Promise<{ result: T; peakRss: number; peakHeap: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await fn();
    sample();
    return { result, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const runId = randomUUID().slice(0, 8);
  const t0 = performance.now();
  const stack = await startBenchStack({
    parameters: new ParameterStore(DEFAULT_PARAMETERS),
    taskQueue: 'safetynet-bench',
    workerClient: true,
    campaignLane: 'own-process',
  });
  const disarm = abortAfter(stack, TIMEOUT_MS);
  const bare = await startBareTemporal(stack, runId);
  const { client, taskQueue: noopQueue } = bare;
  let ok = false;
  try {
    console.log('SafetyNet recheck campaign benchmark (npm run bench:campaign)');
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}`);
    console.log(
      'stack: PostgreSQL 17 (embedded) and the Temporal CLI dev server as child processes; API, main worker and driver in this Node process;',
    );
    console.log(
      "       the campaigns' lane (campaign workflow and its signalling activity) in a worker process of its own (WORKER_QUEUES=campaigns)",
    );
    console.log(
      `N = ${N} enrolled cases in 文峰区 (410502), campaign rate ${RATE}/s, ${C} signals (baseline: starts) in flight; start-up ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
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

    // Baseline: N no-op workflows started through the raw client.
    const b0 = performance.now();
    await pool(
      N,
      C,
      async (i) =>
        void (await client.workflow.start(noopWorkflow, {
          taskQueue: noopQueue,
          workflowId: `bench-noop-${runId}-${i}`,
          args: [0],
        })),
    );
    const baseSeconds = (performance.now() - b0) / 1000;
    const baseRate = N / baseSeconds;
    console.log(
      `baseline: ${N} no-op workflows started in ${baseSeconds.toFixed(1)} s: ${baseRate.toFixed(0)} starts/s`,
    );

    // Ceiling: the same work per case on bare Temporal (signal → case → recheck child → its
    // activities, all no-ops), signalled from here with the campaign's limit in flight.
    const shapeId = (i: number) => `bench-case-shape-${runId}-${i}`;
    const M = CEILING_CASES;
    await pool(
      M,
      C,
      async (i) =>
        void (await client.workflow.start(enrolledShapeWorkflow, {
          taskQueue: noopQueue,
          workflowId: shapeId(i),
          args: [RECHECK_START_ACTIVITIES],
        })),
    );
    const s0 = performance.now();
    await pool(M, C, (i) => client.workflow.getHandle(shapeId(i)).signal(recheckShapeSignal, runId));
    const shapeSignalSeconds = (performance.now() - s0) / 1000;
    await pool(M, C, (i) => client.workflow.getHandle(shapeId(i)).result());
    const shapeDoneSeconds = (performance.now() - s0) / 1000;
    const ceilingRate = M / shapeSignalSeconds;
    console.log(
      `ceiling: bare Temporal with the campaign's shape (signal → case workflow → recheck child → ${RECHECK_START_ACTIVITIES} no-op activities):`,
    );
    console.log(
      `  ${M} cases signalled in ${shapeSignalSeconds.toFixed(1)} s: ${ceilingRate.toFixed(0)} signals/s = ${(ceilingRate / baseRate).toFixed(2)} × the baseline; every child done after ${shapeDoneSeconds.toFixed(1)} s`,
    );

    // The campaign, through HTTP as a county officer would start it.
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const token = stack.tokens['county.officer']!;
    const { result, peakRss, peakHeap } = await peakMemory(async () => {
      const c0 = performance.now();
      const res = await fetch(`${stack.baseUrl}/api/v1/recheck-campaigns`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          countyCode: '410502',
          categories: ['MINIMUM_LIVING'],
          dueFrom: day(0),
          dueTo: day(400),
          ratePerSecond: RATE,
        }),
      });
      if (res.status !== 202) throw new Error(`campaign refused: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      let signalledAt = 0;
      let signalled = 0;
      for (;;) {
        const row = await stack.prisma.recheckCampaign.findUniqueOrThrow({ where: { id } });
        // Started once every seeded case was signalled (the batch records it as it ends), as the
        // baseline's clock stops at its last start; or when the campaign ended short of that.
        if (!signalledAt && (row.signalled + row.skipped >= N || row.status === 'COMPLETED')) {
          signalledAt = performance.now();
          signalled = row.signalled;
        }
        if (signalledAt && (await stack.prisma.recheck.count({ where: { campaignId: id } })) >= signalled) break;
        await sleep(100);
      }
      return {
        id,
        signalled,
        signalSeconds: (signalledAt - c0) / 1000,
        allStartedSeconds: (performance.now() - c0) / 1000,
      };
    });
    const rate = result.signalled / result.signalSeconds;
    console.log(
      `campaign: ${result.signalled} cases signalled in ${result.signalSeconds.toFixed(1)} s: ${rate.toFixed(0)} starts/s`,
    );
    console.log(
      `campaign: every recheck child running (recheck rows written) after ${result.allStartedSeconds.toFixed(1)} s: ${(result.signalled / result.allStartedSeconds).toFixed(0)} rechecks/s`,
    );
    console.log(
      `worker process peak memory during the campaign: RSS ${mb(peakRss)}, heap ${mb(peakHeap)} (API and driver included)`,
    );
    console.log(`\nratio campaign / baseline start rate: ${(rate / baseRate).toFixed(2)} × (goal ≥ 0.8 ×)`);
    console.log(
      `ratio ceiling / baseline: ${(ceilingRate / baseRate).toFixed(2)} ×; the campaign reaches ${(rate / ceilingRate).toFixed(2)} of its ceiling`,
    );
    ok = result.signalled === N;
    if (!ok) console.error(`只有 ${result.signalled}/${N} 个案件收到了复核批次通知`);
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

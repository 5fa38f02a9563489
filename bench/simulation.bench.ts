import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { HouseholdFacts, Member } from '../src/core/contracts/household-facts';
import type { DeterminedCategory } from '../src/core/contracts/policy-determination';
import { compareCase, DEFAULT_PARAMETERS, ParameterStore, whatIfStores } from '../src/policy';
import { draftVersion } from '../src/policy-admin/simulation.activities';
import { pageInScope } from '../src/policy-admin/simulation-scope';
import { SEEDED_HOUSEHOLD } from './support/facts';
import { prng } from './support/prng';
import { abortAfter, startBenchStack } from './support/stack';

// npm run bench:simulation: seed N enrolled households (1–8 members, wages and pensions over
// the 12-month window, some assets) in the embedded PostgreSQL, run one what-if over all of
// them through HTTP (the 低保 standard of 文峰区 urban raised from 2027-01-01) and time it;
// in the same run the floor: the same facts rows read from PostgreSQL in the same pages and
// evaluated before/after in a plain loop, no workflow, no rows written, no summary.
// BENCH_HOUSEHOLDS lowers N (default 300,000).

const N = Number(process.env.BENCH_HOUSEHOLDS ?? 300_000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 60 * 60_000);
const COUNTY = '410502';
const EFFECTIVE = '2027-01-01';
const SEED_BATCH = 2000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WINDOW = Array.from({ length: 12 }, (_, k) =>
  k < 10 ? `2023-${String(k + 3).padStart(2, '0')}` : `2024-0${k - 9}`,
);

/** A synthetic household: 1–8 members, an earner or a pensioner or none, now and then savings. */
function householdOf(rand: () => number): HouseholdFacts {
  const size = 1 + Math.floor(rand() * 8);
  const members: Member[] = Array.from({ length: size }, (_, i) => ({
    id: `p${i + 1}`,
    birthDate: i === 0 ? `19${50 + Math.floor(rand() * 30)}-03-12` : `19${60 + Math.floor(rand() * 45)}-07-08`,
    relation: i === 0 ? 'APPLICANT' : i === 1 ? 'SPOUSE' : 'CHILD',
    labourCapacity: rand() < 0.3 ? 'NONE' : 'FULL',
    seriousIllness: rand() < 0.1,
    employment: { employed: false },
    student: false,
    coResident: true,
  }));
  const perCapita = Math.floor(rand() * 800);
  const type = rand() < 0.5 ? ('WAGE' as const) : ('PENSION_BASIC' as const);
  const income =
    perCapita === 0 ? [] : WINDOW.map((month) => ({ memberId: 'p1', type, month, amount: perCapita * size }));
  return {
    applicationDate: '2024-03-15',
    residence: { county: COUNTY, area: rand() < 0.6 ? 'URBAN' : 'RURAL' },
    members,
    income,
    assets: {
      financial: rand() < 0.2 ? [{ memberId: 'p1', amount: Math.floor(rand() * 20000) }] : [],
      homes: [],
      vehicles: [],
      enterprises: [],
      nonResidentialProperties: [],
    },
    expenses: [],
    legalSupporters: [],
    categoriesRequested: ['MINIMUM_LIVING'],
  } as HouseholdFacts;
}

/** Peak resident set size of this process (API, worker and driver) while `fn` runs. */
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
  const parameters = new ParameterStore(DEFAULT_PARAMETERS);
  const stack = await startBenchStack({ parameters, taskQueue: 'safetynet-bench' });
  const disarm = abortAfter(stack, TIMEOUT_MS);
  let ok = false;
  try {
    console.log('SafetyNet what-if benchmark (npm run bench:simulation)');
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}`);
    console.log(
      'stack: PostgreSQL (embedded) and the Temporal CLI dev server as child processes; API, worker and driver in this Node process',
    );

    const rand = prng(20261206);
    const s0 = performance.now();
    for (let done = 0; done < N; done += SEED_BATCH) {
      const n = Math.min(SEED_BATCH, N - done);
      const apps = Array.from({ length: n }, () => ({ id: randomUUID(), facts: householdOf(rand) }));
      await stack.prisma.application.createMany({
        data: apps.map((a) => ({
          id: a.id,
          householdId: SEEDED_HOUSEHOLD,
          category: 'MINIMUM_LIVING',
          channel: 'ON_BEHALF',
          stage: 'ENROLLED',
          workflowId: `application-${a.id}`,
          townshipCode: '410502001',
          countyCode: COUNTY,
          submittedBy: 'bench',
          facts: a.facts as never,
        })) as never,
      });
      await stack.prisma.enrolledCase.createMany({
        data: apps.map((a) => ({
          id: randomUUID(),
          applicationId: a.id,
          householdId: SEEDED_HOUSEHOLD,
          category: 'MINIMUM_LIVING',
          monthlyAmount: 500,
          membersIncluded: a.facts.members.map((m) => m.id),
          startMonth: '2024-05',
          countyCode: COUNTY,
        })),
      });
    }
    console.log(`seeded ${N} enrolled households in ${((performance.now() - s0) / 1000).toFixed(1)} s\n`);

    const draft = {
      parameterId: 'minimum_living.standard',
      value: 700,
      unit: 'YUAN_PER_PERSON_MONTH',
      division: COUNTY,
      area: 'URBAN',
    } as const;
    const scope = { counties: [COUNTY], categories: ['MINIMUM_LIVING' as const] };

    // Floor: the same pages read, both evaluations, nothing written.
    const floor = await peakMemory(async () => {
      const f0 = performance.now();
      const { before, after } = whatIfStores(parameters, [draftVersion(draft, EFFECTIVE)], EFFECTIVE);
      let cursor: Parameters<typeof pageInScope>[2] | null = { kind: 'ENROLLED', after: null };
      let count = 0;
      while (cursor !== null) {
        const page = await pageInScope(stack.prisma, scope, cursor, 500);
        for (const c of page.cases) {
          try {
            compareCase(c.facts as HouseholdFacts, c.category as DeterminedCategory, before, after);
          } catch {
            // counted like the run's NOT_EVALUATED
          }
          count++;
        }
        cursor = page.next;
      }
      return { count, seconds: (performance.now() - f0) / 1000 };
    });
    const floorRate = floor.result.count / floor.result.seconds;
    console.log(
      `floor: ${floor.result.count} households read and evaluated in ${floor.result.seconds.toFixed(1)} s: ${floorRate.toFixed(0)} households/s (peak RSS ${mb(floor.peakRss)})`,
    );

    const token = stack.tokens['administrator']!;
    const run = await peakMemory(async () => {
      const r0 = performance.now();
      const res = await fetch(`${stack.baseUrl}/api/v1/policy/simulations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ effectiveDate: EFFECTIVE, drafts: [draft], scope }),
      });
      if (res.status !== 201) throw new Error(`simulation refused: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        const row = await stack.prisma.policySimulation.findUniqueOrThrow({ where: { id } });
        if (row.status !== 'RUNNING')
          return { status: row.status, processed: row.processed, seconds: (performance.now() - r0) / 1000 };
        await sleep(200);
      }
    });
    const rate = run.result.processed / run.result.seconds;
    console.log(
      `what-if: ${run.result.processed} households ${run.result.status} in ${run.result.seconds.toFixed(1)} s: ${rate.toFixed(0)} households/s; peak RSS ${mb(run.peakRss)} (API, worker and driver)`,
    );
    console.log(
      `\nratio what-if time / floor time: ${(run.result.seconds / floor.result.seconds).toFixed(2)} × (goal ≤ 1.5 ×); whole run ${run.result.seconds.toFixed(1)} s (goal ≤ 60 s at 300,000)`,
    );
    ok = run.result.status === 'COMPLETED' && run.result.processed === N;
  } finally {
    disarm();
    await stack.stop();
  }
  process.exit(ok ? 0 : 1);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

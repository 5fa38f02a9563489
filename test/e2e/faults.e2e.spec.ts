import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '../../src/audit/audit-log';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { freshHousehold } from '../support/households';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { household, member, monthly } from '../unit/policy/fixtures';

// Faults against `npm start` for real (compiled launcher, real processes), with cases in
// flight at every step: the worker is killed with SIGKILL while task completions are being
// sent, then the API while requests are in flight (the client retries the very same request,
// with the same Idempotency-Key), then the Temporal dev server (restarted by the launcher on
// the same database file). Every case is then driven to its end: each ends in the expected
// stage with no step done twice (tasks, decisions, payments, reserve-fund entries, audit rows)
// and the audit chain verifies.
//
// The launcher runs the shipped parameters: publicity lasts days, so 低保 cases end this drill
// in PUBLICITY; 刚性支出 cases (decided without publicity) go on to ENROLLED.

jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TOWNSHIP = '410502002'; // the seeded caseworker's township and its reserve fund
const facts = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});

type Category = 'MINIMUM_LIVING' | 'RIGID_EXPENSE';
interface Step {
  user: string;
  type: string;
  body: object;
}
const homeVisit = {
  action: 'recordHomeVisit',
  investigators: ['李调查', '王调查'],
  findings: '家中无大额财产',
  signedByHousehold: true,
};
const opinion = {
  action: 'submitOpinion',
  proposal: 'APPROVE',
  reasons: ['家庭困难，符合条件'],
  disagreementReason: '入户核实家庭支出确有困难',
};
const STEPS: Record<Category, Step[]> = {
  MINIMUM_LIVING: [
    { user: 'township.caseworker', type: 'ACCEPT', body: { action: 'accept' } },
    { user: 'township.caseworker', type: 'START_INVESTIGATION', body: { action: 'startInvestigation' } },
    { user: 'township.caseworker', type: 'HOME_VISIT', body: homeVisit },
    { user: 'township.caseworker', type: 'REVIEW', body: opinion },
  ],
  RIGID_EXPENSE: [
    { user: 'township.caseworker', type: 'ACCEPT', body: { action: 'accept' } },
    { user: 'township.caseworker', type: 'START_INVESTIGATION', body: { action: 'startInvestigation' } },
    { user: 'township.caseworker', type: 'HOME_VISIT', body: homeVisit },
    { user: 'township.caseworker', type: 'REVIEW', body: opinion },
    { user: 'county.officer', type: 'CONFIRM', body: { action: 'confirm' } },
  ],
};
const END_STAGE: Record<Category, string> = { MINIMUM_LIVING: 'PUBLICITY', RIGID_EXPENSE: 'ENROLLED' };
/** The stage a case waits in after `done` steps (before the first: SUBMITTED). */
const STAGE_AFTER: Record<Category, string[]> = {
  MINIMUM_LIVING: ['SUBMITTED', 'INVESTIGATION', 'INVESTIGATION', 'REVIEW', 'PUBLICITY'],
  RIGID_EXPENSE: ['SUBMITTED', 'INVESTIGATION', 'INVESTIGATION', 'REVIEW', 'CONFIRMATION', 'ENROLLED'],
};

interface Case {
  name: string;
  category: Category;
  key: string;
  id: string;
  done: number;
}

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('faults: worker, API and Temporal killed with cases in flight (npm start)', () => {
  let launcher: Launcher;
  let prisma: PrismaClient;
  const tokens: Record<string, string> = {};
  /** Requests that met a dropped connection or a 502/503/504 and were sent again as they were. */
  const retried: string[] = [];

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher();
    prisma = createPrismaClient(launcher.databaseUrl);
    for (const user of ['village.assistant', 'township.caseworker', 'county.officer']) {
      const res = await fetch(`${launcher.baseUrl}/api/v1/dev/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user }),
      });
      tokens[user] = ((await res.json()) as { accessToken: string }).accessToken;
    }
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await launcher?.stop();
  });

  /**
   * One request, sent again unchanged (same body, same Idempotency-Key) when the connection
   * drops or the service answers 502/503/504 while a process restarts. An attempt that gets no
   * answer within 45 s fails the test: no request may hang.
   */
  async function call(
    user: string,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      let failure: string;
      try {
        const res = await fetch(`${launcher.baseUrl}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json', ...headers },
          ...(body ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(45_000),
        });
        const text = await res.text();
        if (![502, 503, 504].includes(res.status)) return { status: res.status, body: text ? JSON.parse(text) : null };
        failure = `${res.status} ${text.slice(0, 200)}`;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'TimeoutError')
          throw new Error(`${method} ${path} got no answer within 45 s`);
        failure = String((error as { cause?: unknown }).cause ?? error);
      }
      retried.push(`${method} ${path}: ${failure}`);
      if (Date.now() > deadline) throw new Error(`${method} ${path} kept failing: ${failure}`);
      await sleep(250);
    }
  }

  const cases: Case[] = [];
  async function submit(name: string, category: Category): Promise<Case> {
    const c: Case = { name, category, key: `faults-${randomUUID()}`, id: '', done: 0 };
    const householdId = await freshHousehold(prisma);
    const res = await call(
      'village.assistant',
      'POST',
      '/applications',
      {
        householdId,
        category,
        channel: 'ON_BEHALF',
        facts,
        consent: { economicCheck: true, truthfulnessPromise: true },
      },
      { 'Idempotency-Key': c.key },
    );
    if (res.status !== 201) throw new Error(`${name}: submission answered ${res.status} ${JSON.stringify(res.body)}`);
    c.id = res.body.id as string;
    cases.push(c);
    return c;
  }

  /** The open task of that type in the user's inbox, once the workflow has opened it. */
  async function taskOf(user: string, caseId: string, type: string): Promise<string> {
    return until(
      `a ${type} task for ${caseId}`,
      async () => {
        const res = await call(user, 'GET', `/tasks?caseId=${caseId}&type=${type}`);
        return (res.body.items as Array<{ id: string; applicationId: string }> | undefined)?.find(
          (t) => t.applicationId === caseId,
        )?.id;
      },
      90_000,
    );
  }

  /** The case's next step and its task, once the workflow has opened it. */
  async function nextStep(c: Case): Promise<{ c: Case; step: Step; taskId: string }> {
    const step = STEPS[c.category][c.done]!;
    return { c, step, taskId: await taskOf(step.user, c.id, step.type) };
  }

  /**
   * Completes the step's task. A first answer is 200; a resent completion (its first attempt's
   * connection dropped) may find the task already done (409 TASK_NOT_OPEN, or WRONG_STAGE once
   * the case has moved on): applied once, as the counts at the end show.
   */
  async function send({ c, step, taskId }: Awaited<ReturnType<typeof nextStep>>): Promise<void> {
    const before = retried.length;
    const res = await call(step.user, 'POST', `/tasks/${taskId}/complete`, step.body);
    const resent = retried.length > before;
    if (!(
      res.status === 200 ||
      (resent && res.status === 409 && ['TASK_NOT_OPEN', 'WRONG_STAGE'].includes(res.body.code))
    )) {
      throw new Error(`${c.name} ${step.type}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    c.done++;
  }

  const advance = async (c: Case) => send(await nextStep(c));

  async function stageOf(c: Case, stage: string): Promise<void> {
    await until(
      `${c.name} in ${stage}`,
      async () => (await call('township.caseworker', 'GET', `/cases/${c.id}`)).body.stage === stage,
      90_000,
    );
  }

  const open = () => cases.filter((c) => c.done < STEPS[c.category].length);

  it('every case ends in its expected stage, each step applied once, the audit chain intact', async () => {
    const emergencyKey = `faults-emergency-${randomUUID()}`;
    const emergency = {
      townshipCode: TOWNSHIP,
      applicant: { name: '王某某', idNumber: '410502199001011236' },
      area: 'RURAL',
      kind: 'SUDDEN',
      amount: 800,
      description: '家中失火，生活无着',
    };
    const fundBefore = Number(
      (await prisma.reserveFund.findUniqueOrThrow({ where: { townshipCode: TOWNSHIP } })).balance,
    );
    const entriesBefore = await prisma.reserveFundEntry.count();

    // ---- cases in flight at every step ----
    const plan: Array<[Category, number]> = [
      ['MINIMUM_LIVING', 0],
      ['MINIMUM_LIVING', 1],
      ['MINIMUM_LIVING', 2],
      ['MINIMUM_LIVING', 3],
      ['RIGID_EXPENSE', 1],
      ['RIGID_EXPENSE', 2],
      ['RIGID_EXPENSE', 3],
      ['RIGID_EXPENSE', 4],
    ];
    await Promise.all(
      plan.map(async ([category, steps], i) => {
        const c = await submit(`case${i + 1}`, category);
        while (c.done < steps) await advance(c);
      }),
    );
    for (const c of cases) await stageOf(c, STAGE_AFTER[c.category][c.done]!);

    // ---- (a) the worker killed while completions are sent ----
    const worker = launcher.pidOf('worker');
    const stepsA = await Promise.all(open().map((c) => nextStep(c)));
    const batchA = Promise.all(stepsA.map((s) => send(s)));
    await sleep(100);
    process.kill(worker, 'SIGKILL');
    await launcher.restarted('worker', worker);
    await batchA;
    expect(launcher.output()).toMatch(/worker 进程意外退出（代码 -，信号 SIGKILL/);

    // ---- (b) the API killed with requests in flight: each is sent again as it was ----
    const api = launcher.pidOf('api');
    let emergencyId = '';
    const stepsB = await Promise.all(open().map((c) => nextStep(c)));
    const batchB = Promise.all([
      call('township.caseworker', 'POST', '/emergency-aid', emergency, { 'Idempotency-Key': emergencyKey }).then(
        (r) => {
          if (r.status !== 201) throw new Error(`emergency aid: ${r.status} ${JSON.stringify(r.body)}`);
          emergencyId = r.body.id as string;
        },
      ),
      submit('case9', 'MINIMUM_LIVING'),
      ...stepsB.map((s) => send(s)),
    ]);
    await sleep(60);
    process.kill(api, 'SIGKILL');
    await launcher.restarted('api', api);
    await batchB;
    expect(launcher.output()).toMatch(/api 进程意外退出（代码 -，信号 SIGKILL/);
    // The same key again after the restart: the same case, not a second one.
    const again = await call('township.caseworker', 'POST', '/emergency-aid', emergency, {
      'Idempotency-Key': emergencyKey,
    });
    expect(again).toMatchObject({ status: 201, body: { id: emergencyId } });
    await until(
      'the emergency aid paid',
      async () =>
        (await call('township.caseworker', 'GET', `/emergency-aid/${emergencyId}`)).body.stage === 'EXPLANATION_DUE',
      90_000,
    );

    // ---- (c) the Temporal dev server killed, restarted by the launcher on the same database ----
    const temporal = launcher.pidOf('temporal');
    const stepsC = await Promise.all(open().map((c) => nextStep(c)));
    process.kill(temporal, 'SIGKILL');
    const batchC = Promise.all([
      ...stepsC.map((s) => send(s)),
      call('township.caseworker', 'POST', `/emergency-aid/${emergencyId}/actions`, {
        action: 'explain',
        text: '火灾核实，已补充情况说明',
      }).then((r) => {
        if (r.status !== 200) throw new Error(`explain: ${r.status} ${JSON.stringify(r.body)}`);
      }),
    ]);
    await launcher.restarted('temporal', temporal);
    await batchC;
    expect(launcher.output()).toMatch(/temporal 进程意外退出（代码 -，信号 SIGKILL/);
    expect(launcher.output()).toContain('temporal 已重启（第 1 次');

    // ---- every case driven on to its end ----
    while (open().length > 0) await Promise.all(open().map((c) => advance(c)));
    for (const c of cases) await stageOf(c, END_STAGE[c.category]);
    await until(
      'the emergency aid closed',
      async () => (await call('township.caseworker', 'GET', `/emergency-aid/${emergencyId}`)).body.stage === 'CLOSED',
      90_000,
    );
    const enrolledIds = await until(
      'every enrolled case active',
      async () => {
        const rows = await prisma.enrolledCase.findMany({ where: { applicationId: { in: cases.map((c) => c.id) } } });
        return rows.length === cases.filter((c) => c.category === 'RIGID_EXPENSE').length &&
          rows.every((r) => r.status === 'ACTIVE' && r.workflowId !== null)
          ? rows.map((r) => r.id)
          : undefined;
      },
      60_000,
    );
    // Let trailing activities (the last task closes, timeline events) finish before counting.
    await sleep(2_000);

    // ---- no step done twice ----
    const ids = cases.map((c) => c.id);
    expect(await prisma.application.count({ where: { idempotencyKey: { in: cases.map((c) => c.key) } } })).toBe(
      cases.length,
    );
    for (const c of cases) {
      const tasks = await prisma.task.findMany({ where: { applicationId: c.id }, orderBy: { createdAt: 'asc' } });
      expect({ name: c.name, tasks: tasks.map((t) => `${t.type}:${t.status}`) }).toEqual({
        name: c.name,
        tasks: STEPS[c.category].map((s) => `${s.type}:DONE`),
      });
    }
    const openTwice = await prisma.$queryRaw<unknown[]>`
      SELECT workflow_id FROM task WHERE status IN ('OPEN', 'CLAIMED') GROUP BY workflow_id HAVING count(*) > 1`;
    expect(openTwice).toEqual([]);
    const eventsTwice = await prisma.$queryRaw<unknown[]>`
      SELECT application_id, type, count(*)::int AS n FROM application_event WHERE application_id = ANY(${ids}::uuid[]) GROUP BY application_id, type HAVING count(*) > 1`;
    expect(eventsTwice).toEqual([]);
    expect(await prisma.decision.count({ where: { applicationId: { in: ids } } })).toBe(enrolledIds.length);
    const paymentsTwice = await prisma.$queryRaw<unknown[]>`
      SELECT enrolled_case_id, month FROM payment_instruction WHERE enrolled_case_id = ANY(${enrolledIds}::uuid[]) GROUP BY enrolled_case_id, month HAVING count(*) > 1`;
    expect(paymentsTwice).toEqual([]);

    // One emergency case for the key, paid once from the reserve fund.
    const emergencyTasks = await prisma.task.findMany({ where: { caseId: emergencyId } });
    expect(emergencyTasks.map((t) => `${t.type}:${t.status}`)).toEqual(['EXPLAIN:DONE']);
    const entries = await prisma.reserveFundEntry.findMany({ skip: entriesBefore, orderBy: { id: 'asc' } });
    expect(entries.map((e) => ({ kind: e.kind, amount: Number(e.amount), caseId: e.caseId }))).toEqual([
      { kind: 'PAYMENT', amount: 800, caseId: emergencyId },
    ]);
    expect(Number((await prisma.reserveFund.findUniqueOrThrow({ where: { townshipCode: TOWNSHIP } })).balance)).toBe(
      fundBefore - 800,
    );

    // Each audited event once: per target and action, no event key recorded twice (where none is
    // recorded, the action itself happens once per case, task or payment in this drill).
    const targets = [
      ...ids,
      ...enrolledIds,
      emergencyId,
      ...(
        await prisma.task.findMany({
          where: { OR: [{ applicationId: { in: ids } }, { caseId: emergencyId }] },
          select: { id: true },
        })
      ).map((t) => t.id),
    ];
    const auditTwice = await prisma.$queryRaw<unknown[]>`
      SELECT action, target_id, details->>'eventKey' AS event_key, count(*)::int AS n FROM audit_log WHERE target_id = ANY(${targets})
      GROUP BY action, target_id, details->>'eventKey' HAVING count(*) > 1`;
    expect(auditTwice).toEqual([]);
    expect(await prisma.auditLog.count({ where: { targetId: { in: targets } } })).toBeGreaterThan(cases.length * 4);
    const chain = await verifyAuditChain(prisma);
    expect(chain).toMatchObject({ valid: true, brokenAtSeq: null });

    // Every process is back (one of each), each restarted by the launcher, and the service healthy.
    for (const kind of ['worker', 'api', 'temporal'] as const) {
      expect(launcher.pidOf(kind)).toBeGreaterThan(0);
      expect(launcher.output()).toContain(`${kind} 已重启（第 1 次`);
    }
    const health = await fetch(`${launcher.baseUrl}/health`);
    expect(health.status).toBe(200);
    const why = new Map<string, number>();
    for (const r of retried)
      why.set(r.replace(/[0-9a-f-]{36}/g, ':id'), (why.get(r.replace(/[0-9a-f-]{36}/g, ':id')) ?? 0) + 1);
    console.log(
      `faults drill: ${cases.length} applications and 1 emergency aid case; requests resent:\n${[...why].map(([r, n]) => `${n} × ${r}`).join('\n')}`,
    );
  });
});

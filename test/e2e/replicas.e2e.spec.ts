import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { seed } from '../../prisma/seed';
import { USERS } from '../../prisma/seed-data';
import { verifyAuditChain } from '../../src/audit/audit-log';
import { signToken } from '../../src/auth/token-verifier';
import { loadWorkerConfig } from '../../src/config/config';
import { SEARCH_ATTRIBUTES } from '../../src/core/search-attributes';
import { PROJECT_ROOT } from '../../src/dev/data-dir';
import { stopChild } from '../../src/dev/stop-child';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { dataConverterFor } from '../../src/temporal/data-converter';
import { seedEnrolledCases, untilRecheckPlanned } from '../../bench/support/enrolled-cases';
import { freshHousehold } from '../support/households';
import { buildOnce, until } from '../support/launcher';
import { freePort, startTestPostgres, type TestDatabase } from '../support/postgres';
import { executable, temporalBinary } from '../support/temporal-binaries';
import { household, member, monthly } from '../unit/policy/fixtures';

// Production's shape at a small size: two API processes and two worker processes (the
// compiled `npm run start:api` / `start:worker`, each with both queues) against one
// PostgreSQL and one Temporal server. A recheck campaign over running enrolled cases and
// applications driven through both APIs at once (each request to either of them); a parameter
// approved through one API is in force on the other within its documented refresh. At the end
// nothing is done twice and the audit chain verifies.

jest.setTimeout(420_000);

const TASK_QUEUE = 'safetynet';
const COUNTY = '410502';
const CAMPAIGN_CASES = 12;
const facts = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});
const STEPS = [
  { user: 'township.caseworker', type: 'ACCEPT', body: { action: 'accept' } },
  { user: 'township.caseworker', type: 'START_INVESTIGATION', body: { action: 'startInvestigation' } },
  {
    user: 'township.caseworker',
    type: 'HOME_VISIT',
    body: {
      action: 'recordHomeVisit',
      investigators: ['李调查', '王调查'],
      findings: '家中无大额财产',
      signedByHousehold: true,
    },
  },
  {
    user: 'township.caseworker',
    type: 'REVIEW',
    body: {
      action: 'submitOpinion',
      proposal: 'APPROVE',
      reasons: ['家庭困难，符合条件'],
      disagreementReason: '入户核实家庭支出确有困难',
    },
  },
  { user: 'county.officer', type: 'CONFIRM', body: { action: 'confirm' } },
] as const;
// 刚性支出 is decided without publicity: these cases reach ENROLLED on the real parameters.
const APPLICATIONS = 8;

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('two API and two worker processes on one PostgreSQL and one Temporal server', () => {
  let db: TestDatabase;
  let temporal: TestWorkflowEnvironment;
  let prisma: PrismaClient;
  const children: Array<{ name: string; child: ChildProcess; output: () => string }> = [];
  const apis: string[] = [];
  const tokens: Record<string, string> = {};

  function run(name: string, entry: string, env: NodeJS.ProcessEnv) {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', entry)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    children.push({ name, child, output: () => output });
    return child;
  }

  beforeAll(async () => {
    await buildOnce();
    db = await startTestPostgres();
    const keys = { hmacKeyHex: randomBytes(32).toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') };
    await seed(db.url, keys);
    const secret = randomBytes(32).toString('hex');
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      AUTH_JWT_SECRET: secret,
      PII_HMAC_KEY: keys.hmacKeyHex,
      PII_ENCRYPTION_KEY: keys.encryptionKeyHex,
      LOG_LEVEL: 'warn',
      // Both APIs migrate at start, as replicas do: the advisory lock lets one apply, the other wait.
      DB_MIGRATE_ON_START: 'true',
    };
    temporal = await TestWorkflowEnvironment.createLocal({
      server: { executable: executable(temporalBinary('cli')), searchAttributes: SEARCH_ATTRIBUTES },
      client: { dataConverter: dataConverterFor(loadWorkerConfig({ ...env, TEMPORAL_ADDRESS: 'unused:1' })) },
    });
    const shared = { ...env, TEMPORAL_ADDRESS: temporal.address };
    run('worker-1', 'worker.js', shared);
    run('worker-2', 'worker.js', shared);
    for (const n of [1, 2]) {
      const port = await freePort();
      run(`api-${n}`, 'main.js', { ...shared, PORT: String(port), HOST: '127.0.0.1' });
      apis.push(`http://127.0.0.1:${port}`);
    }
    for (const base of apis)
      await until(
        `${base} healthy`,
        () =>
          fetch(`${base}/health`)
            .then((r) => r.ok)
            .catch(() => false),
        90_000,
      );
    for (const username of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'administrator',
    ]) {
      const user = USERS.find((u) => u.username === username)!;
      tokens[username] = await signToken(
        { AUTH_JWT_SECRET: secret, AUTH_ISSUER: 'safetynet', AUTH_AUDIENCE: 'safetynet-api' },
        { userId: user.id, role: user.role, jurisdiction: user.jurisdictionCode },
      );
    }
    prisma = createPrismaClient(db.url);
  });

  afterAll(async () => {
    await Promise.all([...children].reverse().map(({ child }) => stopChild(child, 10_000)));
    await prisma?.$disconnect();
    await temporal?.teardown();
    await db?.stop();
  });

  /** One request to the API of that number (0 or 1). */
  async function call(api: number, user: string, method: 'GET' | 'POST', path: string, body?: object): Promise<Reply> {
    const res = await fetch(`${apis[api]}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** An application submitted and driven to ENROLLED, each request to the API whose turn it is. */
  async function applyAndEnrol(i: number): Promise<string> {
    let turn = i;
    const next = () => turn++ % 2;
    const submitted = await call(next(), 'village.assistant', 'POST', '/applications', {
      householdId: await freshHousehold(prisma),
      category: 'RIGID_EXPENSE',
      channel: 'ON_BEHALF',
      facts,
      consent: { economicCheck: true, truthfulnessPromise: true },
    });
    if (submitted.status !== 201) throw new Error(`submission: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    const id = submitted.body.id as string;
    for (const step of STEPS) {
      const taskId = await until(
        `${step.type} of ${id}`,
        async () =>
          (
            (await call(next(), step.user, 'GET', `/tasks?caseId=${id}&type=${step.type}`)).body.items as Array<{
              id: string;
            }>
          )[0]?.id,
        120_000,
      );
      const done = await call(next(), step.user, 'POST', `/tasks/${taskId}/complete`, step.body);
      if (done.status !== 200) throw new Error(`${step.type} of ${id}: ${done.status} ${JSON.stringify(done.body)}`);
    }
    await until(
      `${id} enrolled`,
      async () => (await call(next(), 'township.caseworker', 'GET', `/cases/${id}`)).body.stage === 'ENROLLED',
      120_000,
    );
    return id;
  }

  it('every case completes, nothing is done twice, and a parameter approved on one API is in force on the other', async () => {
    // Both workers poll the main queue and the campaigns' lane.
    const pollers = await until(
      'both workers polling',
      async () => {
        const { pollers } = await temporal.client.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: TASK_QUEUE },
        });
        return pollers && new Set(pollers.map((p) => p.identity)).size >= 2 ? pollers : undefined;
      },
      60_000,
    );
    const workerPids = children.filter((c) => c.name.startsWith('worker')).map((c) => String(c.child.pid));
    expect(new Set(pollers.map((p) => p.identity!.split('@')[0]))).toEqual(new Set(workerPids));

    const enrolled = await seedEnrolledCases({
      prisma,
      client: temporal.client,
      taskQueue: TASK_QUEUE,
      count: CAMPAIGN_CASES,
      villages: ['410502001001', '410502002001'],
      categories: ['MINIMUM_LIVING'],
    });
    await untilRecheckPlanned(prisma, enrolled, 90_000);

    // ---- the campaign and the applications at once ----
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const campaign = call(0, 'county.officer', 'POST', '/recheck-campaigns', {
      countyCode: COUNTY,
      categories: ['MINIMUM_LIVING'],
      dueFrom: day(0),
      dueTo: day(400),
      ratePerSecond: 20,
    });
    const applications = Promise.all(Array.from({ length: APPLICATIONS }, (_, i) => applyAndEnrol(i)));
    const started = await campaign;
    expect(started.status).toBe(202);
    const campaignId = started.body.id as string;

    // ---- a parameter approved through the second API, read through the first ----
    const from = `${new Date().getUTCFullYear() + 1}-07-01`;
    const proposed = await call(0, 'administrator', 'POST', '/policy/parameters/minimum_living.standard/proposals', {
      value: 1234,
      unit: 'YUAN_PER_PERSON_MONTH',
      validFrom: from,
      division: COUNTY,
      area: 'URBAN',
      document: { docNo: '文民〔2026〕21号', title: '关于调整文峰区城市最低生活保障标准的通知', issuedOn: day(0) },
      article: '第二条',
    });
    expect(proposed.status).toBe(201);
    const approved = await until(
      'the approval accepted',
      async () => {
        const r = await call(
          1,
          'county.supervisor',
          'POST',
          `/policy/parameters/proposals/${proposed.body.id}/decision`,
          {
            decision: 'APPROVE',
            reason: '经县政府常务会议研究同意',
          },
        );
        // The proposal's workflow opens the approval a moment after the proposal's row.
        return r.status === 200 ? r : undefined;
      },
      60_000,
    );
    const approvedAt = Date.now();
    expect(approved.body).toMatchObject({ status: 'APPROVED' });
    const standardOn = async (api: number) =>
      (
        (await call(api, 'township.caseworker', 'GET', `/policy/parameters?date=${from}&county=${COUNTY}&area=URBAN`))
          .body.parameters as Array<{ id: string; value: number }>
      ).find((p) => p.id === 'minimum_living.standard')!.value;
    expect(await standardOn(1)).toBe(1234);
    // The other API's store reads the table again within its refresh (60 s, docs/operations.md).
    await until('the first API sees the approved version', async () => (await standardOn(0)) === 1234, 75_000);
    const staleMs = Date.now() - approvedAt;

    const ids = await applications;
    const progress = await until(
      'the campaign completed with every recheck open',
      async () => {
        const c = (await call(1, 'county.officer', 'GET', `/recheck-campaigns/${campaignId}`)).body;
        return c.status === 'COMPLETED' && c.progress.rechecksStarted >= CAMPAIGN_CASES ? c.progress : undefined;
      },
      180_000,
    );
    // The campaign selects the cases due in its window: the seeded ones, and any enrolled here since.
    expect(progress.rechecksStarted).toBe(progress.selected);
    expect(progress.selected).toBeGreaterThanOrEqual(CAMPAIGN_CASES);
    const rechecks = await prisma.recheck.findMany({ where: { campaignId }, select: { workflowId: true } });
    await until(
      'every recheck has opened its task',
      async () =>
        (await prisma.task.count({
          where: { type: 'RECHECK_INVESTIGATE', workflowId: { in: rechecks.map((r) => r.workflowId) } },
        })) === rechecks.length,
      120_000,
    );

    // ---- nothing twice ----
    const rechecksTwice = await prisma.$queryRaw<unknown[]>`
      SELECT enrolled_case_id FROM recheck WHERE campaign_id = ${campaignId}::uuid GROUP BY enrolled_case_id HAVING count(*) > 1`;
    expect(rechecksTwice).toEqual([]);
    for (const id of ids) {
      const tasks = await prisma.task.findMany({ where: { applicationId: id }, orderBy: { createdAt: 'asc' } });
      expect(tasks.map((t) => `${t.type}:${t.status}`)).toEqual(STEPS.map((s) => `${s.type}:DONE`));
    }
    const openTwice = await prisma.$queryRaw<unknown[]>`
      SELECT workflow_id FROM task WHERE status IN ('OPEN', 'CLAIMED') GROUP BY workflow_id HAVING count(*) > 1`;
    expect(openTwice).toEqual([]);
    expect(await prisma.decision.count({ where: { applicationId: { in: ids } } })).toBe(APPLICATIONS);
    const paymentsTwice = await prisma.$queryRaw<unknown[]>`
      SELECT enrolled_case_id, month FROM payment_instruction GROUP BY enrolled_case_id, month HAVING count(*) > 1`;
    expect(paymentsTwice).toEqual([]);
    const auditTwice = await prisma.$queryRaw<unknown[]>`
      SELECT action, target_id, details->>'eventKey' AS event_key FROM audit_log
      WHERE target_id = ANY(${[...ids, ...enrolled, campaignId]})
      GROUP BY action, target_id, details->>'eventKey' HAVING count(*) > 1`;
    expect(auditTwice).toEqual([]);
    expect(await verifyAuditChain(prisma)).toMatchObject({ valid: true, brokenAtSeq: null });

    // Every process is still the one started (no crash hidden by a restart).
    for (const { name, child, output } of children)
      expect({
        name,
        exited: child.exitCode ?? child.signalCode,
        output: output().match(/"level":"(error|fatal)"/g),
      }).toEqual({
        name,
        exited: null,
        output: null,
      });
    console.log(
      `replicas: ${APPLICATIONS} applications enrolled and ${progress.rechecksStarted} rechecks opened through 2 APIs and 2 workers; ` +
        `the approved parameter reached the other API after ${(staleMs / 1000).toFixed(1)} s`,
    );
  });
});

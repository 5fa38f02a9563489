import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import fc from 'fast-check';
import request from 'supertest';
import { DATA_ERROR_TYPE } from '../../src/common/data-error';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore } from '../../src/policy';
import { freshHousehold } from '../support/households';
import { staffDriver } from '../support/staff';
import { startStack, type Stack } from '../support/stack';
import { household, member, monthly } from '../unit/policy/fixtures';
import { lodgeObjectionUpdate } from '../../src/core/messages';

// Free text is clean at the door and a data error never wedges a case, through HTTP against
// the real stack (API, worker, Temporal dev server, PostgreSQL). Hostile strings (control
// characters, lone surrogates, very long text, mixed with Chinese) go into every text field
// of the routes that take free text: no answer is a 5xx, none hangs, anything carrying a
// forbidden character is a field-level 400, and no workflow is left retrying an activity.

// Publicity long enough to lodge objections during the run, short enough to enrol a case.
const PUBLICITY_DAYS = 0.0007; // about 60 seconds: the objection tests run inside it even on a loaded machine
const drillParameters = new ParameterStore([
  ...DEFAULT_PARAMETERS,
  {
    id: PARAMETER_IDS.TL_PUBLICITY,
    version: 'e2e-drill',
    validFrom: '2020-01-01',
    division: '410502',
    value: PUBLICITY_DAYS,
    unit: 'NATURAL_DAYS',
    citations: [{ sourceId: 'DRILL_MODE', note: '演练参数：缩短公示期（仅用于测试）' }],
    placeholder: true,
  },
]);

const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const TOWNSHIP = '410502002';
const facts = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});
const validId = (first17: string) => first17 + residentIdCheckChar(first17);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A request that takes longer than this has hung. */
const REQUEST_TIMEOUT_MS = 15_000;
const RUNS = 20;
/** Reproducible runs, a different sequence for each field. */
let seed = 20_260_601;

/** The value a trimmed field checks: String.prototype.trim also drops leading and trailing \v and \f. */
const trimmed = (v: string) => v.trim();
const asSent = (v: string) => v;

/** What the door must refuse wherever it sits in a value once it is trimmed. */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const nasty = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0008',
  '\u001b',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\ufeff',
  '\u200b',
);
const chinese = fc.constantFrom(
  '张三',
  '低保',
  '申请人反映家中困难',
  '，',
  '。',
  '　',
  '😀',
  '𠮷',
  '（82 岁）',
  'ａｂｃ',
  ' ',
);
const hostile: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(fc.oneof(nasty, chinese, fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 12 })
      .map((a) => a.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 20_000 }), nasty)
      .map(([n, c]) => `${'字'.repeat(n)}${n % 2 ? c : ''}`),
  },
  { weight: 1, arbitrary: chinese },
);

/** UTF-8 percent-encoding that, unlike encodeURIComponent, never throws on a lone surrogate. */
const queryValue = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

describe('hostile free text through HTTP (e2e, property-based)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const cases: Record<'publicity' | 'toEnrol' | 'submitted' | 'forNotes', string> = {
    publicity: '',
    toEnrol: '',
    submitted: '',
    forNotes: '',
  };

  beforeAll(async () => {
    stack = await startStack({}, { parameters: drillParameters });
    http = request(stack.app.getHttpServer());
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'liaison.civil-affairs',
    ])
      tokens[u] = await stack.tokenFor(u);
    for (const k of Object.keys(cases) as Array<keyof typeof cases>) cases[k] = await submit();
    await Promise.all([toPublicity(cases.publicity), toPublicity(cases.toEnrol)]);
  }, 180_000);
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const driver = () => staffDriver(http, as);

  async function submit(body: Record<string, unknown> = {}): Promise<string> {
    const res = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      // A household of its own per case: one open application per household and category.
      .send({
        householdId: await freshHousehold(stack.prisma),
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts,
        consent: { economicCheck: true, truthfulnessPromise: true },
        ...body,
      })
      .expect(201);
    return res.body.id as string;
  }

  async function toPublicity(caseId: string): Promise<void> {
    const { complete, investigate, stageOf } = driver();
    expect((await complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' })).status).toBe(200);
    expect(
      (
        await investigate('township.caseworker', caseId, {
          action: 'recordHomeVisit',
          investigators: ['李调查', '王调查'],
          findings: '家中无大额财产',
          signedByHousehold: true,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await complete('township.caseworker', caseId, 'REVIEW', {
          action: 'submitOpinion',
          proposal: 'APPROVE',
          reasons: ['家庭月人均收入低于低保标准'],
        })
      ).status,
    ).toBe(200);
    await stageOf(caseId, 'PUBLICITY');
  }

  /** Running workflows with an activity past its first attempt: a step retrying instead of failing. */
  async function retryingActivities(): Promise<string[]> {
    const stuck: string[] = [];
    for await (const wf of stack.temporal.client.workflow.list({ query: 'ExecutionStatus="Running"' })) {
      const described = await stack.temporal.client.workflow.getHandle(wf.workflowId, wf.runId).describe();
      for (const a of described.raw.pendingActivities ?? []) {
        if ((a.attempt ?? 1) > 1)
          stuck.push(
            `${wf.workflowId}: ${a.activityType?.name} attempt ${a.attempt} (${a.lastFailure?.message ?? ''})`,
          );
      }
      if ((described.raw.pendingWorkflowTask?.attempt ?? 1) > 1)
        stuck.push(`${wf.workflowId}: workflow task attempt ${described.raw.pendingWorkflowTask?.attempt}`);
    }
    return stuck;
  }

  /** A failing activity is retried after 1 s (profiles.ts): wait past that, then look. */
  async function expectNothingRetrying(): Promise<void> {
    await sleep(2_500);
    expect(await retryingActivities()).toEqual([]);
  }

  /**
   * Runs `send` with hostile values: never a 5xx, never hung; a value with a forbidden
   * character (as the server receives it) is a 400 naming `field`. Returns the statuses seen.
   */
  async function hammer(
    field: string,
    send: (value: string) => request.Test,
    runs = RUNS,
    received: (value: string) => string = trimmed,
  ): Promise<number[]> {
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const res = await send(value).timeout({ response: REQUEST_TIMEOUT_MS, deadline: REQUEST_TIMEOUT_MS });
        statuses.push(res.status);
        expect(res.status).toBeLessThan(500);
        // A request line over Node's 16 KiB header limit is refused by the HTTP server itself, before any route.
        if (res.status === 431) {
          expect(Buffer.byteLength(queryValue(value))).toBeGreaterThan(16 * 1024 - 200);
          return;
        }
        if (FORBIDDEN.test(received(value))) {
          expect(res.status).toBe(400);
          expect(res.body.code).toBe('VALIDATION_FAILED');
          expect((res.body.errors as Array<{ path: string }>).map((e) => e.path)).toContain(field);
        }
      }),
      { numRuns: runs, seed: ++seed, endOnFailure: true },
    );
    if (process.env.HOSTILE_TEXT_DEBUG) console.log(field, statuses.join(' '));
    return statuses;
  }

  // ---- the reported defects ----

  it('an objection with NUL is a 400 naming the field; the case still takes objections and moves on', async () => {
    const id = cases.publicity;
    const res = await http
      .post(`/api/v1/public/publicity/${id}/objections`)
      .send({ text: 'abc\u0000def' })
      .timeout(REQUEST_TIMEOUT_MS);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'text', message: expect.stringContaining('控制字符') })],
    });
    const contact = await http
      .post(`/api/v1/public/publicity/${id}/objections`)
      .send({ text: '异议', contact: '138\u0000' })
      .timeout(REQUEST_TIMEOUT_MS);
    expect(contact.status).toBe(400);
    expect(await stack.prisma.objection.count({ where: { applicationId: id } })).toBe(0);
    const lodged = await http
      .post(`/api/v1/public/publicity/${id}/objections`)
      .send({ text: '该户家中有营运车辆' })
      .timeout(REQUEST_TIMEOUT_MS)
      .expect(201);
    expect(lodged.body).toEqual({ round: 1 });
    expect(await stack.prisma.objection.count({ where: { applicationId: id } })).toBe(1);
    await expectNothingRetrying();
  });

  it('a data error past the door fails its step at once as DATA_ERROR (no retry loop), and the case still answers', async () => {
    // Straight to the workflow, as a caller the API does not guard would: the write fails on 22021.
    const { workflowId } = await stack.prisma.application.findUniqueOrThrow({
      where: { id: cases.publicity },
      select: { workflowId: true },
    });
    const handle = stack.temporal.client.workflow.getHandle(workflowId);
    const started = Date.now();
    const error = await handle.executeUpdate(lodgeObjectionUpdate, { args: [{ text: 'abc\u0000def' }] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({
      type: DATA_ERROR_TYPE,
      nonRetryable: true,
      message: expect.stringContaining('SQLSTATE 22021'),
    });
    await expectNothingRetrying();
    expect(
      (await http.get(`/api/v1/cases/${cases.publicity}`).set(as('township.caseworker')).expect(200)).body.process,
    ).toMatchObject({ stage: 'PUBLICITY' });
  });

  it('a task completion whose note holds NUL is a 400; the case stays answerable and leaves SUBMITTED on a clean note', async () => {
    const id = cases.submitted;
    const { complete, stageOf } = driver();
    const res = await complete('township.caseworker', id, 'ACCEPT', { action: 'accept', note: '材料齐全\u0000' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'note' })]);
    expect((await http.get(`/api/v1/cases/${id}`).set(as('township.caseworker')).expect(200)).body).toMatchObject({
      stage: 'SUBMITTED',
      process: { stage: 'SUBMITTED' },
    });
    expect(
      (
        await complete('township.caseworker', id, 'ACCEPT', {
          action: 'accept',
          note: '材料齐全，予以受理\n经办：李某',
        })
      ).status,
    ).toBe(200);
    await stageOf(id, 'INVESTIGATION');
  });

  it.each([
    [
      'POST /emergency-aid',
      'description',
      () =>
        http
          .post('/api/v1/emergency-aid')
          .set(as('township.caseworker'))
          .send({
            townshipCode: TOWNSHIP,
            applicant: { name: '王某某', idNumber: '410502199001011236' },
            area: 'RURAL',
            kind: 'SUDDEN',
            amount: 100,
            description: '家中失火\u0000',
          }),
    ],
    [
      'POST /reserve-funds/:t/top-ups',
      'reason',
      () =>
        http
          .post(`/api/v1/reserve-funds/${TOWNSHIP}/top-ups`)
          .set(as('county.officer'))
          .send({ amount: 1, reason: '拨付\u0000' }),
    ],
    [
      'POST /deliberations',
      'question',
      () =>
        http
          .post('/api/v1/deliberations')
          .set(as('county.supervisor'))
          .send({
            question: '某户因病致贫\u0000',
            members: [
              { userId: 'demo-liaison-civil-affairs', department: 'CIVIL_AFFAIRS' },
              { userId: 'demo-department-liaison', department: 'HEALTH' },
            ],
          }),
    ],
  ])('%s with NUL in %s is a 400 naming the field, not a 500', async (_route, field, send) => {
    const res = await send().timeout(REQUEST_TIMEOUT_MS);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求内容校验未通过' });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: field, message: expect.stringContaining('控制字符') }),
    ]);
  });

  // ---- every route that takes free text, with generated hostile strings ----

  it('public objections: text and contact', async () => {
    const id = cases.publicity;
    await hammer('text', (v) => http.post(`/api/v1/public/publicity/${id}/objections`).send({ text: v }));
    await hammer('contact', (v) =>
      http.post(`/api/v1/public/publicity/${id}/objections`).send({ text: '异议', contact: v }),
    );
    await expectNothingRetrying();
  });

  it('task completion: the accept note, then a home visit (investigators, findings) of a case that moves on', async () => {
    const id = cases.forNotes;
    const { inboxTask } = driver();
    const accept = await inboxTask('township.caseworker', id, 'ACCEPT');
    const statuses = await hammer('note', (v) =>
      http.post(`/api/v1/tasks/${accept}/complete`).set(as('township.caseworker')).send({ action: 'accept', note: v }),
    );
    // A clean note, if one came, was taken; either way the case answers and can still be accepted.
    if (!statuses.includes(200))
      await http
        .post(`/api/v1/tasks/${accept}/complete`)
        .set(as('township.caseworker'))
        .send({ action: 'accept' })
        .expect(200);
    const start = await inboxTask('township.caseworker', id, 'START_INVESTIGATION');
    await http
      .post(`/api/v1/tasks/${start}/complete`)
      .set(as('township.caseworker'))
      .send({ action: 'startInvestigation' })
      .expect(200);
    const visit = await inboxTask('township.caseworker', id, 'HOME_VISIT');
    const body = {
      action: 'recordHomeVisit',
      investigators: ['李调查', '王调查'],
      findings: '家中无大额财产',
      signedByHousehold: true,
    };
    await hammer(
      'investigators.0',
      (v) =>
        http
          .post(`/api/v1/tasks/${visit}/complete`)
          .set(as('township.caseworker'))
          .send({ ...body, investigators: [v, '王调查'] }),
      10,
    );
    await hammer(
      'findings',
      (v) =>
        http
          .post(`/api/v1/tasks/${visit}/complete`)
          .set(as('township.caseworker'))
          .send({ ...body, findings: v }),
      10,
    );
    await expectNothingRetrying();
    expect(
      (await http.get(`/api/v1/cases/${id}`).set(as('township.caseworker')).expect(200)).body.process,
    ).not.toBeNull();
  });

  it('task reassignment (assignee, reason) and the inbox filter by assignee', async () => {
    const { inboxTask } = driver();
    const task = await inboxTask('township.caseworker', cases.submitted, 'START_INVESTIGATION');
    await hammer('reason', (v) =>
      http
        .post(`/api/v1/tasks/${task}/reassign`)
        .set(as('county.supervisor'))
        .send({ assignee: 'demo-township-caseworker-2', reason: v }),
    );
    await hammer(
      'assignee',
      (v) =>
        http
          .post(`/api/v1/tasks/${task}/reassign`)
          .set(as('county.supervisor'))
          .send({ assignee: v, reason: '人员调整' }),
      10,
    );
    // A query string carries UTF-8: a lone surrogate arrives as U+FFFD, which is acceptable text.
    await hammer(
      'assignee',
      (v) => http.get(`/api/v1/tasks?assignee=${queryValue(v)}`).set(as('township.caseworker')),
      10,
      (v) => Buffer.from(v, 'utf8').toString('utf8'),
    );
  });

  it('emergency aid: applicant name and description', async () => {
    const body = {
      townshipCode: TOWNSHIP,
      applicant: { name: '王某某', idNumber: '410502199001011236' },
      area: 'RURAL',
      kind: 'SUDDEN',
      amount: 100,
      description: '家中失火，生活无着',
    };
    await hammer(
      'applicant.name',
      (v) =>
        http
          .post('/api/v1/emergency-aid')
          .set(as('township.caseworker'))
          .send({ ...body, applicant: { ...body.applicant, name: v } }),
      10,
    );
    await hammer('description', (v) =>
      http
        .post('/api/v1/emergency-aid')
        .set(as('township.caseworker'))
        .send({ ...body, description: v }),
    );
    await expectNothingRetrying();
  });

  it('reserve fund top-ups: reason', async () => {
    await hammer('reason', (v) =>
      http.post(`/api/v1/reserve-funds/${TOWNSHIP}/top-ups`).set(as('county.officer')).send({ amount: 1, reason: v }),
    );
    await http.get(`/api/v1/reserve-funds/${TOWNSHIP}`).set(as('county.officer')).expect(200);
  });

  it('deliberations: question and member ids; a giveOpinion comment', async () => {
    const members = [
      { userId: 'demo-liaison-civil-affairs', department: 'CIVIL_AFFAIRS' },
      { userId: 'demo-department-liaison', department: 'HEALTH' },
    ];
    await hammer('question', (v) =>
      http.post('/api/v1/deliberations').set(as('county.supervisor')).send({ question: v, members }),
    );
    await hammer(
      'members.0.userId',
      (v) =>
        http
          .post('/api/v1/deliberations')
          .set(as('county.supervisor'))
          .send({ question: '某户因病致贫', members: [{ ...members[0], userId: v }, members[1]] }),
      10,
    );
    const started = await http
      .post('/api/v1/deliberations')
      .set(as('county.supervisor'))
      .send({ question: '某户因病致贫，需多部门联合救助', members })
      .expect(201);
    const id = started.body.id as string;
    for (
      let i = 0;
      i < 100 &&
      (await http.get(`/api/v1/deliberations/${id}`).set(as('county.supervisor'))).body.process?.deadlineAt == null;
      i++
    )
      await sleep(100);
    await hammer('comment', (v) =>
      http
        .post(`/api/v1/deliberations/${id}/actions`)
        .set(as('liaison.civil-affairs'))
        .send({ action: 'giveOpinion', opinion: 'APPROVE', comment: v }),
    );
    await expectNothingRetrying();
  });

  it('households: address and member names', async () => {
    let n = 0;
    const registration = () => {
      n++;
      return {
        divisionCode: '410502002001',
        area: 'RURAL',
        address: '宝莲寺镇前进村 2 组 7 号',
        members: [
          {
            name: '测试户主',
            idNumber: validId(`41050219750101${String(n).padStart(3, '0')}`),
            relation: 'HEAD',
            labourCapacity: 'FULL',
          },
        ],
      };
    };
    await hammer('address', (v) =>
      http
        .post('/api/v1/households')
        .set(as('village.assistant'))
        .send({ ...registration(), address: v }),
    );
    await hammer('members.0.name', (v) => {
      const r = registration();
      return http
        .post('/api/v1/households')
        .set(as('village.assistant'))
        .send({ ...r, members: [{ ...r.members[0], name: v }] });
    });
  });

  it('applications: a member id inside the household facts', async () => {
    await hammer(
      'facts.members.1.id',
      (v) =>
        http
          .post('/api/v1/applications')
          .set(as('village.assistant'))
          .send({
            householdId: SEEDED_HOUSEHOLD,
            category: 'MINIMUM_LIVING',
            channel: 'ON_BEHALF',
            facts: { ...facts, members: [facts.members[0], { ...facts.members[1], id: v }] },
            consent: { economicCheck: true, truthfulnessPromise: true },
          }),
      10,
      asSent, // member ids are not trimmed
    );
    await expectNothingRetrying();
  });

  it('enrolled cases: change reports (description, member id) and a suspension reason; the objection case moved on too', async () => {
    const { stageOf, complete } = driver();
    await stageOf(cases.toEnrol, 'CONFIRMATION', 120_000);
    expect((await complete('county.officer', cases.toEnrol, 'CONFIRM', { action: 'confirm' })).status).toBe(200);
    await stageOf(cases.toEnrol, 'ENROLLED');
    let enrolledId = '';
    for (let i = 0; i < 100 && !enrolledId; i++) {
      enrolledId = (await stack.prisma.enrolledCase.findUnique({ where: { applicationId: cases.toEnrol } }))?.id ?? '';
      if (!enrolledId) await sleep(100);
    }
    for (
      let i = 0;
      i < 100 &&
      (await http.get(`/api/v1/enrolled-cases/${enrolledId}`).set(as('township.caseworker'))).body.process?.status !==
        'ACTIVE';
      i++
    )
      await sleep(100);
    const path = `/api/v1/cases/${enrolledId}/changes`;
    await hammer('description', (v) =>
      http.post(path).set(as('village.assistant')).send({ kind: 'CONTACT_CHANGE', description: v }),
    );
    await hammer(
      'memberId',
      (v) =>
        http.post(path).set(as('village.assistant')).send({ kind: 'OTHER', description: '联系电话变更', memberId: v }),
      10,
    );
    await hammer(
      'reason',
      (v) => http.post(`/api/v1/enrolled-cases/${enrolledId}/suspend`).set(as('county.supervisor')).send({ reason: v }),
      10,
    );
    expect(
      (await http.get(`/api/v1/enrolled-cases/${enrolledId}`).set(as('township.caseworker')).expect(200)).body.process,
    ).not.toBeNull();
    // The case that heard objections left publicity for objection handling.
    await stageOf(cases.publicity, 'OBJECTION_HANDLING', 120_000);
    await expectNothingRetrying();
  });
});

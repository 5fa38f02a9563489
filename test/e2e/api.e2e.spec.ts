import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SignJWT } from 'jose';
import { PiiCipher } from '../../src/registry/pii-cipher';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { freshHousehold } from '../support/households';
import { startStack, type Stack } from '../support/stack';
import { household as factsOf, member, monthly } from '../unit/policy/fixtures';

// End to end through HTTP: real PostgreSQL, real Temporal dev server, real worker.

const validId = (first17: string) => first17 + residentIdCheckChar(first17);
const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001'; // village 410502002001

describe('SafetyNet API (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let village: string;
  let caseworker: string;
  let caseworker2: string;
  let officer: string;
  let auditor: string;
  let auditAdministrator: string;

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    [village, caseworker, caseworker2, officer, auditor, auditAdministrator] = await Promise.all(
      [
        'village.assistant',
        'township.caseworker',
        'township.caseworker2',
        'county.officer',
        'auditor',
        'audit.administrator',
      ].map((u) => stack.tokenFor(u)),
    );
  });
  afterAll(() => stack?.stop());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const counts = async () => ({
    households: await stack.prisma.household.count(),
    members: await stack.prisma.member.count(),
    applications: await stack.prisma.application.count(),
    audit: await stack.prisma.auditLog.count(),
  });

  describe('operations', () => {
    it('reports healthy when PostgreSQL and Temporal answer', async () => {
      const res = await http.get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, temporal: { status: 'up' } } });
    });

    it('serves OpenAPI generated from the zod schemas, and Swagger UI', async () => {
      const doc = (await http.get('/docs/openapi.json').expect(200)).body as {
        paths: Record<string, unknown>;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/households',
          '/api/v1/applications',
          '/api/v1/tasks/{id}/complete',
          '/api/v1/cases/{id}',
          '/health',
        ]),
      );
      const schemas = JSON.stringify(doc.components.schemas);
      expect(schemas).toContain('idNumber');
      expect(schemas).toContain('truthfulnessPromise');
      const ui = await http.get('/docs').expect(200);
      expect(ui.text).toContain('swagger');
    });

    it('declares OpenAPI 3.1 and documents every operation: success body, error body, UUID ids, request id', async () => {
      type Op = {
        parameters?: Array<{ name: string; in: string; required?: boolean; schema?: { format?: string } }>;
        responses: Record<string, { content?: unknown; headers?: Record<string, unknown> }>;
        security?: unknown[];
      };
      const doc = (await http.get('/docs/openapi.json').expect(200)).body as {
        openapi: string;
        paths: Record<string, Record<string, Op>>;
        components: { schemas: Record<string, { required?: string[] }> };
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.schemas.Error!.required).toEqual(
        expect.arrayContaining(['statusCode', 'code', 'message', 'errors', 'requestId']),
      );
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const where = `${method.toUpperCase()} ${path}`;
          const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
          expect([
            where,
            success.length > 0 && success.every(([status, r]) => status === '204' || r.content !== undefined),
          ]).toEqual([where, true]);
          for (const r of Object.values(op.responses)) expect(r.headers).toHaveProperty('X-Request-Id');
          if (op.security?.length)
            expect([where, Object.keys(op.responses)]).toEqual([where, expect.arrayContaining(['401', '403'])]);
          const id = op.parameters?.find((p) => p.in === 'path' && p.name === 'id');
          if (id) expect([where, id.required, id.schema?.format]).toEqual([where, true, 'uuid']);
        }
      }
      const parameters = doc.paths['/api/v1/policy/parameters']!.get!.parameters!;
      expect(parameters.find((p) => p.name === 'county')!.required).toBe(true);
      expect(parameters.find((p) => p.name === 'date')).toMatchObject({ required: true, schema: { format: 'date' } });
      expect(JSON.stringify(doc)).not.toMatch(/"nullable"|"\$schema"/);
    });

    it('echoes a well-formed X-Request-Id', async () => {
      const res = await http.get('/health').set('x-request-id', 'trace-abc.123').expect(200);
      expect(res.headers['x-request-id']).toBe('trace-abc.123');
    });
  });

  describe('authentication and roles', () => {
    it('refuses a missing, malformed, forged or expired token with 401 and a reason', async () => {
      expect((await http.get(`/api/v1/households/${SEEDED_HOUSEHOLD}`).expect(401)).body.code).toBe('TOKEN_MISSING');
      expect(
        (await http.get(`/api/v1/households/${SEEDED_HOUSEHOLD}`).set('authorization', 'Basic abc').expect(401)).body
          .code,
      ).toBe('TOKEN_MISSING');
      const forged = await new SignJWT({ role: 'ADMINISTRATOR', jurisdiction: '410500' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuer('safetynet')
        .setAudience('safetynet-api')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-another-secret-another'));
      expect((await http.get(`/api/v1/households/${SEEDED_HOUSEHOLD}`).set(bearer(forged)).expect(401)).body.code).toBe(
        'TOKEN_INVALID',
      );
      const expired = await new SignJWT({ role: 'AUDITOR', jurisdiction: '410500' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('demo-auditor')
        .setIssuer('safetynet')
        .setAudience('safetynet-api')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(new TextEncoder().encode(stack.config.AUTH_JWT_SECRET));
      const res = await http.get(`/api/v1/households/${SEEDED_HOUSEHOLD}`).set(bearer(expired)).expect(401);
      expect(res.body).toMatchObject({ code: 'TOKEN_EXPIRED', message: expect.stringContaining('过期') });
    });

    it('issues dev tokens for the seeded demo users (embedded mode)', async () => {
      const res = await http.post('/api/v1/dev/tokens').send({ username: 'township.caseworker' }).expect(201);
      expect(res.body.actor).toEqual({
        userId: 'demo-township-caseworker',
        role: 'TOWNSHIP_CASEWORKER',
        jurisdiction: '410502002',
      });
      await http.get(`/api/v1/households/${SEEDED_HOUSEHOLD}`).set(bearer(res.body.accessToken)).expect(200);
      expect((await http.post('/api/v1/dev/tokens').send({ username: 'nobody' }).expect(404)).body.code).toBe(
        'UNKNOWN_USER',
      );
    });

    it('refuses a role the endpoint does not allow, naming the roles it needs', async () => {
      const res = await http.post('/api/v1/households').set(bearer(auditor)).send({}).expect(403);
      expect(res.body).toMatchObject({
        code: 'ROLE_NOT_ALLOWED',
        message: expect.stringContaining('村（社区）协理员'),
      });
    });
  });

  describe('household registry', () => {
    const household = (idNumber: string) => ({
      divisionCode: '410502002001',
      area: 'RURAL',
      address: '宝莲寺镇前进村 2 组 7 号',
      members: [
        {
          name: '测试户主',
          idNumber,
          relation: 'HEAD',
          labourCapacity: 'PARTIAL',
          disability: { type: 'PHYSICAL', grade: 2 },
        },
        {
          name: '测试子女',
          idNumber: validId('41050220100101003'),
          relation: 'CHILD',
          labourCapacity: 'NONE',
          student: true,
        },
      ],
    });

    it('registers a household with members, storing ID numbers only as HMAC and ciphertext, audited', async () => {
      const idNumber = validId('41050219700101001');
      const before = await counts();
      const res = await http.post('/api/v1/households').set(bearer(village)).send(household(idNumber)).expect(201);
      expect(JSON.stringify(res.body)).not.toContain(idNumber);
      expect(res.body.members).toHaveLength(2);
      const head = res.body.members.find((m: { relation: string }) => m.relation === 'HEAD');
      expect(head).toMatchObject({
        idNumberMasked: `410502********${idNumber.slice(14)}`,
        birthDate: '1970-01-01T00:00:00.000Z',
        sex: 'MALE',
        disabilityGrade: 2,
      });

      const row = await stack.prisma.member.findUniqueOrThrow({ where: { id: head.id } });
      const pii = new PiiCipher({
        hmacKeyHex: stack.config.PII_HMAC_KEY,
        encryptionKeyHex: stack.config.PII_ENCRYPTION_KEY,
      });
      expect(row.idNumberHmac).toBe(pii.lookupHash(idNumber));
      expect(row.idNumberEncrypted).not.toContain(idNumber);
      expect(pii.decrypt(row.idNumberEncrypted)).toBe(idNumber);
      expect(await counts()).toEqual({
        ...before,
        households: before.households + 1,
        members: before.members + 2,
        audit: before.audit + 1,
      });
      const audit = await stack.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
      expect(audit).toMatchObject({
        actorId: 'demo-village-assistant',
        role: 'VILLAGE_ASSISTANT',
        action: 'HOUSEHOLD_REGISTERED',
        targetId: res.body.id,
      });
      expect(audit.requestId).toBe(res.headers['x-request-id']);

      const read = await http.get(`/api/v1/households/${res.body.id}`).set(bearer(caseworker)).expect(200);
      expect(read.body.members.map((m: { name: string }) => m.name).sort()).toEqual(['测试子女', '测试户主']);
    });

    it.each([
      [
        'an invalid check digit',
        (b: Record<string, unknown>) => ({
          ...b,
          members: [{ ...(b.members as object[])[0], idNumber: '410502197001010010' }],
        }),
        'members.0.idNumber',
        '校验位',
      ],
      [
        'an impossible birth date',
        (b: Record<string, unknown>) => ({
          ...b,
          members: [{ ...(b.members as object[])[0], idNumber: validId('41050219701301001') }],
        }),
        'members.0.idNumber',
        '出生日期',
      ],
      ['an unknown field', (b: Record<string, unknown>) => ({ ...b, income: 100 }), '(body)', 'income'],
      ['a wrong type', (b: Record<string, unknown>) => ({ ...b, area: 3 }), 'area', ''],
      [
        'no head of household',
        (b: Record<string, unknown>) => ({ ...b, members: (b.members as object[]).slice(1) }),
        'members',
        '户主',
      ],
      [
        'a member twice',
        (b: Record<string, unknown>) => ({
          ...b,
          members: [(b.members as object[])[0], (b.members as object[])[1], (b.members as object[])[1]],
        }),
        'members.2.idNumber',
        '重复',
      ],
      [
        'a malformed division code',
        (b: Record<string, unknown>) => ({ ...b, divisionCode: '4105' }),
        'divisionCode',
        '12 位',
      ],
    ])('refuses %s with 400, field-level messages, and writes nothing', async (_, mutate, path, text) => {
      const before = await counts();
      const res = await http
        .post('/api/v1/households')
        .set(bearer(village))
        .send(mutate(household(validId('41050219800101002'))))
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(text) })]),
      );
      expect(await counts()).toEqual(before);
    });

    it('refuses malformed JSON with 400 MALFORMED_JSON and a request id', async () => {
      const res = await http
        .post('/api/v1/households')
        .set(bearer(village))
        .set('content-type', 'application/json')
        .send('{"divisionCode": ')
        .expect(400);
      expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', requestId: expect.any(String) });
    });

    it('refuses a village outside the actor jurisdiction (403) and a member registered elsewhere (409), writing nothing', async () => {
      const before = await counts();
      const outside = await http
        .post('/api/v1/households')
        .set(bearer(village))
        .send({ ...household(validId('41050219800101010')), divisionCode: '410502002002' })
        .expect(403);
      expect(outside.body.code).toBe('OUT_OF_JURISDICTION');
      const dup = validId('41050219900101020');
      await http
        .post('/api/v1/households')
        .set(bearer(village))
        .send(household(dup))
        .expect(409)
        .then((res) => {
          // the child's ID number is already registered by the first test
          expect(res.body).toMatchObject({
            code: 'MEMBER_ALREADY_REGISTERED',
            errors: [expect.objectContaining({ path: 'members.1.idNumber' })],
          });
        });
      expect(await counts()).toEqual(before);
    });

    it('answers 400 for a malformed id and 404 for an unknown household', async () => {
      expect(
        (await http.get('/api/v1/households/not-a-uuid').set(bearer(village)).expect(400)).body.errors[0].path,
      ).toBe('param.id');
      expect(
        (await http.get('/api/v1/households/9b2f4c1e-0000-4000-8000-000000000000').set(bearer(village)).expect(404))
          .body.code,
      ).toBe('NOT_FOUND');
    });
  });

  describe('applications: HTTP -> Temporal workflow -> activity -> PostgreSQL', () => {
    const facts = factsOf({
      members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
      income: monthly('p1', 'WAGE', 600),
    });
    const submissionFor = (householdId: string) => ({
      householdId,
      category: 'MINIMUM_LIVING',
      channel: 'ON_BEHALF',
      facts,
      consent: { economicCheck: true, truthfulnessPromise: true },
    });
    // A household may have one open application per category: each test applies for a household of its own.
    let submission: ReturnType<typeof submissionFor>;
    beforeEach(async () => {
      submission = submissionFor(await freshHousehold(stack.prisma));
    });

    /** The open task of a case, from its read model (whose turn it is). */
    async function openTask(id: string, type: string): Promise<string> {
      for (let i = 0; i < 100; i++) {
        const res = await http.get(`/api/v1/cases/${id}`).set(bearer(caseworker)).expect(200);
        if (res.body.turn?.type === type) return res.body.turn.taskId as string;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no open ${type} task`);
    }

    async function waitForIntake(id: string): Promise<void> {
      for (let i = 0; i < 100; i++) {
        const row = await stack.prisma.application.findUniqueOrThrow({ where: { id } });
        if (row.intakeRecordedAt) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('intake was never recorded by the workflow');
    }

    it('starts a workflow whose activity records the intake; GET reads it back', async () => {
      const res = await http.post('/api/v1/applications').set(bearer(village)).send(submission).expect(201);
      const id: string = res.body.id;
      expect(res.body).toMatchObject({
        stage: 'SUBMITTED',
        workflowId: `application-${id}`,
        countyCode: '410502',
        townshipCode: '410502002',
      });
      await waitForIntake(id);

      await openTask(id, 'ACCEPT');
      const read = await http.get(`/api/v1/cases/${id}`).set(bearer(caseworker)).expect(200);
      expect(read.body.events).toEqual([
        expect.objectContaining({ type: 'INTAKE_RECORDED', stage: 'SUBMITTED', actorId: 'demo-village-assistant' }),
      ]);
      expect(read.body.process).toMatchObject({
        applicationId: id,
        stage: 'SUBMITTED',
        currentTask: { type: 'ACCEPT' },
      });
      expect(read.body).toMatchObject({ stageName: '待受理', turn: { type: 'ACCEPT', role: 'TOWNSHIP_CASEWORKER' } });
      expect(Date.parse(read.body.turn.dueAt)).toBeGreaterThan(Date.now());

      // Workflow id and search attributes carry codes only, never personal data.
      const description = await stack.temporal.client.workflow.getHandle(`application-${id}`).describe();
      expect(description.typedSearchAttributes.get({ name: 'SafetyNetCounty', type: 'KEYWORD' } as never)).toBe(
        '410502',
      );
      expect(JSON.stringify(description.searchAttributes)).not.toMatch(/演示|\d{17}[\dX]/);
    });

    it('gives the household a receipt code: the public progress lookup shows the stage and due date, the surname only', async () => {
      const householdId = await freshHousehold(stack.prisma);
      await stack.prisma.member.create({
        data: {
          id: randomUUID(),
          householdId,
          name: '张三丰',
          idNumberHmac: randomUUID(),
          idNumberEncrypted: 'not-read-here',
          idNumberMasked: '410502********0011',
          birthDate: new Date('1960-01-01'),
          sex: 'M',
          relation: 'HEAD',
          labourCapacity: 'NONE',
        },
      });
      const res = await http
        .post('/api/v1/applications')
        .set(bearer(village))
        .send(submissionFor(householdId))
        .expect(201);
      const code = res.body.receiptCode as string;
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
      await openTask(res.body.id as string, 'ACCEPT');
      // Staff can print the slip again: the case shows the same code.
      const read = await http.get(`/api/v1/cases/${res.body.id}`).set(bearer(caseworker)).expect(200);
      expect(read.body.receiptCode).toBe(code);
      const progress = await http.get(`/api/v1/public/progress/${code}`).expect(200);
      expect(progress.body).toEqual({
        category: '最低生活保障',
        stage: 'SUBMITTED',
        stageName: '待受理',
        finished: false,
        nextDueAt: read.body.stageDueAt,
        applicant: '张**',
        submittedAt: read.body.createdAt,
      });
      expect(Date.parse(progress.body.nextDueAt)).toBeGreaterThan(Date.now());
      // Nothing more than that: no ids, no amounts, no other name.
      expect(JSON.stringify(progress.body)).not.toMatch(/演示|\d{6}|410502/);
      // An unknown code: 404 in Chinese; a malformed one: 400 naming the field.
      const unknown = await http.get('/api/v1/public/progress/ABCDEFGHJKMN').expect(404);
      expect(unknown.body.message).toContain('受理编号');
      const bad = await http.get('/api/v1/public/progress/abc').expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'param.receiptCode' })]);
    });

    it('returns the first result for a retried Idempotency-Key, even when retries race', async () => {
      const key = `retry-${Date.now()}`;
      const first = await http
        .post('/api/v1/applications')
        .set(bearer(village))
        .set('idempotency-key', key)
        .send(submission)
        .expect(201);
      const again = await http
        .post('/api/v1/applications')
        .set(bearer(village))
        .set('idempotency-key', key)
        .send(submission)
        .expect(200);
      expect(again.body.id).toBe(first.body.id);

      const raceKey = `race-${Date.now()}`;
      const before = await stack.prisma.application.count();
      const other = submissionFor(await freshHousehold(stack.prisma));
      const racing = await Promise.all(
        [1, 2, 3].map(() =>
          http.post('/api/v1/applications').set(bearer(village)).set('idempotency-key', raceKey).send(other),
        ),
      );
      expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
      expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      expect(await stack.prisma.application.count()).toBe(before + 1);
      // let both workflows finish their intake before the next test counts rows
      // let both workflows reach their first task (and go quiet) before the next test counts rows
      await Promise.all([openTask(first.body.id, 'ACCEPT'), openTask(racing[0]!.body.id, 'ACCEPT')]);
    });

    it('refuses missing consent or promise with field-level messages and starts nothing', async () => {
      const before = await counts();
      const res = await http
        .post('/api/v1/applications')
        .set(bearer(village))
        .send({ ...submission, consent: { economicCheck: false, truthfulnessPromise: true } })
        .expect(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'consent.economicCheck', message: '须取得家庭经济状况核对授权' }),
      ]);
      const unknown = await http
        .post('/api/v1/applications')
        .set(bearer(village))
        .send({ ...submission, householdId: '9b2f4c1e-0000-4000-8000-000000000000' })
        .expect(422);
      expect(unknown.body.code).toBe('UNKNOWN_HOUSEHOLD');
      expect(await counts()).toEqual(before);
    });

    it('accepts by completing the task (an Update): wrong role 403, right caseworker 200, then 409; state unchanged by refusals', async () => {
      const { body } = await http.post('/api/v1/applications').set(bearer(village)).send(submission).expect(201);
      const taskId = await openTask(body.id, 'ACCEPT');
      const refused = await http
        .post(`/api/v1/tasks/${taskId}/complete`)
        .set(bearer(officer))
        .send({ action: 'accept' })
        .expect(403);
      expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await http.get(`/api/v1/cases/${body.id}`).set(bearer(caseworker)).expect(200)).body.process.stage).toBe(
        'SUBMITTED',
      );
      // Another step's action is refused before any Update (422 naming the step's actions); the state stays.
      const wrongStep = await http
        .post(`/api/v1/tasks/${taskId}/complete`)
        .set(bearer(caseworker))
        .send({ action: 'submitOpinion', proposal: 'APPROVE', reasons: ['x'] })
        .expect(422);
      expect(wrongStep.body).toMatchObject({
        code: 'TASK_PAYLOAD_INVALID',
        errors: [expect.objectContaining({ path: 'action', message: expect.stringContaining('accept') })],
      });

      const accepted = await http
        .post(`/api/v1/tasks/${taskId}/complete`)
        .set(bearer(caseworker))
        .send({ action: 'accept', note: '材料齐全' })
        .expect(200);
      expect(accepted.body).toMatchObject({ stage: 'SUBMITTED', currentTask: null }); // accepted; the workflow moves on at once
      await openTask(body.id, 'START_INVESTIGATION');
      const row = await stack.prisma.application.findUniqueOrThrow({
        where: { id: body.id },
        include: { events: true },
      });
      expect(row.stage).toBe('INVESTIGATION');
      expect(row.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['INTAKE_RECORDED', 'ACTION_accept', 'CROSS_CHECK_COMPLETED']),
      );
      expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('DONE');
      const again = await http
        .post(`/api/v1/tasks/${taskId}/complete`)
        .set(bearer(caseworker))
        .send({ action: 'accept' })
        .expect(409);
      expect(again.body.code).toBe('TASK_NOT_OPEN');
    });

    it('lets exactly one of two caseworkers completing the same task at once win', async () => {
      const { body } = await http.post('/api/v1/applications').set(bearer(village)).send(submission).expect(201);
      const taskId = await openTask(body.id, 'ACCEPT');
      const results = await Promise.all(
        [caseworker, caseworker2].map((t) =>
          http.post(`/api/v1/tasks/${taskId}/complete`).set(bearer(t)).send({ action: 'accept' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      await openTask(body.id, 'START_INVESTIGATION'); // the winner's action recorded, the next step open
      const events = await stack.prisma.applicationEvent.findMany({
        where: { applicationId: body.id, type: 'ACTION_accept' },
      });
      expect(events).toHaveLength(1);
    });

    it('keeps an intact audit chain over everything above', async () => {
      const res = await http.get('/api/v1/audit/verification').set(bearer(auditAdministrator)).expect(200);
      expect(res.body.valid).toBe(true);
      expect(res.body.rows).toBeGreaterThan(8);
      const actions = (await stack.prisma.auditLog.findMany({ select: { action: true } })).map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'HOUSEHOLD_REGISTERED',
          'APPLICATION_SUBMITTED',
          'APPLICATION_INTAKE_RECORDED',
          'APPLICATION_ACTION_accept',
          'TASK_OPENED',
          'TASK_COMPLETED',
        ]),
      );
    });
  });
});

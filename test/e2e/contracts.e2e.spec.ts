import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { signToken } from '../../src/auth/token-verifier';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore } from '../../src/policy';
import { freshHousehold } from '../support/households';
import { startStack, type Stack } from '../support/stack';
import { household as factsOf, member, monthly } from '../unit/policy/fixtures';

// The API's contracts through HTTP on the real stack (PostgreSQL, Temporal dev server, worker):
// an Idempotency-Key names one request on every endpoint that takes one; a token counts only
// while its user exists, is enabled and keeps its role; the administrator manages users.

const TOWNSHIP = '410502002';
const VILLAGE = '410502002001';
/** A fund no emergency payment of these tests touches. */
const FUND = '410502001';
const facts = factsOf({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});
const consent = { economicCheck: true, truthfulnessPromise: true };
const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** 北关区 (410503) accepts within about 9 seconds in this drill, so an ACCEPT step falls overdue while the test waits. */
const DRILL_COUNTY = '410503';
const drillParameters = new ParameterStore([
  ...DEFAULT_PARAMETERS,
  {
    id: PARAMETER_IDS.TL_ACCEPTANCE,
    version: 'e2e-drill',
    validFrom: '2020-01-01',
    division: DRILL_COUNTY,
    value: 0.0001,
    unit: 'NATURAL_DAYS',
    citations: [{ sourceId: 'DRILL_MODE', note: '演练参数：缩短受理期限（仅用于测试）' }],
    placeholder: true,
  },
]);

describe('API contracts (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({}, { parameters: drillParameters });
    http = request(stack.app.getHttpServer());
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'department.liaison',
      'administrator',
      'security.administrator',
      'audit.administrator',
      'auditor',
    ])
      tokens[u] = await stack.tokenFor(u);
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  /** A household of its own, so that no other test's open application stands in the way. */
  const newHousehold = () => freshHousehold(stack.prisma, VILLAGE);
  const application = (householdId: string, overrides: Record<string, unknown> = {}) => ({
    householdId,
    category: 'MINIMUM_LIVING',
    channel: 'ON_BEHALF',
    facts,
    consent,
    ...overrides,
  });
  const emergency = (overrides: Record<string, unknown> = {}) => ({
    townshipCode: TOWNSHIP,
    applicant: { name: '赵某某', idNumber: '410502199001011236' },
    area: 'RURAL',
    kind: 'SUDDEN',
    amount: 500,
    description: '家中失火，生活无着',
    ...overrides,
  });
  const reused = expect.objectContaining({
    code: 'IDEMPOTENCY_KEY_REUSED',
    message: expect.stringContaining('Idempotency-Key'),
  });

  describe('Idempotency-Key', () => {
    it('applications: same key and body (in any key order) returns the first result; another body under the key is 422 and writes nothing', async () => {
      const householdId = await newHousehold();
      const key = `app-${randomUUID()}`;
      const first = await http
        .post('/api/v1/applications')
        .set(as('village.assistant'))
        .set('Idempotency-Key', key)
        .send(application(householdId))
        .expect(201);
      // the same request with its keys in another order is the same request
      const reordered = Object.fromEntries(Object.entries(application(householdId)).reverse());
      const again = await http
        .post('/api/v1/applications')
        .set(as('village.assistant'))
        .set('Idempotency-Key', key)
        .send(reordered)
        .expect(200);
      expect(again.body.id).toBe(first.body.id);

      const before = await stack.prisma.application.count();
      const other = await http
        .post('/api/v1/applications')
        .set(as('village.assistant'))
        .set('Idempotency-Key', key)
        .send(application(householdId, { channel: 'SELF' }))
        .expect(422);
      expect(other.body).toEqual(reused);
      expect(other.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await stack.prisma.application.count()).toBe(before);
    });

    it('emergency aid: another body under the same key is 422, the same body returns the first case', async () => {
      const key = `emg-${randomUUID()}`;
      const first = await http
        .post('/api/v1/emergency-aid')
        .set(as('township.caseworker'))
        .set('Idempotency-Key', key)
        .send(emergency())
        .expect(201);
      const again = await http
        .post('/api/v1/emergency-aid')
        .set(as('township.caseworker'))
        .set('Idempotency-Key', key)
        .send(emergency())
        .expect(201);
      expect(again.body.id).toBe(first.body.id);
      const before = await stack.prisma.emergencyCase.count();
      const other = await http
        .post('/api/v1/emergency-aid')
        .set(as('township.caseworker'))
        .set('Idempotency-Key', key)
        .send(emergency({ amount: 600 }))
        .expect(422);
      expect(other.body).toEqual(reused);
      expect(await stack.prisma.emergencyCase.count()).toBe(before);
    });

    it('reserve-fund top-ups: the same request moves the balance once; another amount, township or endpoint under the key is 422', async () => {
      const key = `top-${randomUUID()}`;
      const balance = async (t: string) =>
        (await http.get(`/api/v1/reserve-funds/${t}`).set(as('county.officer')).expect(200)).body.balance as number;
      const start = await balance(FUND);
      const first = await http
        .post(`/api/v1/reserve-funds/${FUND}/top-ups`)
        .set(as('county.officer'))
        .set('Idempotency-Key', key)
        .send({ amount: 100, reason: '县财政拨付' })
        .expect(201);
      expect(first.body.moved).toBe(true);
      const again = await http
        .post(`/api/v1/reserve-funds/${FUND}/top-ups`)
        .set(as('county.officer'))
        .set('Idempotency-Key', key)
        .send({ reason: '县财政拨付', amount: 100 })
        .expect(201);
      expect(again.body).toMatchObject({ moved: false, entryId: first.body.entryId });
      expect(
        (
          await http
            .post(`/api/v1/reserve-funds/${FUND}/top-ups`)
            .set(as('county.officer'))
            .set('Idempotency-Key', key)
            .send({ amount: 200, reason: '县财政拨付' })
            .expect(422)
        ).body,
      ).toEqual(reused);
      expect(
        (
          await http
            .post(`/api/v1/reserve-funds/${TOWNSHIP}/top-ups`)
            .set(as('county.officer'))
            .set('Idempotency-Key', key)
            .send({ amount: 100, reason: '县财政拨付' })
            .expect(422)
        ).body,
      ).toEqual(reused);
      expect(await balance(FUND)).toBe(start + 100);

      // a key names one request across endpoints too
      const householdId = await newHousehold();
      const appKey = `cross-${randomUUID()}`;
      await http
        .post('/api/v1/applications')
        .set(as('county.officer'))
        .set('Idempotency-Key', appKey)
        .send(application(householdId))
        .expect(201);
      expect(
        (
          await http
            .post(`/api/v1/reserve-funds/${FUND}/top-ups`)
            .set(as('county.officer'))
            .set('Idempotency-Key', appKey)
            .send({ amount: 100, reason: '县财政拨付' })
            .expect(422)
        ).body,
      ).toEqual(reused);
      expect(await balance(FUND)).toBe(start + 100);
    });

    it('racing retries of one top-up move the balance once', async () => {
      const key = `race-${randomUUID()}`;
      const before = await stack.prisma.reserveFundEntry.count();
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          http
            .post(`/api/v1/reserve-funds/${FUND}/top-ups`)
            .set(as('county.officer'))
            .set('Idempotency-Key', key)
            .send({ amount: 1, reason: '县财政拨付' }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(results.filter((r) => r.body.moved)).toHaveLength(1);
      expect(await stack.prisma.reserveFundEntry.count()).toBe(before + 1);
    });

    it('refuses a malformed key with 400 naming the header', async () => {
      const res = await http
        .post(`/api/v1/reserve-funds/${TOWNSHIP}/top-ups`)
        .set(as('county.officer'))
        .set('Idempotency-Key', 'short')
        .send({ amount: 1, reason: 'x' })
        .expect(400);
      expect(res.body.errors[0].path).toBe('header.Idempotency-Key');
    });

    it('documents the header on every endpoint that takes it (OpenAPI)', async () => {
      const doc = (await http.get('/docs/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
      };
      for (const path of [
        '/api/v1/applications',
        '/api/v1/emergency-aid',
        '/api/v1/reserve-funds/{township}/top-ups',
        '/api/v1/population/self-declarations',
        '/api/v1/population/records/{id}/changes',
        '/api/v1/provincial-exports',
      ]) {
        expect([
          path,
          doc.paths[path]!.post!.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        ]).toEqual([path, true]);
      }
    });
  });
  describe('users', () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const readHousehold = (token: string) => http.get(`/api/v1/households/${SEEDED_HOUSEHOLD}`).set(bearer(token));
    const newUser = (overrides: Record<string, unknown> = {}) => ({
      username: `caseworker.${randomUUID().slice(0, 8)}`,
      displayName: '新经办人',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdictionCode: TOWNSHIP,
      ...overrides,
    });
    const auditOf = (id: string) =>
      stack.prisma.auditLog.findMany({ where: { targetType: 'User', targetId: id }, orderBy: { seq: 'asc' } });

    it('refuses a validly signed token whose user is not in the database with 401 USER_UNKNOWN', async () => {
      const ghost = await signToken(stack.config, {
        userId: 'nobody-at-all',
        role: 'ADMINISTRATOR',
        jurisdiction: '410500',
      });
      const res = await readHousehold(ghost).expect(401);
      expect(res.body).toMatchObject({ code: 'USER_UNKNOWN', message: expect.stringContaining('不存在') });
    });

    it('lets only the security administrator list, create and change users (403 with the reason for others)', async () => {
      for (const user of ['administrator', 'county.supervisor', 'auditor', 'township.caseworker']) {
        const res = await http.get('/api/v1/users').set(as(user)).expect(403);
        expect(res.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('安全管理员') });
      }
      const refused = await http.post('/api/v1/users').set(as('administrator')).send(newUser()).expect(403);
      expect(refused.body.message).toContain('三员分立');
      await http.post('/api/v1/users').set(as('county.supervisor')).send(newUser()).expect(403);
      await http
        .patch('/api/v1/users/demo-township-caseworker')
        .set(as('county.supervisor'))
        .send({ disabled: true })
        .expect(403);
      await readHousehold(tokens['township.caseworker']!).expect(200);
    });

    it.each([
      ['an unknown role', { role: 'MAYOR' }, 'role'],
      ['a malformed username', { username: 'Bad Name!' }, 'username'],
      ['a jurisdiction of the wrong level for the role', { jurisdictionCode: '410502' }, 'jurisdictionCode'],
      ['a division that does not exist', { jurisdictionCode: '410502009' }, 'jurisdictionCode'],
      ['a liaison without a department', { role: 'DEPARTMENT_LIAISON', jurisdictionCode: '410502' }, 'department'],
      ['an unknown field', { password: 'x' }, '(body)'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_, overrides, path) => {
      const before = await stack.prisma.user.count();
      const res = await http
        .post('/api/v1/users')
        .set(as('security.administrator'))
        .send(newUser(overrides))
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(/[\u4e00-\u9fa5]/) })]),
      );
      expect(await stack.prisma.user.count()).toBe(before);
    });

    it('creates a user (audited), refuses a duplicate username with 409, lists users by keyset', async () => {
      const body = newUser();
      const created = await http.post('/api/v1/users').set(as('security.administrator')).send(body).expect(201);
      expect(created.body).toMatchObject({
        username: body.username,
        role: 'TOWNSHIP_CASEWORKER',
        jurisdictionCode: TOWNSHIP,
        disabled: false,
      });
      expect((await auditOf(created.body.id)).map((a) => [a.action, a.actorId])).toEqual([
        ['USER_CREATED', 'demo-security-administrator'],
      ]);
      const dup = await http
        .post('/api/v1/users')
        .set(as('security.administrator'))
        .send({ ...newUser(), username: body.username })
        .expect(409);
      expect(dup.body).toMatchObject({
        code: 'USERNAME_TAKEN',
        errors: [expect.objectContaining({ path: 'username' })],
      });

      const page1 = await http.get('/api/v1/users?limit=3').set(as('security.administrator')).expect(200);
      expect(page1.body.items).toHaveLength(3);
      const page2 = await http
        .get(`/api/v1/users?limit=3&after=${page1.body.nextCursor}`)
        .set(as('security.administrator'))
        .expect(200);
      expect(page2.body.items[0].username > page1.body.items[2].username).toBe(true);
      const all = await http.get('/api/v1/users?limit=200').set(as('security.administrator')).expect(200);
      expect(all.body.items.map((u: { username: string }) => u.username)).toContain(body.username);
    });

    it('disables and enables a user: the token is refused at once (401 USER_DISABLED) and accepted again; each change audited', async () => {
      const created = await http.post('/api/v1/users').set(as('security.administrator')).send(newUser()).expect(201);
      const id = created.body.id as string;
      const token = await signToken(stack.config, { userId: id, role: 'TOWNSHIP_CASEWORKER', jurisdiction: TOWNSHIP });
      await readHousehold(token).expect(200);
      expect(
        (await http.patch(`/api/v1/users/${id}`).set(as('security.administrator')).send({ disabled: true }).expect(200))
          .body.disabled,
      ).toBe(true);
      expect((await readHousehold(token).expect(401)).body).toMatchObject({
        code: 'USER_DISABLED',
        message: expect.stringContaining('停用'),
      });
      await http.patch(`/api/v1/users/${id}`).set(as('security.administrator')).send({ disabled: false }).expect(200);
      await readHousehold(token).expect(200);
      const audit = await auditOf(id);
      expect(audit.map((a) => a.action)).toEqual(['USER_CREATED', 'USER_UPDATED', 'USER_UPDATED']);
      expect(audit[1]!.details).toEqual({ changes: { disabled: { from: false, to: true } } });
    });

    it('a disable made elsewhere (another API replica, straight in the database) takes effect within seconds', async () => {
      const created = await http.post('/api/v1/users').set(as('security.administrator')).send(newUser()).expect(201);
      const token = await signToken(stack.config, {
        userId: created.body.id,
        role: 'TOWNSHIP_CASEWORKER',
        jurisdiction: TOWNSHIP,
      });
      await readHousehold(token).expect(200); // now cached
      await stack.prisma.user.update({ where: { id: created.body.id }, data: { disabled: true } });
      const start = Date.now();
      while ((await readHousehold(token)).status !== 401) {
        expect(Date.now() - start).toBeLessThan(7_000);
        await sleep(250);
      }
    });

    it('re-roles a user: the old token is refused (401 USER_CHANGED), a token with the new role works; wrong level for the new role is 400', async () => {
      const created = await http.post('/api/v1/users').set(as('security.administrator')).send(newUser()).expect(201);
      const id = created.body.id as string;
      const old = await signToken(stack.config, { userId: id, role: 'TOWNSHIP_CASEWORKER', jurisdiction: TOWNSHIP });
      const wrongLevel = await http
        .patch(`/api/v1/users/${id}`)
        .set(as('security.administrator'))
        .send({ role: 'COUNTY_OFFICER' })
        .expect(400);
      expect(wrongLevel.body.errors[0]).toMatchObject({
        path: 'jurisdictionCode',
        message: expect.stringContaining('县级'),
      });
      const updated = await http
        .patch(`/api/v1/users/${id}`)
        .set(as('security.administrator'))
        .send({ role: 'COUNTY_OFFICER', jurisdictionCode: '410502' })
        .expect(200);
      expect(updated.body).toMatchObject({ role: 'COUNTY_OFFICER', jurisdictionCode: '410502' });
      expect((await readHousehold(old).expect(401)).body.code).toBe('USER_CHANGED');
      await readHousehold(
        await signToken(stack.config, { userId: id, role: 'COUNTY_OFFICER', jurisdiction: '410502' }),
      ).expect(200);
      expect((await auditOf(id)).at(-1)!.details).toEqual({
        changes: {
          role: { from: 'TOWNSHIP_CASEWORKER', to: 'COUNTY_OFFICER' },
          jurisdictionCode: { from: TOWNSHIP, to: '410502' },
        },
      });
      expect(
        (
          await http
            .patch('/api/v1/users/no-such-user')
            .set(as('security.administrator'))
            .send({ disabled: true })
            .expect(404)
        ).body.code,
      ).toBe('NOT_FOUND');
      expect(
        (await http.patch(`/api/v1/users/${id}`).set(as('security.administrator')).send({}).expect(400)).body.code,
      ).toBe('VALIDATION_FAILED');
    });

    it('三员分立 handover: with no security administrator enabled, the system administrator may create one, and only that', async () => {
      await stack.prisma.user.update({ where: { id: 'demo-security-administrator' }, data: { disabled: true } });
      try {
        const caseworker = await http.post('/api/v1/users').set(as('administrator')).send(newUser()).expect(403);
        expect(caseworker.body.message).toContain('只能先创建一名安全管理员');
        const first = await http
          .post('/api/v1/users')
          .set(as('administrator'))
          .send(newUser({ role: 'SECURITY_ADMINISTRATOR', jurisdictionCode: '410500', displayName: '安全管理员' }))
          .expect(201);
        expect(first.body.role).toBe('SECURITY_ADMINISTRATOR');
        // Handed over: a second one is the security administrators' to create.
        await http
          .post('/api/v1/users')
          .set(as('administrator'))
          .send(newUser({ role: 'SECURITY_ADMINISTRATOR', jurisdictionCode: '410500' }))
          .expect(403);
        await stack.prisma.user.update({ where: { id: first.body.id }, data: { disabled: true } });
      } finally {
        await stack.prisma.user.update({ where: { id: 'demo-security-administrator' }, data: { disabled: false } });
      }
    });

    it('三员分立: the security and audit administrators reach no case, task or household (403 naming their duty)', async () => {
      for (const [user, duty] of [
        ['security.administrator', '管理账户和角色'],
        ['audit.administrator', '查阅和核验审计日志'],
      ] as const) {
        for (const path of ['/api/v1/applications', '/api/v1/tasks', '/api/v1/payments?month=2026-11&county=410502']) {
          const res = await http.get(path).set(as(user)).expect(403);
          expect(res.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining(duty) });
        }
      }
      await http.get('/api/v1/users').set(as('audit.administrator')).expect(403);
      await http.get('/api/v1/audit').set(as('security.administrator')).expect(403);
      await http.get('/api/v1/audit').set(as('audit.administrator')).expect(200);
    });

    it('a security administrator cannot disable themselves (409)', async () => {
      const res = await http
        .patch('/api/v1/users/demo-security-administrator')
        .set(as('security.administrator'))
        .send({ disabled: true })
        .expect(409);
      expect(res.body.code).toBe('CANNOT_CHANGE_OWN_ACCESS');
    });
  });
  describe('department liaisons', () => {
    it('are refused (403, with the reason) on cases, households, enrolled cases and emergency cases, list and detail, which county staff read', async () => {
      const householdId = await newHousehold();
      const app = await http
        .post('/api/v1/applications')
        .set(as('village.assistant'))
        .send(application(householdId))
        .expect(201);
      const enrolledId = randomUUID();
      await stack.prisma.enrolledCase.create({
        data: {
          id: enrolledId,
          applicationId: app.body.id,
          householdId,
          category: 'MINIMUM_LIVING',
          monthlyAmount: 300,
          membersIncluded: ['p1'],
          startMonth: '2026-12',
          countyCode: '410502',
          townshipCode: TOWNSHIP,
          villageCode: VILLAGE,
        },
      });
      const emergencyCase = await http
        .post('/api/v1/emergency-aid')
        .set(as('township.caseworker'))
        .send(emergency({ applicant: { name: '钱某某', idNumber: '410502199001011236' }, amount: 300 }))
        .expect(201);
      const routes = [
        '/api/v1/cases',
        `/api/v1/cases/${app.body.id}`,
        `/api/v1/households/${householdId}`,
        '/api/v1/enrolled-cases',
        `/api/v1/enrolled-cases/${enrolledId}`,
        '/api/v1/emergency-aid',
        `/api/v1/emergency-aid/${emergencyCase.body.id}`,
      ];
      for (const route of routes) {
        expect([route, (await http.get(route).set(as('county.officer'))).status]).toEqual([route, 200]);
        const refused = await http.get(route).set(as('department.liaison'));
        expect([route, refused.status]).toEqual([route, 403]);
        expect(refused.body).toMatchObject({
          code: 'NOT_REFERRED_TO_DEPARTMENT',
          message: expect.stringContaining('部门联络员'),
        });
      }
      // their own inbox stays open to them
      await http.get('/api/v1/tasks').set(as('department.liaison')).expect(200);
    });
  });
  describe('one open application per household and category', () => {
    it('refuses a second open application with 409 naming the open one; another category, or after withdrawal, is accepted', async () => {
      const householdId = await newHousehold();
      const first = await http
        .post('/api/v1/applications')
        .set(as('village.assistant'))
        .send(application(householdId))
        .expect(201);
      const second = await http
        .post('/api/v1/applications')
        .set(as('township.caseworker'))
        .send(application(householdId, { channel: 'SELF' }))
        .expect(409);
      expect(second.body).toMatchObject({
        code: 'APPLICATION_ALREADY_OPEN',
        openApplicationId: first.body.id,
        message: expect.stringContaining(first.body.id),
      });
      expect(await stack.prisma.application.count({ where: { householdId } })).toBe(1);
      await http
        .post('/api/v1/applications')
        .set(as('village.assistant'))
        .send(application(householdId, { category: 'NEAR_MINIMUM' }))
        .expect(201);

      await http
        .post(`/api/v1/cases/${first.body.id}/actions`)
        .set(as('township.caseworker'))
        .send({ action: 'withdraw', reason: '申请人主动撤回' })
        .expect(200);
      const end = Date.now() + 20_000;
      while (
        (await stack.prisma.application.findUniqueOrThrow({ where: { id: first.body.id } })).stage !== 'WITHDRAWN'
      ) {
        expect(Date.now()).toBeLessThan(end);
        await sleep(150);
      }
      await http.post('/api/v1/applications').set(as('village.assistant')).send(application(householdId)).expect(201);
    });

    it('lets exactly one of several concurrent submissions through; the others name it', async () => {
      const householdId = await newHousehold();
      const results = await Promise.all(
        ['village.assistant', 'township.caseworker', 'county.officer', 'village.assistant', 'township.caseworker'].map(
          (u) => http.post('/api/v1/applications').set(as(u)).send(application(householdId)),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      const winner = results.find((r) => r.status === 201)!.body.id as string;
      for (const r of results.filter((x) => x.status === 409))
        expect(r.body).toMatchObject({ code: 'APPLICATION_ALREADY_OPEN', openApplicationId: winner });
      expect(await stack.prisma.application.count({ where: { householdId } })).toBe(1);
    });
  });
  describe("a county supervisor acting in a caseworker's place", () => {
    it('is refused (403 STEP_NOT_OVERDUE, with the reason) on a step not yet overdue, and allowed once it is', async () => {
      const village = await stack.tokenForActor({
        userId: 'u-village-410503',
        role: 'VILLAGE_ASSISTANT',
        jurisdiction: '410503001001',
      });
      const supervisor = await stack.tokenForActor({
        userId: 'u-supervisor-410503',
        role: 'COUNTY_SUPERVISOR',
        jurisdiction: DRILL_COUNTY,
      });
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
      const householdId = await freshHousehold(stack.prisma, '410503001001');
      const submitted = await http
        .post('/api/v1/applications')
        .set(bearer(village))
        .send(application(householdId, { facts: { ...facts, residence: { county: DRILL_COUNTY, area: 'URBAN' } } }))
        .expect(201);
      const caseId = submitted.body.id as string;
      async function turn(type: string): Promise<{ taskId: string; dueAt: string }> {
        const end = Date.now() + 20_000;
        for (;;) {
          const res = await http.get(`/api/v1/cases/${caseId}`).set(bearer(supervisor)).expect(200);
          if (res.body.turn?.type === type) return res.body.turn;
          expect(Date.now()).toBeLessThan(end);
          await sleep(100);
        }
      }
      const accept = await turn('ACCEPT');
      expect(Date.parse(accept.dueAt)).toBeGreaterThan(Date.now() + 2_000);
      const early = await http
        .post(`/api/v1/tasks/${accept.taskId}/complete`)
        .set(bearer(supervisor))
        .send({ action: 'accept', note: '县级主管代为受理' })
        .expect(403);
      expect(early.body).toMatchObject({ code: 'STEP_NOT_OVERDUE', message: expect.stringContaining('尚未逾期') });
      expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: accept.taskId } })).status).toBe('OPEN');

      await sleep(Math.max(Date.parse(accept.dueAt) - Date.now(), 0) + 500);
      await http
        .post(`/api/v1/tasks/${accept.taskId}/complete`)
        .set(bearer(supervisor))
        .send({ action: 'accept', note: '县级主管代为受理' })
        .expect(200);
      const start = await turn('START_INVESTIGATION');
      const refused = await http
        .post(`/api/v1/tasks/${start.taskId}/complete`)
        .set(bearer(supervisor))
        .send({ action: 'startInvestigation' })
        .expect(403);
      expect(refused.body.code).toBe('STEP_NOT_OVERDUE');
    }, 60_000);
  });

  // Last in the file: the lock-out it provokes holds for this client (127.0.0.1) from then on.
  describe('sessions and sign-in failures (等级保护: time-out and lock-out as settings)', () => {
    const readHousehold = (token: string) =>
      http.get(`/api/v1/households/${SEEDED_HOUSEHOLD}`).set('authorization', `Bearer ${token}`);
    it('signing out ends the token: 401 SESSION_ENDED from then on; a new sign-in works', async () => {
      const token = await stack.tokenFor('county.officer');
      await readHousehold(token).expect(200);
      await http.delete('/api/v1/sessions/current').set('authorization', `Bearer ${token}`).expect(204);
      const ended = await readHousehold(token).expect(401);
      expect(ended.body).toMatchObject({ code: 'SESSION_ENDED', message: '您已退出登录，请重新登录' });
      await readHousehold(await stack.tokenFor('county.officer')).expect(200);
    });

    it('a token issued longer ago than the session lifetime is refused, whatever its own expiry', async () => {
      const old = await new SignJWT({ role: 'COUNTY_OFFICER', jurisdiction: '410502' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('demo-county-officer')
        .setIssuer(stack.config.AUTH_ISSUER)
        .setAudience(stack.config.AUTH_AUDIENCE)
        .setIssuedAt(Math.floor(Date.now() / 1000) - (stack.config.AUTH_SESSION_MAX_MINUTES + 1) * 60)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(stack.config.AUTH_JWT_SECRET!));
      expect((await readHousehold(old).expect(401)).body.code).toBe('SESSION_TOO_OLD');
    });

    it('after AUTH_LOCKOUT_FAILURES forged tokens the client’s failed attempts are refused (429); a valid token still works', async () => {
      const forged = `${tokens['county.officer']!.slice(0, -4)}AAAA`;
      const statuses: number[] = [];
      for (let i = 0; i < stack.config.AUTH_LOCKOUT_FAILURES; i++) statuses.push((await readHousehold(forged)).status);
      // The failure that reaches the limit is already refused as locked.
      expect(statuses).toEqual([...Array<number>(stack.config.AUTH_LOCKOUT_FAILURES - 1).fill(401), 429]);
      const locked = await readHousehold(forged).expect(429);
      expect(locked.body).toMatchObject({ code: 'LOGIN_LOCKED', message: expect.stringMatching(/请 \d+ 分钟后再试/) });
      // The demo sign-in of an unknown user is a failed sign-in too, refused while locked.
      await http.post('/api/v1/dev/tokens').send({ username: 'no.such.user' }).expect(429);
      await readHousehold(tokens['township.caseworker']!).expect(200);
    });
  });
});

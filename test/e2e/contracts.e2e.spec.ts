import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';
import { household as factsOf, member, monthly } from '../unit/policy/fixtures';

// The API's contracts through HTTP on the real stack (PostgreSQL, Temporal dev server, worker):
// an Idempotency-Key names one request on every endpoint that takes one.

const TOWNSHIP = '410502002';
const VILLAGE = '410502002001';
/** A fund no emergency payment of these tests touches. */
const FUND = '410502001';
const facts = factsOf({ members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })], income: monthly('p1', 'WAGE', 600) });
const consent = { economicCheck: true, truthfulnessPromise: true };

describe('API contracts (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['village.assistant', 'township.caseworker', 'county.officer', 'county.supervisor', 'department.liaison', 'administrator', 'auditor']) tokens[u] = await stack.tokenFor(u);
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  /** A household of its own, so that no other test's open application stands in the way. */
  async function newHousehold(): Promise<string> {
    const id = randomUUID();
    await stack.prisma.household.create({ data: { id, divisionCode: VILLAGE, area: 'RURAL', address: '宝莲寺镇前进村', createdBy: 'test' } });
    return id;
  }
  const application = (householdId: string, overrides: Record<string, unknown> = {}) => ({ householdId, category: 'MINIMUM_LIVING', channel: 'ON_BEHALF', facts, consent, ...overrides });
  const emergency = (overrides: Record<string, unknown> = {}) => ({
    townshipCode: TOWNSHIP, applicant: { name: '赵某某', idNumber: '410502199001011236' }, area: 'RURAL', kind: 'SUDDEN', amount: 500, description: '家中失火，生活无着', ...overrides,
  });
  const reused = expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('Idempotency-Key') });

  describe('Idempotency-Key', () => {
    it('applications: same key and body (in any key order) returns the first result; another body under the key is 422 and writes nothing', async () => {
      const householdId = await newHousehold();
      const key = `app-${randomUUID()}`;
      const first = await http.post('/api/v1/applications').set(as('village.assistant')).set('Idempotency-Key', key).send(application(householdId)).expect(201);
      // the same request with its keys in another order is the same request
      const reordered = Object.fromEntries(Object.entries(application(householdId)).reverse());
      const again = await http.post('/api/v1/applications').set(as('village.assistant')).set('Idempotency-Key', key).send(reordered).expect(200);
      expect(again.body.id).toBe(first.body.id);

      const before = await stack.prisma.application.count();
      const other = await http.post('/api/v1/applications').set(as('village.assistant')).set('Idempotency-Key', key).send(application(householdId, { channel: 'SELF' })).expect(422);
      expect(other.body).toEqual(reused);
      expect(other.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await stack.prisma.application.count()).toBe(before);
    });

    it('emergency aid: another body under the same key is 422, the same body returns the first case', async () => {
      const key = `emg-${randomUUID()}`;
      const first = await http.post('/api/v1/emergency-aid').set(as('township.caseworker')).set('Idempotency-Key', key).send(emergency()).expect(201);
      const again = await http.post('/api/v1/emergency-aid').set(as('township.caseworker')).set('Idempotency-Key', key).send(emergency()).expect(201);
      expect(again.body.id).toBe(first.body.id);
      const before = await stack.prisma.emergencyCase.count();
      const other = await http.post('/api/v1/emergency-aid').set(as('township.caseworker')).set('Idempotency-Key', key).send(emergency({ amount: 600 })).expect(422);
      expect(other.body).toEqual(reused);
      expect(await stack.prisma.emergencyCase.count()).toBe(before);
    });

    it('reserve-fund top-ups: the same request moves the balance once; another amount, township or endpoint under the key is 422', async () => {
      const key = `top-${randomUUID()}`;
      const balance = async (t: string) => (await http.get(`/api/v1/reserve-funds/${t}`).set(as('county.officer')).expect(200)).body.balance as number;
      const start = await balance(FUND);
      const first = await http.post(`/api/v1/reserve-funds/${FUND}/top-ups`).set(as('county.officer')).set('Idempotency-Key', key).send({ amount: 100, reason: '县财政拨付' }).expect(201);
      expect(first.body.moved).toBe(true);
      const again = await http.post(`/api/v1/reserve-funds/${FUND}/top-ups`).set(as('county.officer')).set('Idempotency-Key', key).send({ reason: '县财政拨付', amount: 100 }).expect(201);
      expect(again.body).toMatchObject({ moved: false, entryId: first.body.entryId });
      expect((await http.post(`/api/v1/reserve-funds/${FUND}/top-ups`).set(as('county.officer')).set('Idempotency-Key', key).send({ amount: 200, reason: '县财政拨付' }).expect(422)).body).toEqual(reused);
      expect((await http.post(`/api/v1/reserve-funds/${TOWNSHIP}/top-ups`).set(as('county.officer')).set('Idempotency-Key', key).send({ amount: 100, reason: '县财政拨付' }).expect(422)).body).toEqual(reused);
      expect(await balance(FUND)).toBe(start + 100);

      // a key names one request across endpoints too
      const householdId = await newHousehold();
      const appKey = `cross-${randomUUID()}`;
      await http.post('/api/v1/applications').set(as('county.officer')).set('Idempotency-Key', appKey).send(application(householdId)).expect(201);
      expect((await http.post(`/api/v1/reserve-funds/${FUND}/top-ups`).set(as('county.officer')).set('Idempotency-Key', appKey).send({ amount: 100, reason: '县财政拨付' }).expect(422)).body).toEqual(reused);
      expect(await balance(FUND)).toBe(start + 100);
    });

    it('racing retries of one top-up move the balance once', async () => {
      const key = `race-${randomUUID()}`;
      const before = await stack.prisma.reserveFundEntry.count();
      const results = await Promise.all([1, 2, 3].map(() => http.post(`/api/v1/reserve-funds/${FUND}/top-ups`).set(as('county.officer')).set('Idempotency-Key', key).send({ amount: 1, reason: '县财政拨付' })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(results.filter((r) => r.body.moved)).toHaveLength(1);
      expect(await stack.prisma.reserveFundEntry.count()).toBe(before + 1);
    });

    it('refuses a malformed key with 400 naming the header', async () => {
      const res = await http.post(`/api/v1/reserve-funds/${TOWNSHIP}/top-ups`).set(as('county.officer')).set('Idempotency-Key', 'short').send({ amount: 1, reason: 'x' }).expect(400);
      expect(res.body.errors[0].path).toBe('header.Idempotency-Key');
    });
  });
});

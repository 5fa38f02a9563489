import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { household, member } from '../unit/policy/fixtures';
import { SEEDED_HOUSEHOLD } from '../support/enrolment';
import { staffDriver } from '../support/staff';
import { startStack, type Stack } from '../support/stack';

// Policy administration through HTTP on the real stack (API, worker, Temporal, PostgreSQL):
// a proposed parameter version is checked field by field, decided by a second person, and
// once approved it is the version a determination dated after its first day uses.

const STANDARD = 'minimum_living.standard';
const NEW_FROM = '2026-12-01';
const DOC = { docNo: '文民〔2026〕18号', title: '关于调整文峰区城市最低生活保障标准的通知', issuedOn: '2026-11-20' };

describe('parameter administration (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['administrator', 'county.supervisor', 'village.assistant', 'township.caseworker'])
      tokens[u] = await stack.tokenFor(u);
    tokens['administrator2'] = await stack.tokenForActor({
      userId: randomUUID(),
      role: 'ADMINISTRATOR',
      jurisdiction: '410500',
    });
    tokens['other.supervisor'] = await stack.tokenForActor({
      userId: randomUUID(),
      role: 'COUNTY_SUPERVISOR',
      jurisdiction: '410503',
    });
  });
  afterAll(() => stack?.stop());

  const propose = (id: string, body: object, user = 'administrator') =>
    http.post(`/api/v1/policy/parameters/${id}/proposals`).set(as(user)).send(body);
  const standard = (over: object = {}) => ({
    value: 1234,
    unit: 'YUAN_PER_PERSON_MONTH',
    validFrom: NEW_FROM,
    division: '410502',
    area: 'URBAN',
    document: DOC,
    article: '第二条',
    ...over,
  });
  const fieldsOf = (res: { body: { errors: Array<{ path: string }> } }) => res.body.errors.map((e) => e.path);

  it('refuses each bad proposal with a field-level Chinese message and stores nothing', async () => {
    const before = await stack.prisma.parameterProposal.count();
    const unit = await propose(STANDARD, standard({ unit: 'YUAN_PER_PERSON_YEAR' })).expect(422);
    expect(unit.body).toMatchObject({ code: 'PARAMETER_PROPOSAL_INVALID' });
    expect(fieldsOf(unit)).toEqual(['unit']);
    expect(unit.body.errors[0].message).toMatch(/单位/);
    const zero = await propose(STANDARD, standard({ value: 0 })).expect(422);
    expect(zero.body.errors).toEqual([expect.objectContaining({ path: 'value', code: 'NOT_POSITIVE' })]);
    const multiplier = await propose('near_minimum.income_multiplier', {
      ...standard({ value: 15, unit: 'RATIO' }),
      area: undefined,
    }).expect(422);
    expect(multiplier.body.errors).toEqual([expect.objectContaining({ path: 'value', code: 'OUT_OF_RANGE' })]);
    const tiers = await propose('minimum_living.payment_tiers', {
      ...standard({
        unit: 'TABLE',
        value: [
          { minGapShare: 0.8, payShare: 1 },
          { minGapShare: 0.4, payShare: 0.6 },
        ],
      }),
      area: undefined,
    }).expect(422);
    expect(tiers.body.errors).toEqual([
      expect.objectContaining({ path: 'value.1.minGapShare', code: 'TIER_COVERAGE' }),
    ]);
    const schema = await propose(STANDARD, standard({ validFrom: '2026-02-30', document: { docNo: '' } })).expect(400);
    expect(fieldsOf(schema)).toEqual(expect.arrayContaining(['validFrom', 'document.docNo', 'document.title']));
    await propose('no.such_parameter', standard()).expect(404);
    await propose(STANDARD, standard(), 'county.supervisor').expect(403); // only an administrator proposes
    expect(await stack.prisma.parameterProposal.count()).toBe(before);
  });

  it('refuses a first day on or before a version a decision already used', async () => {
    const applicationId = randomUUID();
    await stack.prisma.application.create({
      data: {
        id: applicationId,
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'CONFIRMED',
        workflowId: `application-${applicationId}`,
        townshipCode: '410502002',
        countyCode: '410502',
        submittedBy: 'e2e',
        facts: {},
      } as never,
    });
    await stack.prisma.decision.create({
      data: {
        applicationId,
        outcome: 'APPROVED',
        category: 'MINIMUM_LIVING',
        reasons: [],
        explanation: {},
        parameterVersions: [{ id: STANDARD, version: '2024-07', division: '410500', area: 'RURAL' }],
        factsVersion: 1,
        facts: {},
        decidedBy: 'e2e',
        decidedRole: 'COUNTY_OFFICER',
      },
    });
    const res = await propose(
      STANDARD,
      standard({ division: '410500', area: 'RURAL', validFrom: '2024-07-01' }),
    ).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'validFrom', code: 'BEFORE_USED_VERSION' })]);
  });

  it('proposal → four-eyes refusal → approval by the county supervisor → used by a determination dated after it', async () => {
    const proposed = await propose(STANDARD, standard()).expect(201);
    expect(proposed.body).toMatchObject({ status: 'PENDING', version: NEW_FROM, division: '410502' });
    const proposalId = proposed.body.id as string;

    // Listed as pending beside the version in force; the county supervisor has the task.
    const listed = await http
      .get(`/api/v1/policy/parameters?date=${NEW_FROM}&county=410502&area=URBAN`)
      .set(as('township.caseworker'))
      .expect(200);
    expect(listed.body.pending).toEqual([expect.objectContaining({ id: proposalId, status: 'PENDING' })]);
    expect(listed.body.parameters.find((p: { id: string }) => p.id === STANDARD).value).toBe(660);
    const task = await waitForTask(proposalId);
    expect(task).toMatchObject({ type: 'APPROVE_PARAMETER', candidateRole: 'COUNTY_SUPERVISOR', status: 'OPEN' });

    const decide = (user: string, body: object) =>
      http.post(`/api/v1/policy/parameters/proposals/${proposalId}/decision`).set(as(user)).send(body);
    const own = await decide('administrator', { decision: 'APPROVE', reason: '本人提出' }).expect(403);
    expect(own.body).toMatchObject({ code: 'PARAMETER_FOUR_EYES' });
    expect(own.body.message).toMatch(/提出人不能审批/);
    await decide('other.supervisor', { decision: 'APPROVE', reason: '他县' }).expect(403);
    await decide('township.caseworker', { decision: 'APPROVE', reason: '无权' }).expect(403);
    const noReason = await decide('county.supervisor', { decision: 'APPROVE', reason: ' ' }).expect(400);
    expect(fieldsOf(noReason)).toEqual(['reason']);

    const approved = await decide('county.supervisor', {
      decision: 'APPROVE',
      reason: '经县政府常务会议研究同意',
    }).expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', decisionReason: '经县政府常务会议研究同意' });
    await decide('administrator2', { decision: 'REJECT', reason: '再次审批' }).expect(409);
    const version = await stack.prisma.parameterVersion.findFirstOrThrow({ where: { proposalId } });
    expect(version).toMatchObject({ origin: 'APPROVED', value: 1234, validFrom: NEW_FROM, division: '410502' });
    expect(
      await stack.prisma.auditLog.count({ where: { action: 'PARAMETER_VERSION_APPROVED', targetId: version.id } }),
    ).toBe(1);
    expect((await waitForTask(proposalId, 'DONE')).outcome).toBe('APPROVED');

    // In force from its first day (the API's store read it at once); the day before keeps the old one.
    const inForce = async (date: string) =>
      (
        await http
          .get(`/api/v1/policy/parameters?date=${date}&county=410502&area=URBAN`)
          .set(as('township.caseworker'))
          .expect(200)
      ).body.parameters.find((p: { id: string }) => p.id === STANDARD);
    expect(await inForce(NEW_FROM)).toMatchObject({
      value: 1234,
      version: NEW_FROM,
      source: expect.stringContaining(DOC.docNo),
    });
    expect((await inForce('2026-11-30')).value).toBe(660);

    const history = await http
      .get(`/api/v1/policy/parameters/${STANDARD}/history`)
      .set(as('township.caseworker'))
      .expect(200);
    const urbanCity = history.body.versions.filter((v: { division: string; area: string }) => v.area === 'URBAN');
    expect(urbanCity.map((v: { version: string; origin: string }) => [v.version, v.origin])).toEqual(
      expect.arrayContaining([
        ['2024-07', 'SHIPPED'],
        [NEW_FROM, 'APPROVED'],
      ]),
    );
    expect(history.body.proposals).toEqual([expect.objectContaining({ id: proposalId, status: 'APPROVED' })]);

    // A determination dated after the first day, through the worker: its explanation cites the new version.
    const facts = household({
      applicationDate: '2026-12-02',
      members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
    });
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .send({
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    const caseId = submitted.body.id as string;
    const staff = staffDriver(http, as);
    const ok = (r: { status: number }) => expect(r.status).toBe(200);
    await staff.complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' }).then(ok);
    await staff
      .investigate('township.caseworker', caseId, {
        action: 'recordHomeVisit',
        investigators: ['李调查', '王调查'],
        findings: '家中无大额财产',
        signedByHousehold: true,
      })
      .then(ok);
    const review = await staff.stageOf(caseId, 'REVIEW');
    const used = JSON.stringify(review.explanation);
    expect(used).toContain('1234.00');
    expect(review.explanation.parametersUsed).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: STANDARD, version: NEW_FROM, division: '410502' })]),
    );
  });

  it('a rejection closes the proposal with its reason and writes no version', async () => {
    const proposed = await propose('destitute.support_multiplier', {
      ...standard({ value: 1.5, unit: 'RATIO', validFrom: '2027-01-01' }),
      division: '410500',
      area: undefined,
    }).expect(201);
    const id = proposed.body.id as string;
    await waitForTask(id);
    // A city value: the county supervisor may not decide it.
    await http
      .post(`/api/v1/policy/parameters/proposals/${id}/decision`)
      .set(as('county.supervisor'))
      .send({ decision: 'APPROVE', reason: '同意' })
      .expect(403);
    const rejected = await http
      .post(`/api/v1/policy/parameters/proposals/${id}/decision`)
      .set(as('administrator2'))
      .send({ decision: 'REJECT', reason: '文件尚未印发' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', decisionReason: '文件尚未印发' });
    expect(await stack.prisma.parameterVersion.count({ where: { proposalId: id } })).toBe(0);
  });

  async function waitForTask(proposalId: string, status = 'OPEN') {
    for (let i = 0; i < 200; i++) {
      const t = await stack.prisma.task.findFirst({ where: { caseId: proposalId, type: 'APPROVE_PARAMETER' } });
      if (t && t.status === status) return t;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${status} APPROVE_PARAMETER task for ${proposalId}`);
  }
});

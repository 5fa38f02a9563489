import request from 'supertest';
import { cstDate } from '../../src/core/clock';
import { ANYANG_COUNTY_CODES } from '../../src/core/contracts/household-facts';
import { outreachRoundScheduleId } from '../../src/core/contracts/outreach';
import { outreachRoundWorkflow } from '../../workflows/outreach-round.workflow';
import { outreachHousehold } from '../support/outreach';
import { startStack, type Stack } from '../support/stack';

// Outreach visits and random surveys (plan 二(三)3) through HTTP on the real stack: the daily
// round's Schedules exist per county; a round opens the village assistant's visit task for a
// household with a disabled member; a visit recorded with RAISE_WARNING starts a class (b)
// warning the warnings list shows; the assistant of another village is refused; a survey
// drawn twice with the same seed gives the same sample, and bad surveys are refused by field.

const VILLAGE = '410502002001';
const OTHER_VILLAGE = '410502002002';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outreach visits and random surveys (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  let household: Awaited<ReturnType<typeof outreachHousehold>>;
  let taskId: string;

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['village.assistant', 'township.caseworker', 'county.officer', 'county.supervisor', 'auditor'])
      tokens[u] = await stack.tokenFor(u);
    tokens['other.assistant'] = await stack.tokenForActor({
      userId: 'e2e-village-assistant-2',
      role: 'VILLAGE_ASSISTANT',
      jurisdiction: OTHER_VILLAGE,
    });
    tokens['other.supervisor'] = await stack.tokenForActor({
      userId: 'e2e-county-supervisor-410503',
      role: 'COUNTY_SUPERVISOR',
      jurisdiction: '410503',
    });
    household = await outreachHousehold(stack.prisma, VILLAGE, { disabilityType: 'PHYSICAL' });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('each county has its daily outreach round as a Schedule created at boot', async () => {
    // Created at boot without holding it up: a moment may pass before the last one exists.
    const described = async (county: string) => {
      for (let i = 0; ; i++) {
        try {
          return await stack.temporal.client.schedule.getHandle(outreachRoundScheduleId(county)).describe();
        } catch (e) {
          if (i >= 50) throw e;
          await sleep(100);
        }
      }
    };
    for (const county of ANYANG_COUNTY_CODES) {
      const d = await described(county);
      expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'outreachRoundWorkflow' });
      expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 4, end: 4, step: 1 }] });
    }
  });

  it("a round opens the village assistant's visit task for a priority household, once", async () => {
    const run = () =>
      stack.temporal.client.workflow.execute(outreachRoundWorkflow, {
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        workflowId: `outreach-round-e2e-${Date.now()}`,
        args: [{ countyCode: '410502' }],
      });
    const first = await run();
    expect(first.opened).toBeGreaterThanOrEqual(1);
    const res = await http
      .get(`/api/v1/tasks?type=OUTREACH_VISIT&caseId=${household.householdId}`)
      .set(as('village.assistant'))
      .expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ type: 'OUTREACH_VISIT', status: 'OPEN', caseKind: 'HOUSEHOLD' });
    taskId = res.body.items[0].id;
    expect(await run()).toMatchObject({ opened: 0 });
    expect(await stack.prisma.task.count({ where: { type: 'OUTREACH_VISIT', caseId: household.householdId } })).toBe(1);
  });

  it('refuses the assistant of another village (403), the county supervisor (403) and a bad record (400, by field)', async () => {
    const visit = {
      action: 'recordOutreachVisit',
      outcome: 'NO_CHANGE',
      visitedOn: cstDate(new Date().toISOString()),
      findings: '家中无人',
    };
    const other = await http.post(`/api/v1/tasks/${taskId}/complete`).set(as('other.assistant')).send(visit);
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/辖区/);
    await http.post(`/api/v1/tasks/${taskId}/complete`).set(as('county.supervisor')).send(visit).expect(403);
    const bad = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('village.assistant'))
      .send({ ...visit, visitedOn: '2999-01-01', findings: '' })
      .expect(400);
    const paths = (bad.body.errors as Array<{ path: string; message: string }>).map((e) => [e.path, e.message]);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['visitedOn', '走访日期不能晚于今天'],
        ['findings', '须填写走访情况'],
      ]),
    );
    const notMember = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('village.assistant'))
      .send({
        ...visit,
        outcome: 'RAISE_WARNING',
        changes: '户主失业',
        memberId: '00000000-0000-4000-8000-000000000099',
      })
      .expect(400);
    expect(notMember.body.errors).toEqual([
      expect.objectContaining({ path: 'memberId', message: '不是本户登记的成员' }),
    ]);
    const enrolledOnly = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('village.assistant'))
      .send({ ...visit, outcome: 'CHANGE_REPORT', changes: '户主失业', change: 'INCOME_CHANGE' })
      .expect(409);
    expect(enrolledOnly.body.message).toContain('没有在保的救助案件');
    expect(await stack.prisma.outreachVisit.count()).toBe(0);
  });

  it('a visit recorded with RAISE_WARNING starts a class (b) warning the warnings list shows', async () => {
    const visitedOn = cstDate(new Date().toISOString());
    const res = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('village.assistant'))
      .send({
        action: 'recordOutreachVisit',
        outcome: 'RAISE_WARNING',
        visitedOn,
        findings: '户主因病卧床，家中无稳定收入',
        changes: '户主今年确诊重病，已停工',
        memberId: household.memberId,
      })
      .expect(200);
    expect(res.body).toMatchObject({ taskId, outcome: 'RAISE_WARNING', kind: 'ROUTINE' });
    const warningId = res.body.warningId as string;
    expect(warningId).toBeTruthy();

    let listed: { id: string; warningClass: string; source: string; sourceName: string; stage: string } | undefined;
    for (let i = 0; i < 100 && listed?.stage !== 'VERIFICATION'; i++) {
      const list = await http
        .get('/api/v1/warnings?warningClass=NOT_COVERED')
        .set(as('township.caseworker'))
        .expect(200);
      listed = (list.body.items as (typeof listed)[]).find((w) => w?.id === warningId);
      if (listed?.stage !== 'VERIFICATION') await sleep(100);
    }
    expect(listed).toMatchObject({ source: 'OUTREACH_VISIT', sourceName: '走访', stage: 'VERIFICATION' });

    const visits = await http
      .get(`/api/v1/households/${household.householdId}/outreach-visits`)
      .set(as('village.assistant'))
      .expect(200);
    expect(visits.body.items).toEqual([
      expect.objectContaining({ kind: 'ROUTINE', visitedOn, outcome: 'RAISE_WARNING', warningId, surveyId: null }),
    ]);
    await http
      .get(`/api/v1/households/${household.householdId}/outreach-visits`)
      .set(as('other.assistant'))
      .expect(403);
    // Recorded in one transaction with its audit row; the task is done, a second record refused.
    expect(
      await stack.prisma.auditLog.count({
        where: { action: 'OUTREACH_VISIT_RECORDED', targetId: household.householdId },
      }),
    ).toBe(1);
    await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('village.assistant'))
      .send({ action: 'recordOutreachVisit', outcome: 'NO_CHANGE', visitedOn, findings: '复访' })
      .expect(409);
  });

  it('a survey with a seed draws the same sample twice; the seed is stored and shown', async () => {
    const body = { scope: '410502002', sampleSize: 2, seed: 'anyang-2026-12' };
    const first = await http.post('/api/v1/monitoring/surveys').set(as('county.supervisor')).send(body).expect(201);
    const second = await http.post('/api/v1/monitoring/surveys').set(as('county.supervisor')).send(body).expect(201);
    const sample = (s: { households: Array<{ householdId: string }> }) => s.households.map((h) => h.householdId);
    expect(first.body).toMatchObject({ seed: 'anyang-2026-12', sampleSize: 2, visited: 0 });
    expect(sample(second.body)).toEqual(sample(first.body));
    expect(new Set(sample(first.body)).size).toBe(2);
    for (const h of first.body.households) {
      expect(h.villageCode.startsWith('410502002')).toBe(true);
      expect(h.taskId).toBeTruthy();
    }
    expect(JSON.stringify(first.body)).not.toMatch(/name|测试成员/);
    // The second draw found the first's tasks open: no second visit task per household.
    expect(second.body.households.map((h: { taskId: string }) => h.taskId)).toEqual(
      first.body.households.map((h: { taskId: string }) => h.taskId),
    );

    const got = await http.get(`/api/v1/monitoring/surveys/${first.body.id}`).set(as('county.officer')).expect(200);
    expect(got.body).toMatchObject({ id: first.body.id, seed: 'anyang-2026-12', visited: 0 });
    // The first drawn household visited: its visit is of kind SURVEY and counts for the survey.
    const drawn = first.body.households[0] as { householdId: string; villageCode: string; taskId: string };
    const assistant = drawn.villageCode === VILLAGE ? 'village.assistant' : 'other.assistant';
    const visitedOn = cstDate(new Date().toISOString());
    await http
      .post(`/api/v1/tasks/${drawn.taskId}/complete`)
      .set(as(assistant))
      .send({ action: 'recordOutreachVisit', outcome: 'NO_CHANGE', visitedOn, findings: '家庭情况稳定' })
      .expect(200);
    const after = await http.get(`/api/v1/monitoring/surveys/${first.body.id}`).set(as('auditor')).expect(200);
    expect(after.body.visited).toBe(1);
    expect(after.body.households[0]).toMatchObject({ visitedOn, outcome: 'NO_CHANGE' });
    const visits = await http
      .get(`/api/v1/households/${drawn.householdId}/outreach-visits`)
      .set(as('township.caseworker'))
      .expect(200);
    expect(visits.body.items[0]).toMatchObject({ kind: 'SURVEY', surveyId: first.body.id, outcome: 'NO_CHANGE' });

    const unseeded = await http
      .post('/api/v1/monitoring/surveys')
      .set(as('county.supervisor'))
      .send({ scope: '410502', sampleSize: 1 })
      .expect(201);
    expect(unseeded.body.seed).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses bad surveys: empty scope, a size larger than the scope, malformed fields (400, Chinese by field), other roles (403)', async () => {
    const post = (user: string, body: object) => http.post('/api/v1/monitoring/surveys').set(as(user)).send(body);
    const errorsOf = (res: request.Response) =>
      (res.body.errors as Array<{ path: string; message: string }>).map((e) => [e.path, e.message]);

    const empty = await post('other.supervisor', { scope: '410503', sampleSize: 1 }).expect(400);
    expect(errorsOf(empty)).toEqual([['scope', '该区划内没有登记的家庭，无法抽样']]);
    const tooBig = await post('county.supervisor', { scope: '410502002', sampleSize: 1000 }).expect(400);
    expect(errorsOf(tooBig)[0]![0]).toBe('sampleSize');
    expect(errorsOf(tooBig)[0]![1]).toMatch(/^抽样户数不能超过该区划登记的家庭数（\d+ 户）$/);
    const malformed = await post('county.supervisor', { scope: '4105', sampleSize: 0, seed: '种子' }).expect(400);
    expect(errorsOf(malformed)).toEqual(
      expect.arrayContaining([
        ['scope', '须为 6 位县级或 9 位乡镇区划代码'],
        ['sampleSize', '至少抽取 1 户'],
        ['seed', '须为 1–64 位字母、数字、下划线或连字符'],
      ]),
    );
    await post('county.officer', { scope: '410502', sampleSize: 1 }).expect(403);
    await post('county.supervisor', { scope: '410503', sampleSize: 1 }).expect(403);
    expect(await stack.prisma.outreachSurvey.count({ where: { scopeCode: { in: ['410503', '4105'] } } })).toBe(0);
  });
});

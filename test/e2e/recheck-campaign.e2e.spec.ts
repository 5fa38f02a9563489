import request from 'supertest';
import { seedEnrolledCases, untilRecheckPlanned } from '../../bench/support/enrolled-cases';
import { annualCampaignScheduleId, campaignLane } from '../../src/core/contracts/recheck-campaign';
import { startStack, type Stack } from '../support/stack';

// Recheck campaigns through HTTP on the dev server with a real worker: enrolled cases seeded
// as enrolment leaves them (their workflows running), a campaign over one county and
// category, its progress, the refusals, and the yearly Schedule triggered once.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

interface Campaign {
  id: string;
  status: string;
  scheduleId: string | null;
  progress: { selected: number; signalled: number; skipped: number; rechecksStarted: number; rechecksDecided: number };
}

describe('recheck campaigns (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  let minimumLiving: string[] = [];
  let destitute: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['township.caseworker', 'county.officer', 'county.supervisor']) tokens[u] = await stack.tokenFor(u);
    const seed = { prisma: stack.prisma, client: stack.temporal.client, taskQueue: stack.config.TEMPORAL_TASK_QUEUE };
    // 文峰区: four 低保 cases and two 特困; 北关区: two 低保 (another county, never selected).
    const wenfeng = await seedEnrolledCases({
      ...seed,
      count: 6,
      villages: ['410502001001', '410502002001', '410502002002'],
      categories: ['MINIMUM_LIVING', 'MINIMUM_LIVING', 'DESTITUTE'],
    });
    const beiguan = await seedEnrolledCases({
      ...seed,
      count: 2,
      villages: ['410503001001'],
      categories: ['MINIMUM_LIVING'],
    });
    await untilRecheckPlanned(stack.prisma, [...wenfeng, ...beiguan], 60_000);
    minimumLiving = wenfeng.filter((_, i) => i % 3 !== 2);
    destitute = wenfeng.filter((_, i) => i % 3 === 2);
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const window = () => ({ dueFrom: day(0), dueTo: day(400) });

  async function campaignUntil(id: string, ok: (c: Campaign) => boolean, timeoutMs = 30_000): Promise<Campaign> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const c = (await http.get(`/api/v1/recheck-campaigns/${id}`).set(as('county.officer')).expect(200))
        .body as Campaign;
      if (ok(c)) return c;
      if (Date.now() > until) throw new Error(`campaign stayed ${JSON.stringify(c)}`);
      await sleep(150);
    }
  }

  it('refuses bad input field by field, another county (403) and other roles (403)', async () => {
    const bad = await http
      .post('/api/v1/recheck-campaigns')
      .set(as('county.officer'))
      .send({ countyCode: '4105', categories: [], dueFrom: '2027-02-30', dueTo: day(0), ratePerSecond: 0 })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'categories',
      'countyCode',
      'dueFrom',
      'ratePerSecond',
    ]);
    const backwards = await http
      .post('/api/v1/recheck-campaigns')
      .set(as('county.officer'))
      .send({ countyCode: '410502', categories: ['MINIMUM_LIVING'], dueFrom: day(10), dueTo: day(0) })
      .expect(400);
    expect(backwards.body.errors).toEqual([
      expect.objectContaining({ path: 'dueTo', message: '截止日期不能早于开始日期' }),
    ]);

    const elsewhere = await http
      .post('/api/v1/recheck-campaigns')
      .set(as('county.officer'))
      .send({ countyCode: '410503', categories: ['MINIMUM_LIVING'], ...window() })
      .expect(403);
    expect(elsewhere.body.code).toBe('OUT_OF_JURISDICTION');
    const caseworker = await http
      .post('/api/v1/recheck-campaigns')
      .set(as('township.caseworker'))
      .send({ countyCode: '410502', categories: ['MINIMUM_LIVING'], ...window() })
      .expect(403);
    expect(caseworker.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(await stack.prisma.recheckCampaign.count()).toBe(0);
  });

  it('a campaign over 文峰区 低保: every matching case rechecked once, a suspended one on resumption; a duplicate while it runs is 409 naming it', async () => {
    // One case suspended first: it hears the campaign but rechecks only when resumed.
    const [suspended, ...others] = minimumLiving;
    await http
      .post(`/api/v1/enrolled-cases/${suspended}/suspend`)
      .set(as('county.supervisor'))
      .send({ reason: '待核实家庭情况' })
      .expect(200);

    const body = { countyCode: '410502', categories: ['MINIMUM_LIVING'], ...window(), ratePerSecond: 2 };
    // The campaign lane held: the campaign is RUNNING and stays so until the lane is back, however fast the machine.
    await stack.campaignLane.stop();
    const started = await http.post('/api/v1/recheck-campaigns').set(as('county.officer')).send(body).expect(202);
    expect(started.body).toMatchObject({
      status: 'RUNNING',
      statusName: '进行中',
      countyCode: '410502',
      categories: ['MINIMUM_LIVING'],
      ratePerSecond: 2,
    });
    const id = started.body.id as string;
    const duplicate = await http.post('/api/v1/recheck-campaigns').set(as('county.officer')).send(body).expect(409);
    expect(duplicate.body).toMatchObject({ code: 'CAMPAIGN_ALREADY_RUNNING' });
    expect(duplicate.body.message).toContain(id);
    expect(
      (await http.get(`/api/v1/recheck-campaigns/${id}`).set(as('county.officer')).expect(200)).body,
    ).toMatchObject({ status: 'RUNNING', progress: { selected: 0, signalled: 0 } });
    await stack.campaignLane.start();

    const done = await campaignUntil(id, (c) => c.status === 'COMPLETED' && c.progress.rechecksStarted === 3);
    expect(done.progress).toMatchObject({ selected: 4, signalled: 4, skipped: 0, rechecksStarted: 3 });
    // The campaign ran on its own lane, the rechecks it started on the main queue.
    const lane = campaignLane(stack.config.TEMPORAL_TASK_QUEUE);
    expect(
      (await stack.temporal.client.workflow.getHandle(started.body.workflowId as string).describe()).taskQueue,
    ).toBe(lane);
    const rechecks = await stack.prisma.recheck.findMany({ where: { campaignId: id } });
    expect((await stack.temporal.client.workflow.getHandle(rechecks[0]!.workflowId).describe()).taskQueue).toBe(
      stack.config.TEMPORAL_TASK_QUEUE,
    );
    expect(rechecks.map((r) => r.enrolledCaseId).sort()).toEqual([...others].sort());
    expect(new Set(rechecks.map((r) => r.reason))).toEqual(new Set(['CAMPAIGN']));
    // The 特困 cases and the other county were not asked.
    expect(await stack.prisma.recheck.count({ where: { enrolledCaseId: { in: destitute } } })).toBe(0);

    await http
      .post(`/api/v1/enrolled-cases/${suspended}/resume`)
      .set(as('county.supervisor'))
      .send({ reason: '核实无误' })
      .expect(200);
    const resumed = await campaignUntil(id, (c) => c.progress.rechecksStarted === 4);
    expect(resumed.progress.rechecksStarted).toBe(4);
    const audit = await stack.prisma.auditLog.findMany({ where: { targetId: id }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['RECHECK_CAMPAIGN_STARTED', 'RECHECK_CAMPAIGN_COMPLETED']);

    // Once it is over the same campaign may run again; the cases rechecking now start nothing new.
    const again = await http
      .post('/api/v1/recheck-campaigns')
      .set(as('county.officer'))
      .send({ ...body, ratePerSecond: 50 })
      .expect(202);
    const second = await campaignUntil(again.body.id, (c) => c.status === 'COMPLETED');
    expect(second.progress).toMatchObject({ selected: 4, signalled: 4, rechecksStarted: 0 });
    const listed = await http.get('/api/v1/recheck-campaigns?county=410502').set(as('county.supervisor')).expect(200);
    expect(listed.body.map((c: { id: string }) => c.id)).toEqual([again.body.id, id]);
  });

  it('the yearly campaign as a Temporal Schedule: created, shown, triggered once (特困), deleted', async () => {
    const put = await http
      .put('/api/v1/recheck-campaign-schedules/410502')
      .set(as('county.officer'))
      .send({ categories: ['DESTITUTE'], month: 1, day: 5, windowDays: 400, ratePerSecond: 20 })
      .expect(200);
    expect(put.body).toMatchObject({
      scheduleId: annualCampaignScheduleId('410502'),
      categories: ['DESTITUTE'],
      windowDays: 400,
    });
    // 01:00 Beijing time on 5 January is 17:00 UTC on 4 January.
    expect(put.body.nextRunAt[0]).toMatch(/-01-04T17:00:00\.000Z$/);
    const badDay = await http
      .put('/api/v1/recheck-campaign-schedules/410502')
      .set(as('county.officer'))
      .send({ categories: ['DESTITUTE'], month: 2, day: 30 })
      .expect(400);
    expect(badDay.body.errors.map((e: { path: string }) => e.path)).toEqual(['day']);

    await stack.temporal.client.schedule.getHandle(annualCampaignScheduleId('410502')).trigger();
    let campaign: { id: string } | undefined;
    for (let i = 0; i < 100 && !campaign; i++) {
      campaign =
        (await stack.prisma.recheckCampaign.findFirst({
          where: { scheduleId: annualCampaignScheduleId('410502') },
          select: { id: true },
        })) ?? undefined;
      if (!campaign) await sleep(100);
    }
    const done = await campaignUntil(campaign!.id, (c) => c.status === 'COMPLETED' && c.progress.rechecksStarted === 2);
    expect(done).toMatchObject({
      scheduleId: annualCampaignScheduleId('410502'),
      progress: { selected: 2, signalled: 2, rechecksStarted: 2 },
    });
    const rechecked = await stack.prisma.recheck.findMany({
      where: { campaignId: campaign!.id },
      select: { enrolledCaseId: true },
    });
    expect(rechecked.map((r) => r.enrolledCaseId).sort()).toEqual([...destitute].sort());

    await http.delete('/api/v1/recheck-campaign-schedules/410502').set(as('county.officer')).expect(204);
    expect(
      (await http.get('/api/v1/recheck-campaign-schedules/410502').set(as('county.officer')).expect(404)).body.code,
    ).toBe('NOT_FOUND');
  });

  it('a campaign whose workflow an operator terminated shows as STOPPED (audited) and no longer blocks the same campaign', async () => {
    // The campaign lane held: the workflow is certainly still running when the operator terminates it.
    const body = { countyCode: '410502', categories: ['MINIMUM_LIVING'], ...window(), ratePerSecond: 1 };
    await stack.campaignLane.stop();
    const started = await http.post('/api/v1/recheck-campaigns').set(as('county.officer')).send(body).expect(202);
    const id = started.body.id as string;
    await stack.temporal.client.workflow.getHandle(started.body.workflowId as string).terminate('运维人员终止（测试）');
    await stack.campaignLane.start();

    const stopped = (await http.get(`/api/v1/recheck-campaigns/${id}`).set(as('county.officer')).expect(200))
      .body as Campaign;
    expect(stopped).toMatchObject({ status: 'STOPPED', statusName: '已中止', finishedAt: expect.any(String) });
    const audit = await stack.prisma.auditLog.findMany({ where: { targetId: id, action: 'RECHECK_CAMPAIGN_STOPPED' } });
    expect(audit.map((a) => a.details)).toEqual([{ workflowStatus: 'TERMINATED' }]);

    const again = await http
      .post('/api/v1/recheck-campaigns')
      .set(as('county.officer'))
      .send({ ...body, ratePerSecond: 50 })
      .expect(202);
    expect(again.body.id).not.toBe(id);
    await campaignUntil(again.body.id as string, (c) => c.status === 'COMPLETED');
  });
});

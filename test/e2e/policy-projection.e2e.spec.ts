import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { cstDate } from '../../src/core/clock';
import { enrolledCaseStateQuery } from '../../src/core/messages';
import { plusMonths } from '../../src/core/months';
import { enrolledCaseWorkflowId } from '../../src/core/workflow-ids';
import { enrolledCaseWorkflow } from '../../workflows/enrolled-case.workflow';
import { freshHousehold } from '../support/households';
import { startStack, type Stack } from '../support/stack';
import { household, member, monthly } from '../unit/policy/fixtures';

// The policy projection through HTTP on the real stack: a stable 低保 case of 北关区 (410503)
// with its workflow running is projected 3 years ahead (yearly rechecks, the first on the
// workflow's own timer); roles, jurisdiction, bad input, unknown and ended cases are refused.

const COUNTY = '410503';
const TOWNSHIP = '410503001';
const VILLAGE = '410503001001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('policy projection (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (u: string) => ({ authorization: `Bearer ${tokens[u]}` });
  let running: string;
  let exited: string;

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    tokens['administrator'] = await stack.tokenFor('administrator');
    const actor = (role: string, jurisdiction: string) =>
      stack.tokenForActor({ userId: randomUUID(), role: role as never, jurisdiction });
    tokens['officer'] = await actor('COUNTY_OFFICER', COUNTY);
    tokens['supervisor'] = await actor('COUNTY_SUPERVISOR', COUNTY);
    tokens['otherOfficer'] = await actor('COUNTY_OFFICER', '410502');
    tokens['caseworker'] = await actor('TOWNSHIP_CASEWORKER', TOWNSHIP);
    running = await enrolled(true);
    exited = await enrolled(false);
  });
  afterAll(() => stack?.stop());

  /** An elderly couple on a basic pension (stable: yearly recheck); its workflow running, or an exited case without one. */
  async function enrolled(withWorkflow: boolean): Promise<string> {
    const householdId = await freshHousehold(stack.prisma, VILLAGE);
    const facts = household({
      residence: { county: COUNTY, area: 'URBAN' },
      members: [
        member('p1', '1950-03-12', { labourCapacity: 'NONE' }),
        member('p2', '1952-07-08', { relation: 'SPOUSE', labourCapacity: 'NONE' }),
      ],
      income: monthly('p1', 'PENSION_BASIC', 400),
    });
    const applicationId = randomUUID();
    await stack.prisma.application.create({
      data: {
        id: applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${applicationId}`,
        townshipCode: TOWNSHIP,
        countyCode: COUNTY,
        submittedBy: 'e2e',
        facts,
      } as never,
    });
    const id = randomUUID();
    const workflowId = enrolledCaseWorkflowId(id);
    await stack.prisma.enrolledCase.create({
      data: {
        id,
        applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 920,
        membersIncluded: ['p1', 'p2'],
        startMonth: '2026-12',
        countyCode: COUNTY,
        workflowId,
        townshipCode: TOWNSHIP,
        villageCode: VILLAGE,
        ...(withWorkflow ? {} : { status: 'EXITED', exitedAt: new Date(), exitReason: '家庭收入超过标准' }),
      },
    });
    if (withWorkflow)
      await stack.temporal.client.workflow.start(enrolledCaseWorkflow, {
        workflowId,
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        args: [
          {
            enrolledCaseId: id,
            applicationId,
            category: 'MINIMUM_LIVING',
            countyCode: COUNTY,
            townshipCode: TOWNSHIP,
            villageCode: VILLAGE,
            monthlyAmount: 920,
            membersIncluded: ['p1', 'p2'],
            startMonth: '2026-12',
          },
        ],
      });
    return id;
  }

  const project = (who: string, body: object) => http.post('/api/v1/policy/projections').set(as(who)).send(body);

  it('projects the yearly rechecks from the workflow’s own timer, each citing its parameter and legal source', async () => {
    const handle = stack.temporal.client.workflow.getHandle(enrolledCaseWorkflowId(running));
    let nextRecheckAt: string | null = null;
    for (let i = 0; i < 240 && !nextRecheckAt; i++) {
      nextRecheckAt = (await handle.query(enrolledCaseStateQuery)).nextRecheckAt;
      if (!nextRecheckAt) await sleep(250);
    }
    expect(nextRecheckAt).not.toBeNull();

    const res = await project('administrator', { enrolledCaseId: running, years: 3 }).expect(200);
    expect(res.body).toMatchObject({ enrolledCaseId: running, years: 3, asOf: cstDate(new Date().toISOString()) });
    const entries = res.body.entries as Array<{
      date: string;
      at: string;
      kind: string;
      label: string;
      parameters: Array<{ id: string; source: string }>;
    }>;
    expect(entries.map((e) => e.kind)).toEqual(['PERIODIC_RECHECK', 'PERIODIC_RECHECK', 'PERIODIC_RECHECK']);
    // The first is the workflow's timer; each next one is 12 months (the stable interval) after the previous.
    expect(entries[0].at).toBe(nextRecheckAt);
    expect(entries[1].at).toBe(new Date(plusMonths(Date.parse(nextRecheckAt!), 12)).toISOString());
    expect(entries[2].at).toBe(new Date(plusMonths(Date.parse(nextRecheckAt!), 24)).toISOString());
    expect(entries[0].date).toBe(cstDate(nextRecheckAt!));
    for (const e of entries) {
      expect(e.label).toBe('定期复核');
      expect(e.parameters).toEqual([
        expect.objectContaining({ id: 'recheck.minimum_living_stable_months', source: expect.stringContaining('《') }),
      ]);
    }
    expect(res.body.assumptions.length).toBeGreaterThan(0);

    // One year ahead lists only the first.
    const one = await project('officer', { enrolledCaseId: running, years: 1 }).expect(200);
    expect(one.body.entries).toHaveLength(1);
    await project('supervisor', { enrolledCaseId: running, years: 1 }).expect(200);
  });

  it('refuses another county’s officer (jurisdiction) and a caseworker (role) with the reason', async () => {
    const other = await project('otherOfficer', { enrolledCaseId: running, years: 2 }).expect(403);
    expect(other.body).toMatchObject({ code: 'OUT_OF_JURISDICTION', message: expect.stringContaining('辖区') });
    const worker = await project('caseworker', { enrolledCaseId: running, years: 2 }).expect(403);
    expect(worker.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('县级民政经办人') });
  });

  it('refuses bad input field by field in Chinese, an unknown case with 404 and an exited case with 409', async () => {
    const bad = await project('administrator', { enrolledCaseId: 'x', years: 11 }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'enrolledCaseId', message: '在保案件编号格式不正确' }),
        expect.objectContaining({ path: 'years', message: '年数须在 1 至 10 之间' }),
      ]),
    );
    const zero = await project('administrator', { enrolledCaseId: running, years: 0 }).expect(400);
    expect(zero.body.errors).toEqual([expect.objectContaining({ path: 'years' })]);
    await project('administrator', { enrolledCaseId: randomUUID(), years: 1 }).expect(404);
    const ended = await project('administrator', { enrolledCaseId: exited, years: 1 }).expect(409);
    expect(ended.body).toMatchObject({ code: 'CASE_EXITED', message: expect.stringContaining('退出保障') });
  });
});

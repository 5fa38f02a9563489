import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { ReferralEventRecord } from '../../src/assistance/referral.activities';
import type { ReferralActing, ReferralCommand, ReferralInput, ReferralState } from '../../src/core/contracts/referral';
import type { TaskClosing, TaskSpec } from '../../src/core/contracts/task';
import type { DueRequest, PlannedDue } from '../../src/core/due';
import { referralActUpdate, referralStateQuery } from '../../src/core/messages';
import { referralWorkflowId } from '../../src/core/workflow-ids';
import { officer } from '../support/actors';
import { recordHistory } from '../support/histories';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the referral workflow on the Java time-skipping server. Its own side effects
// (timeline, case note, next year's referral) are recorded here, as are the task activities; a
// working day counts as a calendar day in this planner, so the due dates are easy to skip to.
// RECORD_HISTORIES=1 keeps the histories for the replay tier.

const QUEUE = 'referral-test';
const COUNTY = '410502';
const DAY = 24 * 60 * 60 * 1000;

const educationLiaison: ReferralActing['actor'] = {
  userId: 'u-edu',
  role: 'DEPARTMENT_LIAISON',
  jurisdiction: COUNTY,
  department: 'EDUCATION',
};
const medicalLiaison: ReferralActing['actor'] = {
  ...educationLiaison,
  userId: 'u-med',
  department: 'MEDICAL_INSURANCE',
};
const otherCountyLiaison: ReferralActing['actor'] = { ...educationLiaison, userId: 'u-edu-2', jurisdiction: '410503' };
const civilAffairs: ReferralActing['actor'] = { ...officer, department: null };

describe('referral workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  const started: Array<{ id: string; file: string }> = [];
  let tasks: TaskSpec[];
  let closed: TaskClosing[];
  let events: ReferralEventRecord[];
  let caseNotes: { enrolledCaseId: string; outcome: string; summary: string }[];
  let renewals: ReferralInput[];

  beforeAll(async () => {
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
  });
  beforeEach(async () => {
    tasks = [];
    closed = [];
    events = [];
    caseNotes = [];
    renewals = [];
    env = await startTimeSkipping();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: {
        planDue: async (req: DueRequest): Promise<PlannedDue> => {
          const days = req.workingDays ?? 3; // time_limit.escalation_response
          return {
            dueAt: new Date(Date.parse(req.from) + days * DAY).toISOString(),
            provisional: false,
            reminderShare: 0.8,
          };
        },
        openTask: async (spec: TaskSpec) => {
          tasks.push(spec);
        },
        closeTask: async (c: TaskClosing) => {
          closed.push(c);
        },
        remindTask: async () => true,
        rescheduleTask: async () => undefined,
        recordReferralEvent: async (r: ReferralEventRecord) => {
          events.push(r);
        },
        noteReferralOnCase: async (n: { enrolledCaseId: string; outcome: string; summary: string }) => {
          caseNotes.push(n);
        },
        openRenewalReferral: async (next: ReferralInput) => {
          renewals.push(next);
          return true;
        },
      },
    });
    running = worker.run();
  });
  afterEach(async () => {
    for (const { id, file } of started)
      await recordHistory(file, () => env.client.workflow.getHandle(id).fetchHistory());
    started.length = 0;
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function eventually<T>(check: () => T | Promise<T>, tries = 400): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await check();
      } catch (error) {
        if (i > tries) throw error;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }
  const state = (h: WorkflowHandle): Promise<ReferralState> => h.query(referralStateQuery);
  const act = (h: WorkflowHandle, actor: ReferralActing['actor'], command: ReferralCommand) =>
    h.executeUpdate(referralActUpdate, { args: [{ actor, requestId: `r-${randomUUID()}`, command }] });
  async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  }

  async function startReferral(file: string, over: Partial<ReferralInput> = {}): Promise<WorkflowHandle> {
    const input: ReferralInput = {
      referralId: randomUUID(),
      origin: 'ENROLMENT',
      countyCode: COUNTY,
      townshipCode: '410502002',
      memberRef: 'm2',
      enrolledCaseId: 'case-1',
      warningId: null,
      entitlement: 'EDUCATION_AID',
      department: 'EDUCATION',
      timeLimitWorkingDays: 20,
      periodicity: 'YEARLY',
      amountRequired: true,
      year: 2026,
      ...over,
    };
    const h = await env.client.workflow.start('referralWorkflow', {
      taskQueue: QUEUE,
      workflowId: referralWorkflowId(input.referralId),
      args: [input],
    });
    started.push({ id: h.workflowId, file: `referral-${file}` });
    await eventually(async () => expect((await state(h)).currentTask).not.toBeNull());
    return h;
  }

  it('overdue: the liaison of the department gets the task, escalates to the county supervisor when overdue, and a delivery closes both', async () => {
    const h = await startReferral('overdue', {
      periodicity: 'ONCE',
      entitlement: 'DISASTER_RELIEF',
      department: 'EDUCATION',
    });
    const task = tasks.find((t) => t.type === 'REFERRAL')!;
    expect(task).toMatchObject({ candidateRole: 'DEPARTMENT_LIAISON', jurisdiction: COUNTY, caseKind: 'REFERRAL' });
    // Another department's liaison, or the same department of another county, cannot act on it.
    expect((await refusal(act(h, medicalLiaison, { action: 'ACCEPT' }))).type).toBe('WRONG_DEPARTMENT');
    expect((await refusal(act(h, otherCountyLiaison, { action: 'ACCEPT' }))).type).toBe('OUT_OF_JURISDICTION');
    await act(h, educationLiaison, { action: 'ACCEPT' });
    await act(h, educationLiaison, { action: 'REQUEST_INFO', question: '请提供受灾情况核实材料' });
    expect((await refusal(act(h, educationLiaison, { action: 'ANSWER_INFO', answer: 'x' }))).type).toBe(
      'ROLE_NOT_ALLOWED',
    );
    await act(h, civilAffairs, { action: 'ANSWER_INFO', answer: '已上传乡镇核灾记录' });
    expect(tasks.some((t) => t.type === 'ESCALATION')).toBe(false);

    await env.sleep(21 * DAY);
    const escalation = await eventually(() => {
      const e = tasks.find((t) => t.type === 'ESCALATION');
      expect(e).toBeDefined();
      return e!;
    });
    expect(escalation).toMatchObject({ escalationKind: 'OVERDUE_STEP', candidateRole: 'COUNTY_SUPERVISOR' });
    expect(escalation.reason).toBe('转介教育部门的救助帮扶事项逾期未反馈');
    expect((await state(h)).overdue).toBe(true);

    // A delivery of an amount-bearing entitlement needs its amount; a decline its reason (schema).
    const noAmount = await refusal(act(h, educationLiaison, { action: 'DELIVER', what: '受灾群众生活救助' }));
    expect(noAmount.type).toBe('VALIDATION_FAILED');
    expect(noAmount.message).toContain('amount：该事项须填写落实金额（元）');
    expect((await state(h)).stage).toBe('ACCEPTED');

    await act(h, educationLiaison, { action: 'DELIVER', what: '受灾群众生活救助', amount: 1500 });
    const final = (await h.result()) as ReferralState;
    expect(final).toMatchObject({
      stage: 'CLOSED',
      outcome: 'DELIVERED',
      delivery: { amount: 1500 },
      nextReferralId: null,
    });
    expect(closed.map((c) => c.taskId)).toEqual(expect.arrayContaining([task.taskId, escalation.taskId]));
    expect(events.map((e) => e.type)).toEqual([
      'OPENED',
      'ACCEPTED',
      'INFO_REQUESTED',
      'INFO_ANSWERED',
      'ESCALATED',
      'DELIVERED',
    ]);
    expect(caseNotes).toEqual([
      {
        referralId: expect.any(String),
        enrolledCaseId: 'case-1',
        outcome: 'DELIVERED',
        summary: '教育部门已落实：受灾群众生活救助 1500 元',
      },
    ]);
    expect(renewals).toEqual([]);
  });

  it('a decline needs its reason only; the referral ends', async () => {
    const h = await startReferral('declined', { enrolledCaseId: null, origin: 'WARNING', warningId: 'w-1' });
    await act(h, educationLiaison, { action: 'DECLINE', reason: '非在校学生，不符合教育救助条件' });
    const final = (await h.result()) as ReferralState;
    expect(final).toMatchObject({ outcome: 'DECLINED', declineReason: '非在校学生，不符合教育救助条件' });
    expect(caseNotes).toEqual([]);
    expect(tasks.some((t) => t.type === 'ESCALATION')).toBe(false);
  });

  it('employment: a placement travels with the delivery to the timeline and the case note; only an employment referral takes one', async () => {
    const hr: ReferralActing['actor'] = { ...educationLiaison, userId: 'u-hr', department: 'HR_SOCIAL_SECURITY' };
    const h = await startReferral('employment', {
      entitlement: 'EMPLOYMENT_ASSISTANCE',
      department: 'HR_SOCIAL_SECURITY',
      periodicity: 'ONCE',
      amountRequired: false,
      timeLimitWorkingDays: 15,
    });
    const employment = { kind: 'PUBLIC_WELFARE_JOB' as const, monthlyWage: 1500, from: '2026-12-01' };
    await act(h, hr, { action: 'DELIVER', what: '安置村级保洁公益性岗位', employment });
    const final = (await h.result()) as ReferralState;
    expect(final.delivery).toEqual({
      what: '安置村级保洁公益性岗位',
      amount: null,
      periodFrom: null,
      periodTo: null,
      employment,
    });
    expect(events.find((e) => e.type === 'DELIVERED')?.delivery?.employment).toEqual(employment);
    expect(caseNotes).toEqual([expect.objectContaining({ enrolledCaseId: 'case-1', outcome: 'DELIVERED' })]);

    const other = await startReferral('employment-refused', { periodicity: 'ONCE' });
    const refused = await refusal(
      act(other, educationLiaison, { action: 'DELIVER', what: '助学金', amount: 1000, employment }),
    );
    expect(refused.message).toContain('employment：仅就业救助事项可填写就业安置情况');
  });

  it("periodic: a yearly delivery needs its period and opens next year's referral when the period ends", async () => {
    const h = await startReferral('periodic');
    const noPeriod = await refusal(
      act(h, educationLiaison, { action: 'DELIVER', what: '国家助学金', amount: 2000, periodFrom: '2027-01-01' }),
    );
    expect(noPeriod.message).toContain('periodTo：该事项按年度落实，须填写截止日期');
    await act(h, educationLiaison, {
      action: 'DELIVER',
      what: '国家助学金',
      amount: 2000,
      periodFrom: '2027-01-01',
      periodTo: '2027-12-31',
    });
    expect(renewals).toEqual([]);
    // Closed while it waits for next year: no more feedback.
    expect((await refusal(act(h, educationLiaison, { action: 'ACCEPT' }))).type).toBe('REFERRAL_CLOSED');
    expect((await state(h)).delivery).toEqual({
      what: '国家助学金',
      amount: 2000,
      periodFrom: '2027-01-01',
      periodTo: '2027-12-31',
    });
    const final = (await h.result()) as ReferralState;
    expect(renewals).toHaveLength(1);
    expect(renewals[0]).toMatchObject({ origin: 'RENEWAL', year: 2027, entitlement: 'EDUCATION_AID', memberRef: 'm2' });
    expect(final.nextReferralId).toBe(renewals[0].referralId);
    expect(events.at(-1)).toMatchObject({ type: 'RENEWED', detail: '已开启 2027 年度的转介' });
    const { runTime } = await env.client.workflow
      .getHandle(h.workflowId)
      .describe()
      .then((d) => ({ runTime: d.closeTime }));
    expect(runTime!.getTime()).toBeGreaterThanOrEqual(Date.parse('2028-01-01T00:00:00+08:00'));
  });
});

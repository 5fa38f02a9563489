import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { planDue } from '../../src/applications/due-dates';
import type { DueRequest } from '../../src/core/due';
import type { ActorRef } from '../../src/core/contracts/determination';
import type {
  EnrolledCaseInput,
  EnrolledCaseState,
  PaymentInstructionInput,
  RecheckAction,
} from '../../src/core/contracts/enrolment';
import type { HouseholdFacts } from '../../src/core/contracts/household-facts';
import type { TaskClosing, TaskReschedule, TaskSpec } from '../../src/core/contracts/task';
import type { IncidentRaised } from '../../src/core/contracts/incident';
import type { IncidentActivities } from '../../src/incidents/incident.activities';
import type { EnrolmentActivities } from '../../src/enrolment/enrolment.activities';
import { planPhaseOutEnd, planRecheckDue } from '../../src/enrolment/plans';
import { projectCase } from '../../src/policy-admin/projection';
import { planValidity } from '../../src/enrolment/validity';
import {
  defaultCalendar,
  defaultParameterStore,
  evaluateHousehold,
  FIXED_DATE_HOLIDAYS,
  PARAMETER_IDS,
  WorkingDayCalendar,
} from '../../src/policy';
import { cstDate, endOfDayCst } from '../../src/core/clock';
import { addMonths, DAY_MS, monthOf, monthStart, plusMonths } from '../../src/core/months';
import {
  calendarLoadedSignal,
  enrolledCaseStateQuery,
  recheckActUpdate,
  recheckCampaignSignal,
  recheckStateQuery,
  reportChangeSignal,
  resolveIncidentUpdate,
  resumeUpdate,
  suspendUpdate,
} from '../../src/core/messages';
import { household, member, monthly } from '../unit/policy/fixtures';
import { caseworker, officer, supervisor } from '../support/actors';
import { recordHistory } from '../support/histories';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the enrolled-case and recheck workflows on the Java time-skipping server
// with the real policy engine and parameters; database activities are recorders. The
// payment recorder fails the first attempt of every month AFTER writing (a crash between
// the commit and the reply), so each month's activity really is retried.

const QUEUE = 'enrolled-case-test';
const params = defaultParameterStore();
/** The harness's calendar; one test swaps it for a calendar without any published year. */
let calendar: WorkingDayCalendar = defaultCalendar();

const otherSupervisor: ActorRef = { userId: 'u-supervisor-2', role: 'COUNTY_SUPERVISOR', jurisdiction: '410503' };

/** Elderly, alone, no income: a stable 低保 household (yearly recheck). */
const stableFacts: HouseholdFacts = household({ members: [member('p1', '1950-01-01', { labourCapacity: 'NONE' })] });
/** Two adults, wages 1,000.00: eligible, unstable (6-month recheck). */
const workingFacts: HouseholdFacts = household({
  members: [member('p1', '1980-05-01'), member('p2', '1982-07-01', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 1000),
});
/** The same household after a job: 4,000.00 wages, above the standard. */
const employedFacts: HouseholdFacts = household({
  members: [member('p1', '1980-05-01'), member('p2', '1982-07-01', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 4000),
});

interface Recorded {
  payments: Map<string, PaymentInstructionInput>;
  paymentAttempts: number;
  statuses: Array<{ status: string; event: string }>;
  tasks: TaskSpec[];
  closed: TaskClosing[];
  rescheduled: TaskReschedule[];
  rechecks: string[];
  outcomes: Array<{ outcome: string; amount: number | null }>;
  exits: Array<{ reasons: string[]; event: string; lastPaidMonth: string | null; validUntil?: string | null }>;
  reminders: string[];
  incidents: IncidentRaised[];
  resolvedIncidents: string[];
}

describe('enrolledCaseWorkflow (time-skipping, real policy engine)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const facts = new Map<string, HouseholdFacts>();
  const recorded = new Map<string, Recorded>();
  const rec = (id: string) => recorded.get(id)!;
  const byTask = (taskId: string) => [...recorded.values()].find((r) => r.tasks.some((t) => t.taskId === taskId));

  /** Every due date the workflows asked for, in order (the tests run one at a time). */
  const plans: DueRequest[] = [];
  /** Rechecks whose engine run is refused for good (a parameter not in force) until the test supplies it. */
  const missingParameter = new Set<string>();
  /** Cases whose recheck date cannot be planned (a parameter not in force) until the test supplies it. */
  const planningRefused = new Set<string>();
  const byRecheck = new Map<string, string>();
  const activities: EnrolmentActivities &
    IncidentActivities & {
      planDue: typeof planDueActivity;
      closeTask: (c: TaskClosing) => Promise<void>;
      remindTask: (id: string) => Promise<boolean>;
      rescheduleTask: (m: TaskReschedule) => Promise<void>;
    } = {
    recordCaseStatus: async (u) => void rec(u.enrolledCaseId).statuses.push({ status: u.status, event: u.event }),
    planRecheck: async (r) => {
      if (planningRefused.has(r.enrolledCaseId))
        throw ApplicationFailure.create({
          type: 'PARAMETER_NOT_IN_FORCE',
          message: '参数 recheck.minimum_living_stable 没有生效的版本，请管理员补录',
          nonRetryable: true,
        });
      // The planners the activities use (src/enrolment/plans.ts), which the policy projection uses too.
      const { dueAt, months, stable } = planRecheckDue(params, { ...r, facts: facts.get(r.enrolledCaseId)! });
      return { dueAt, months, stable };
    },
    planValidity: async (r) => planValidity(params, calendar, r),
    planPhaseOut: async (r) => {
      const { endsAt, months } = planPhaseOutEnd(params, r);
      return { endsAt, months };
    },
    recordPaymentInstruction: async (p) => {
      const r = rec(p.enrolledCaseId);
      r.paymentAttempts++;
      const fresh = !r.payments.has(p.month);
      if (fresh) r.payments.set(p.month, p);
      // The first attempt of each month "commits" and then loses its reply.
      if (fresh) throw new Error('connection reset after commit');
      return { created: false };
    },
    openCaseTask: async (spec) => void rec(caseOfApplication(spec.applicationId!)).tasks.push(spec),
    beginRecheck: async (r) => {
      byRecheck.set(r.recheckId, r.enrolledCaseId);
      rec(r.enrolledCaseId).rechecks.push(r.reason);
      started.push({
        id: r.workflowId,
        file: `recheck-of-${r.enrolledCaseId}-${rec(r.enrolledCaseId).rechecks.length}`,
      });
    },
    recordInvestigation: async (r) => {
      if (r.facts) facts.set(r.enrolledCaseId, r.facts);
    },
    evaluateRecheck: async ({ enrolledCaseId }) => {
      if (missingParameter.has(enrolledCaseId))
        throw ApplicationFailure.create({
          type: 'PARAMETER_NOT_IN_FORCE',
          message: '参数 minimum_living.standard 没有生效的版本，请管理员补录',
          nonRetryable: true,
        });
      const d = evaluateHousehold(facts.get(enrolledCaseId)!, params);
      const m = d.categories.MINIMUM_LIVING;
      const workRefusalLimit = params.lookupNumber(PARAMETER_IDS.WORK_REFUSAL_LIMIT, {
        date: new Date().toISOString().slice(0, 10),
        county: '410502',
      }).value;
      return {
        factsVersion: 1,
        status: m.status,
        monthlyAmount: m.proposedMonthlyBenefit,
        membersIncluded: [...m.membersIncluded],
        reasonsZh: [],
        workRefusalLimit,
      };
    },
    recordRecheckOutcome: async (r) =>
      void rec(r.enrolledCaseId).outcomes.push({ outcome: r.outcome, amount: r.amount }),
    closeCase: async (r) =>
      void rec(r.enrolledCaseId).exits.push({
        reasons: r.reasons,
        event: r.event,
        lastPaidMonth: r.lastPaidMonth,
        ...(r.validUntil ? { validUntil: r.validUntil } : {}),
      }),
    planDue: planDueActivity,
    closeTask: async (c) => void byTask(c.taskId)?.closed.push(c),
    remindTask: async (taskId) => {
      byTask(taskId)?.reminders.push(taskId);
      return true;
    },
    raiseIncident: async (i) =>
      void rec(i.caseKind === 'RECHECK' ? byRecheck.get(i.caseId!)! : i.caseId!).incidents.push(i),
    incidentResolved: async ({ incidentId }) =>
      void [...recorded.values()]
        .find((r) => r.incidents.some((i) => i.incidentId === incidentId))
        ?.resolvedIncidents.push(incidentId),
    rescheduleTask: async (m) => void byTask(m.taskId)?.rescheduled.push(m),
  };
  async function planDueActivity(req: Parameters<typeof planDue>[2]) {
    plans.push(req);
    return planDue(params, calendar, req);
  }
  const caseOfApplication = (applicationId: string) => applicationId.replace(/^app-/, '');

  // One server per test: time skipping is global to a server, and a case left running by
  // one test would move on (and race time forward) while the next one sleeps.
  let bundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
  });
  beforeEach(async () => {
    env = await startTimeSkipping();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities,
    });
    running = worker.run();
  });
  /** Workflow ids started by the current test, whose histories RECORD_HISTORIES=1 keeps for the replay test. */
  let started: Array<{ id: string; file: string }> = [];
  afterEach(async () => {
    for (const { id, file } of started)
      await recordHistory(file, () => env.client.workflow.getHandle(id).fetchHistory());
    started = [];
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  type Handle = WorkflowHandle;

  async function start(
    id: string,
    f: HouseholdFacts,
    opts: Partial<EnrolledCaseInput> = {},
    waitForRecheckDate = true,
  ) {
    facts.set(id, f);
    recorded.set(id, {
      payments: new Map(),
      paymentAttempts: 0,
      statuses: [],
      tasks: [],
      closed: [],
      rescheduled: [],
      rechecks: [],
      outcomes: [],
      exits: [],
      reminders: [],
      incidents: [],
      resolvedIncidents: [],
    });
    const nowMs = Date.now(); // the time-skipping server starts at the wall clock
    const input: EnrolledCaseInput = {
      enrolledCaseId: id,
      applicationId: `app-${id}`,
      category: 'MINIMUM_LIVING',
      countyCode: '410502',
      townshipCode: '410502002',
      villageCode: '410502002001',
      monthlyAmount: 630,
      membersIncluded: f.members.map((m) => m.id),
      startMonth: addMonths(monthOf(nowMs), 1),
      ...opts,
    };
    const handle = await env.client.workflow.start('enrolledCaseWorkflow', {
      taskQueue: QUEUE,
      workflowId: `enrolled-case-${id}`,
      args: [input],
    });
    started.push({ id: handle.workflowId, file: handle.workflowId });
    if (waitForRecheckDate) await eventually(async () => expect((await state(handle)).nextRecheckAt).not.toBeNull());
    return handle;
  }

  const state = (h: Handle): Promise<EnrolledCaseState> => h.query(enrolledCaseStateQuery);

  async function eventually<T>(check: () => Promise<T> | T, tries = 300): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await check();
      } catch (error) {
        if (i > tries) throw error;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  /** Completes the current recheck's open task of `type`. */
  async function completeRecheck(h: Handle, type: string, actor: ActorRef, command: RecheckAction) {
    const s = await eventually(async () => {
      const cur = (await state(h)).currentRecheck;
      expect(cur).not.toBeNull();
      return cur!;
    });
    const child = env.client.workflow.getHandle(s.workflowId);
    const taskId = await eventually(async () => {
      const rs = await child.query(recheckStateQuery);
      expect(rs.currentTask?.type).toBe(type);
      return rs.currentTask!.taskId;
    });
    return child.executeUpdate(recheckActUpdate, { args: [{ actor, requestId: `r-${type}`, taskId, command }] });
  }

  const investigate = (
    f?: HouseholdFacts,
    workRefusals = 0,
    workRefusalsByMember?: Record<string, number>,
  ): RecheckAction => ({
    action: 'recordInvestigation',
    findings: '入户核实，家庭情况如实',
    homeVisit: true,
    workRefusals,
    ...(f ? { facts: f } : {}),
    ...(workRefusalsByMember ? { workRefusalsByMember } : {}),
  });

  async function refusal(p: Promise<unknown>): Promise<string> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return (cause as ApplicationFailure).type!;
  }

  /** Sleeps (skipping time) until just after month M's boundary. */
  async function sleepPast(month: string) {
    const target = monthStart(month) + DAY_MS;
    const nowMs = await env.currentTimeMs();
    if (target > nowMs) await env.sleep(target - nowMs);
  }

  it('writes exactly one payment instruction per month for 12 months, although every month’s activity is retried', async () => {
    const h = await start('twelve', stableFacts);
    const first = (await state(h)).nextPaymentMonth;
    await sleepPast(addMonths(first, 11));
    const s = await eventually(async () => {
      const st = await state(h);
      expect(st.paymentsWritten).toBe(12);
      return st;
    });
    const r = rec('twelve');
    expect([...r.payments.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => addMonths(first, i)));
    expect(r.paymentAttempts).toBe(24); // every month failed once after its write and was retried once
    expect([...r.payments.values()].every((p) => p.amount === 630 && p.members.join() === 'p1')).toBe(true);
    expect(s.lastPaidMonth).toBe(addMonths(first, 11));
    // Stable 低保: no recheck before 12 months.
    expect(r.rechecks).toEqual([]);
  });

  it('periodic recheck after the parameter interval (6 months, unstable): unchanged, then an adjustment paid from the following month', async () => {
    plans.length = 0;
    const h = await start('periodic', workingFacts);
    const s0 = await state(h);
    const due = Date.parse(s0.nextRecheckAt!);
    expect(monthOf(due)).toBe(addMonths(monthOf(await env.currentTimeMs()), 6));
    await env.sleep(due - (await env.currentTimeMs()) - DAY_MS);
    expect(rec('periodic').rechecks).toEqual([]); // not a day early
    await env.sleep(2 * DAY_MS);
    await eventually(() => expect(rec('periodic').rechecks).toEqual(['PERIODIC']));
    expect((await state(h)).status).toBe('RECHECKING');

    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate());
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    const afterUnchanged = await eventually(async () => {
      const st = await state(h);
      expect(st.rechecksDone).toBe(1);
      expect(st.nextRecheckAt).not.toBe(s0.nextRecheckAt);
      return st;
    });
    expect(afterUnchanged).toMatchObject({ status: 'ACTIVE', monthlyAmount: 630, currentRecheck: null });
    expect(Date.parse(afterUnchanged.nextRecheckAt!)).toBeGreaterThan(due + 150 * DAY_MS); // the next one, 6 months on
    const tasks = rec('periodic').tasks;
    expect(tasks.map((t) => [t.type, t.candidateRole, t.jurisdiction])).toEqual([
      ['RECHECK_INVESTIGATE', 'TOWNSHIP_CASEWORKER', '410502002'],
      ['RECHECK_DECIDE', 'COUNTY_OFFICER', '410502'],
    ]);
    expect(tasks.every((t) => t.applicationId === 'app-periodic')).toBe(true);
    // Each step has the recheck limit of the case's category (10 working days each for 低保), not the first determination's.
    const stepPlans = plans.filter((p) => p.limitId?.startsWith('time_limit.recheck_'));
    expect(stepPlans.map((p) => p.limitId)).toEqual([
      'time_limit.recheck_investigation.minimum_living',
      'time_limit.recheck_decision.minimum_living',
    ]);
    expect(tasks.map((t) => t.dueAt)).toEqual(stepPlans.map((p) => planDue(params, calendar, p).dueAt));
    expect(calendar.workingDaysBetween(cstDate(stepPlans[0].from), cstDate(tasks[0].dueAt!)).days).toBe(10);

    // A change report starts the next recheck at once: the officer reduces the amount.
    await h.signal(reportChangeSignal, { changeReportId: 'c1', kind: 'INCOME_CHANGE', material: true });
    await eventually(() => expect(rec('periodic').rechecks).toEqual(['PERIODIC', 'CHANGE']));
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate());
    // Wrong role for the decision: refused, nothing changes.
    expect(
      await refusal(
        completeRecheck(h, 'RECHECK_DECIDE', caseworker, { action: 'decide', decision: { outcome: 'UNCHANGED' } }),
      ),
    ).toBe('ROLE_NOT_ALLOWED');
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'ADJUST', amount: 500, reasons: ['家庭收入增加'] },
    });
    const adjusted = await eventually(async () => {
      const st = await state(h);
      expect(st.pendingAmount).not.toBeNull();
      return st;
    });
    const following = addMonths(monthOf(await env.currentTimeMs()), 1);
    expect(adjusted.pendingAmount).toMatchObject({ amount: 500, fromMonth: following });
    expect(adjusted.monthlyAmount).toBe(630); // this month is unchanged
    await sleepPast(following);
    await eventually(() => expect(rec('periodic').payments.get(following)?.amount).toBe(500));
    expect(rec('periodic').payments.get(addMonths(following, -1))?.amount).toBe(630);
  });

  it('the policy projection names the day the workflow opens its recheck, and the next one after the decision', async () => {
    const startedAt = new Date(await env.currentTimeMs()).toISOString();
    const h = await start('projected', workingFacts);
    const s0 = await state(h);
    const projectFrom = async (nextRecheckAt: string | null, lastRecheckAt: string) =>
      projectCase(
        params,
        calendar,
        {
          category: 'MINIMUM_LIVING',
          countyCode: '410502',
          facts: workingFacts,
          status: 'ACTIVE',
          nextRecheckAt,
          recheckRunning: false,
          lastRecheckAt,
          phaseOut: null,
          validity: null,
        },
        { now: await env.currentTimeMs(), years: 1 },
      );
    const projected = await projectFrom(s0.nextRecheckAt, startedAt);
    expect(projected.map((e) => e.kind)).toEqual(['PERIODIC_RECHECK', 'PERIODIC_RECHECK']);
    expect(projected[0].parameters[0].id).toBe('recheck.minimum_living_unstable_months');
    // Counted from the case's start without the workflow's timer, the projection names the same day.
    const [fromStart] = await projectFrom(null, startedAt);
    expect(fromStart.date).toBe(projected[0].date);

    const at = Date.parse(projected[0].at);
    await env.sleep(at - (await env.currentTimeMs()) - 60_000);
    expect(rec('projected').rechecks).toEqual([]); // not a minute early
    await env.sleep(2 * 60_000);
    await eventually(() => expect(rec('projected').tasks.map((t) => t.type)).toEqual(['RECHECK_INVESTIGATE']));
    expect(cstDate(new Date(await env.currentTimeMs()).toISOString())).toBe(projected[0].date);

    // Decided on the day it opened: the workflow's next timer is the projection's next date.
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate());
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    const next = await eventually(async () => {
      const st = await state(h);
      expect(st.rechecksDone).toBe(1);
      expect(st.nextRecheckAt).not.toBe(s0.nextRecheckAt);
      return st.nextRecheckAt!;
    });
    expect(Math.abs(Date.parse(next) - Date.parse(projected[1].at))).toBeLessThan(10 * 60_000);
  });

  it('employment → phase-out for the parameter maximum (6 months) → exit with reasons; payments stop', async () => {
    const h = await start('phaseout', workingFacts);
    await h.signal(reportChangeSignal, { changeReportId: 'c2', kind: 'INCOME_CHANGE', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(employedFacts));
    const child = env.client.workflow.getHandle((await state(h)).currentRecheck!.workflowId);
    await eventually(async () =>
      expect((await child.query(recheckStateQuery)).engine).toMatchObject({ status: 'ineligible' }),
    ); // re-evaluated with the new facts
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'PHASE_OUT', reasons: ['就业后家庭人均收入超过保障标准'] },
    });
    const inPhaseOut = await eventually(async () => {
      const st = await state(h);
      expect(st.status).toBe('PHASE_OUT');
      return st;
    });
    const endsAt = Date.parse(inPhaseOut.phaseOut!.endsAt);
    expect(monthOf(endsAt)).toBe(addMonths(monthOf(Date.parse(inPhaseOut.phaseOut!.startedAt)), 6));
    const paidBefore = rec('phaseout').payments.size;
    await env.sleep(endsAt - (await env.currentTimeMs()) + DAY_MS);
    const result: EnrolledCaseState = await h.result();
    expect(result.status).toBe('EXITED');
    expect(result.exit?.reasons[0]).toContain('渐退期已满');
    expect(rec('phaseout').exits).toEqual([expect.objectContaining({ event: 'PHASE_OUT_ENDED' })]);
    const paidInPhaseOut = rec('phaseout').payments.size - paidBefore;
    expect(paidInPhaseOut).toBeGreaterThanOrEqual(5);
    expect(paidInPhaseOut).toBeLessThanOrEqual(6);
  });

  it('phase-out interrupted by renewed need: a recheck returns the case to ACTIVE', async () => {
    const h = await start('renewed', workingFacts);
    await h.signal(reportChangeSignal, { changeReportId: 'c3', kind: 'INCOME_CHANGE', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(employedFacts));
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'PHASE_OUT', reasons: ['就业'] },
    });
    await eventually(async () => expect((await state(h)).status).toBe('PHASE_OUT'));
    await env.sleep(40 * DAY_MS);
    await h.signal(reportChangeSignal, { changeReportId: 'c4', kind: 'INCOME_CHANGE', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(workingFacts));
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'UNCHANGED', note: '失业，仍需保障' },
    });
    const st = await eventually(async () => {
      const s = await state(h);
      expect(s.rechecksDone).toBe(2);
      return s;
    });
    expect(st).toMatchObject({ status: 'ACTIVE', phaseOut: null });
    // The state changes before its status row is written (the activity follows): wait for the row.
    await eventually(() =>
      expect(rec('renewed').statuses.map((s) => s.event)).toEqual([
        'LIFECYCLE_STARTED',
        'PHASE_OUT_STARTED',
        'PHASE_OUT_ENDED_NEED_AGAIN',
      ]),
    );
    await env.sleep(200 * DAY_MS);
    expect((await state(h)).status).not.toBe('EXITED');
  });

  /** The n-th working day after an instant's CST date, counted day by day on the harness's calendar, at the close of that day. */
  function workingDaysAfter(fromIso: string, n: number): string {
    let day = Date.parse(`${cstDate(fromIso)}T00:00:00Z`);
    for (let left = n; left > 0;) {
      day += DAY_MS;
      if (calendar.isWorkingDay(new Date(day).toISOString().slice(0, 10))) left--;
    }
    return endOfDayCst(new Date(day).toISOString().slice(0, 10));
  }
  const lastPlan = (limitId: string): DueRequest => plans.filter((p) => p.limitId === limitId).at(-1)!;

  it('recheck → EXIT: the case closes with the officer’s reasons, after the last month paid; nothing is paid after it', async () => {
    const h = await start('exit', workingFacts);
    const first = (await state(h)).nextPaymentMonth;
    await sleepPast(first);
    await eventually(async () => expect((await state(h)).paymentsWritten).toBe(1));
    await h.signal(reportChangeSignal, { changeReportId: 'x1', kind: 'INCOME_CHANGE', material: true });
    await eventually(() => expect(rec('exit').rechecks).toEqual(['CHANGE']));
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(employedFacts));
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'EXIT', reasons: ['就业后家庭月人均收入 2000.00 元高于低保标准'] },
    });
    const result: EnrolledCaseState = await h.result();
    expect(result).toMatchObject({
      status: 'EXITED',
      rechecksDone: 1,
      currentRecheck: null,
      phaseOut: null,
      paymentsWritten: 1,
      lastPaidMonth: first,
      exit: { reasons: ['就业后家庭月人均收入 2000.00 元高于低保标准'] },
    });
    const r = rec('exit');
    expect(r.outcomes).toEqual([{ outcome: 'EXIT', amount: null }]);
    expect(r.exits).toEqual([
      { reasons: ['就业后家庭月人均收入 2000.00 元高于低保标准'], event: 'RECHECK_EXIT', lastPaidMonth: first },
    ]);
    expect([...r.payments.keys()]).toEqual([first]);
    expect(r.statuses.map((x) => x.event)).toEqual(['LIFECYCLE_STARTED']); // the exit is written by closeCase
  });

  it('an immaterial change report (contact details) is counted but starts no recheck', async () => {
    const h = await start('immaterial', stableFacts);
    const before = await state(h);
    await h.signal(reportChangeSignal, { changeReportId: 'p1', kind: 'CONTACT', material: false });
    await eventually(async () => expect((await state(h)).changesReported).toBe(1));
    await env.sleep(40 * DAY_MS);
    const after = await state(h);
    expect(after).toMatchObject({
      status: 'ACTIVE',
      changesReported: 1,
      changeRecheckPending: false,
      currentRecheck: null,
      rechecksDone: 0,
      nextRecheckAt: before.nextRecheckAt,
    });
    expect(rec('immaterial').rechecks).toEqual([]);
    expect(rec('immaterial').tasks).toEqual([]);
    // A material one, by contrast, starts a recheck at once.
    await h.signal(reportChangeSignal, { changeReportId: 'p2', kind: 'INCOME_CHANGE', material: true });
    await eventually(() => expect(rec('immaterial').rechecks).toEqual(['CHANGE']));
    expect((await state(h)).changesReported).toBe(2);
  });

  it('the recheck decision overdue: due 10 working days after it opened, reminded before, escalated once past it, closed by the decision', async () => {
    const h = await start('decide-late', workingFacts);
    await h.signal(reportChangeSignal, { changeReportId: 'l1', kind: 'INCOME_CHANGE', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate());
    const child = env.client.workflow.getHandle((await state(h)).currentRecheck!.workflowId);
    const task = await eventually(async () => {
      const t = (await child.query(recheckStateQuery)).currentTask;
      expect(t?.type).toBe('RECHECK_DECIDE');
      return t!;
    });
    const dueAt = workingDaysAfter(lastPlan('time_limit.recheck_decision.minimum_living').from, 10);
    expect(task).toEqual({
      taskId: task.taskId,
      type: 'RECHECK_DECIDE',
      candidateRole: 'COUNTY_OFFICER',
      jurisdiction: '410502',
      dueAt,
    });
    const r = rec('decide-late');
    // The query shows the step as soon as the workflow enters it; the row follows with the activity.
    await eventually(() =>
      expect(r.tasks.find((t) => t.taskId === task.taskId)).toMatchObject({
        dueAt,
        priority: 1,
        applicationId: 'app-decide-late',
      }),
    );
    const escalations = () => r.tasks.filter((t) => t.type === 'ESCALATION');
    await env.sleep(Date.parse(dueAt) - (await env.currentTimeMs()) - 3600_000);
    expect(r.reminders).toEqual([task.taskId]);
    expect(escalations()).toEqual([]);
    await env.sleep(2 * 3600_000);
    await eventually(() => expect(escalations()).toHaveLength(1));
    expect(escalations()[0]).toMatchObject({
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      escalates: task.taskId,
      priority: 2,
      dueAt: null,
    });
    expect(await child.query(recheckStateQuery)).toMatchObject({ stage: 'DECIDE', overdueSteps: 1 });
    await env.sleep(5 * DAY_MS);
    expect(escalations()).toHaveLength(1);
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    await eventually(() =>
      expect(r.closed).toContainEqual({
        taskId: escalations()[0]!.taskId,
        status: 'DONE',
        outcome: 'STEP_COMPLETED',
        completedBy: null,
        completedByRole: null,
      }),
    );
    await eventually(async () => expect(await state(h)).toMatchObject({ status: 'ACTIVE', rechecksDone: 1 }));
  });

  it('a recheck step refused for good raises an incident for the recheck and waits; a retry after the fix decides it', async () => {
    missingParameter.add('recheck-incident');
    const h = await start('recheck-incident', workingFacts);
    await h.signal(reportChangeSignal, { changeReportId: 'i1', kind: 'INCOME_CHANGE', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate());
    const { recheckId, workflowId } = (await state(h)).currentRecheck!;
    const r = rec('recheck-incident');
    await eventually(() => expect(r.incidents).toHaveLength(1));
    const [incident] = r.incidents;
    expect(incident).toEqual({
      caseKind: 'RECHECK',
      caseId: recheckId,
      countyCode: '410502',
      workflowId,
      step: 'evaluateRecheck',
      occurrence: 1,
      incidentId: incident!.incidentId,
      errorCode: 'PARAMETER_NOT_IN_FORCE',
      message: '复核政策测算未能完成：参数 minimum_living.standard 没有生效的版本，请管理员补录',
    });
    // A day later it still waits in EVALUATE, has not retried, and opened no decision task.
    await env.sleep(DAY_MS);
    const child = env.client.workflow.getHandle(workflowId);
    expect(await child.query(recheckStateQuery)).toMatchObject({ stage: 'EVALUATE', engine: null, currentTask: null });
    expect(r.incidents).toHaveLength(1);
    expect(r.tasks.map((t) => t.type)).toEqual(['RECHECK_INVESTIGATE']);
    expect((await state(h)).status).toBe('RECHECKING');
    await expect(
      child.executeUpdate(resolveIncidentUpdate, {
        args: [{ incidentId: 'another', action: 'RETRY', userId: 'u-supervisor' }],
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    missingParameter.delete('recheck-incident');
    await child.executeUpdate(resolveIncidentUpdate, {
      args: [{ incidentId: incident!.incidentId, action: 'RETRY', userId: 'u-supervisor' }],
    });
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    await eventually(async () => expect(await state(h)).toMatchObject({ status: 'ACTIVE', rechecksDone: 1 }));
    expect(r.resolvedIncidents).toEqual([incident!.incidentId]);
    expect(r.outcomes).toEqual([{ outcome: 'UNCHANGED', amount: null }]);
  });

  it('an enrolled case’s own step refused for good (its recheck date cannot be planned) raises an ENROLLED_CASE incident and waits; a retry plans it and pays the month missed', async () => {
    planningRefused.add('plan-incident');
    const h = await start('plan-incident', stableFacts, {}, false);
    const r = rec('plan-incident');
    await eventually(() => expect(r.incidents).toHaveLength(1));
    const [incident] = r.incidents;
    expect(incident).toEqual({
      caseKind: 'ENROLLED_CASE',
      caseId: 'plan-incident',
      countyCode: '410502',
      workflowId: 'enrolled-case-plan-incident',
      step: 'planRecheck',
      occurrence: 1,
      incidentId: incident!.incidentId,
      errorCode: 'PARAMETER_NOT_IN_FORCE',
      message: '计算复核日期未能完成：参数 recheck.minimum_living_stable 没有生效的版本，请管理员补录',
    });
    // Past the first month boundary it still waits on the step: no retry, no recheck date, nothing paid yet.
    const first = (await state(h)).nextPaymentMonth;
    await sleepPast(first);
    expect(await state(h)).toMatchObject({ nextRecheckAt: null, paymentsWritten: 0, status: 'ACTIVE' });
    expect(r.incidents).toHaveLength(1);
    planningRefused.delete('plan-incident');
    await h.executeUpdate(resolveIncidentUpdate, {
      args: [{ incidentId: incident!.incidentId, action: 'RETRY', userId: 'u-supervisor' }],
    });
    const after = await eventually(async () => {
      const st = await state(h);
      expect(st.paymentsWritten).toBe(1);
      return st;
    });
    expect(after.nextRecheckAt).not.toBeNull();
    expect([...r.payments.keys()]).toEqual([first]);
    expect(r.resolvedIncidents).toEqual([incident!.incidentId]);
    await expect(
      h.executeUpdate(resolveIncidentUpdate, {
        args: [{ incidentId: incident!.incidentId, action: 'RETRY', userId: 'u-supervisor' }],
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
  });

  it('suspend and resume: refused for a caseworker and outside the jurisdiction; a suspended month is not paid', async () => {
    const h = await start('suspend', stableFacts);
    const action = (actor: ActorRef, reason = '待核实家庭情况') => ({ actor, requestId: 'r', reason });
    expect(await refusal(h.executeUpdate(suspendUpdate, { args: [action(caseworker)] }))).toBe('ROLE_NOT_ALLOWED');
    expect(await refusal(h.executeUpdate(suspendUpdate, { args: [action(otherSupervisor)] }))).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect(await refusal(h.executeUpdate(resumeUpdate, { args: [action(supervisor)] }))).toBe('WRONG_STATUS');
    expect((await state(h)).status).toBe('ACTIVE');

    const first = (await state(h)).nextPaymentMonth;
    await sleepPast(first);
    await eventually(() => expect(rec('suspend').payments.has(first)).toBe(true));
    const s = await h.executeUpdate(suspendUpdate, { args: [action(supervisor)] });
    expect(s).toMatchObject({
      status: 'SUSPENDED',
      suspension: { reason: '待核实家庭情况', by: 'u-supervisor', resumeTo: 'ACTIVE' },
    });
    await sleepPast(addMonths(first, 1));
    await eventually(async () => expect((await state(h)).nextPaymentMonth).toBe(addMonths(first, 2)));
    expect(rec('suspend').payments.has(addMonths(first, 1))).toBe(false);
    const resumed = await h.executeUpdate(resumeUpdate, { args: [action(supervisor, '核实无误，恢复发放')] });
    expect(resumed).toMatchObject({ status: 'ACTIVE', suspension: null });
    await sleepPast(addMonths(first, 2));
    await eventually(() => expect(rec('suspend').payments.has(addMonths(first, 2))).toBe(true));
    expect(rec('suspend').statuses.map((x) => x.event)).toEqual(['LIFECYCLE_STARTED', 'SUSPENDED', 'RESUMED']);
  });

  it('recheck campaign: one CAMPAIGN recheck per campaign, none while one runs, a suspended case rechecked on resumption', async () => {
    const h = await start('campaign', stableFacts);
    const decideUnchanged = async () => {
      await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate());
      await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
      await eventually(async () => expect((await state(h)).currentRecheck).toBeNull());
    };
    await h.signal(recheckCampaignSignal, { campaignId: 'c-1' });
    await eventually(async () => expect((await state(h)).currentRecheck?.reason).toBe('CAMPAIGN'));
    // The same campaign again, and another campaign while this recheck runs: nothing more starts.
    await h.signal(recheckCampaignSignal, { campaignId: 'c-1' });
    await h.signal(recheckCampaignSignal, { campaignId: 'c-2' });
    await decideUnchanged();
    expect(rec('campaign').rechecks).toEqual(['CAMPAIGN']);
    expect(await state(h)).toMatchObject({
      status: 'ACTIVE',
      rechecksDone: 1,
      lastCampaignId: 'c-2',
      campaignRecheckPending: null,
    });

    // Suspended: the campaign waits for the resumption.
    await h.executeUpdate(suspendUpdate, { args: [{ actor: supervisor, requestId: 'r', reason: '待核实家庭情况' }] });
    await h.signal(recheckCampaignSignal, { campaignId: 'c-3' });
    await eventually(async () => expect((await state(h)).campaignRecheckPending).toBe('c-3'));
    expect((await state(h)).currentRecheck).toBeNull();
    await h.executeUpdate(resumeUpdate, { args: [{ actor: supervisor, requestId: 'r', reason: '核实无误' }] });
    await eventually(async () => expect((await state(h)).currentRecheck?.reason).toBe('CAMPAIGN'));
    await decideUnchanged();
    expect(rec('campaign').rechecks).toEqual(['CAMPAIGN', 'CAMPAIGN']);
  });

  const deathEscalations = (id: string) =>
    rec(id).tasks.filter((t) => t.type === 'ESCALATION' && t.taskKey.startsWith('DEATH_DEADLINE#'));
  /** The working household after p2's death. */
  const widowedFacts: HouseholdFacts = household({
    members: [member('p1', '1980-05-01')],
    income: monthly('p1', 'WAGE', 1000),
  });

  it('death report: its recheck decided within time_limit.death_processing (3 months) → no escalation', async () => {
    const h = await start('death-ok', workingFacts);
    await h.signal(reportChangeSignal, { changeReportId: 'd1', kind: 'DEATH', material: true });
    const reported = await eventually(async () => {
      const st = await state(h);
      expect(st.deaths).toEqual([
        expect.objectContaining({
          changeReportId: 'd1',
          dueAt: expect.any(String),
          recheckId: expect.any(String),
          escalationTaskId: null,
        }),
      ]);
      return st.deaths[0]!;
    });
    const dueMs = Date.parse(reported.dueAt!);
    const limitDays = (dueMs - Date.parse(reported.reportedAt)) / DAY_MS; // the parameter, 3 months
    expect(limitDays).toBeGreaterThanOrEqual(89);
    expect(limitDays).toBeLessThanOrEqual(93);
    await eventually(() => expect(rec('death-ok').rechecks).toEqual(['CHANGE'])); // recorded by the child, a moment later
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(widowedFacts));
    await env.sleep(40 * DAY_MS);
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'ADJUST', amount: 400, reasons: ['家庭成员死亡，保障人口减少'] },
    });
    await eventually(async () => expect((await state(h)).deaths).toEqual([]));
    await env.sleep(dueMs - (await env.currentTimeMs()) + 10 * DAY_MS);
    expect((await state(h)).status).toBe('ACTIVE');
    expect(deathEscalations('death-ok')).toEqual([]);
    expect(rec('death-ok').statuses.map((x) => x.event)).not.toContain('DEATH_DEADLINE_MISSED');
  });

  it('death report whose recheck is left undecided past the limit → exactly one escalation to the county supervisor, closed by the decision', async () => {
    const h = await start('death-late', workingFacts);
    await h.signal(reportChangeSignal, { changeReportId: 'd2', kind: 'DEATH', material: true });
    const death = await eventually(async () => {
      const d = (await state(h)).deaths[0];
      expect(d?.dueAt).toEqual(expect.any(String));
      return d!;
    });
    const dueMs = Date.parse(death.dueAt!);
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(widowedFacts));
    await env.sleep(dueMs - (await env.currentTimeMs()) - DAY_MS);
    expect(deathEscalations('death-late')).toEqual([]); // not a day early
    await env.sleep(2 * DAY_MS);
    const [escalation] = await eventually(() => {
      const e = deathEscalations('death-late');
      expect(e).toHaveLength(1);
      return e;
    });
    expect(escalation).toMatchObject({
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      workflowId: 'enrolled-case-death-late',
      applicationId: 'app-death-late',
    });
    await eventually(() => expect(rec('death-late').statuses.map((x) => x.event)).toContain('DEATH_DEADLINE_MISSED'));
    expect((await state(h)).deaths[0]).toMatchObject({ changeReportId: 'd2', escalationTaskId: escalation!.taskId });
    await env.sleep(30 * DAY_MS);
    expect(deathEscalations('death-late')).toHaveLength(1); // once
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'ADJUST', amount: 400, reasons: ['家庭成员死亡，保障人口减少'] },
    });
    await eventually(async () => expect((await state(h)).deaths).toEqual([]));
    await eventually(() =>
      expect(rec('death-late').closed.map((c) => [c.taskId, c.outcome])).toContainEqual([
        escalation!.taskId,
        'DEATH_PROCESSED',
      ]),
    );
    expect(deathEscalations('death-late')).toHaveLength(1);
  });

  it('holiday schedule loaded after a recheck step escalated on its provisional date: planned again, the escalation withdrawn, the new date escalated once', async () => {
    calendar = new WorkingDayCalendar([]); // no published year: the recheck's limits are provisional
    try {
      const h = await start('calendar-recheck', workingFacts);
      await h.signal(reportChangeSignal, { changeReportId: 'c1', kind: 'DEATH', material: true });
      const r = rec('calendar-recheck');
      const step = await eventually(() => {
        const t = r.tasks.find((x) => x.type === 'RECHECK_INVESTIGATE');
        expect(t).toMatchObject({ dueProvisional: true, dueAt: expect.any(String) });
        return t!;
      });
      const stepEscalations = () => r.tasks.filter((t) => t.type === 'ESCALATION' && t.escalates === step.taskId);
      await env.sleep(Date.parse(step.dueAt!) - (await env.currentTimeMs()) + DAY_MS);
      const [first] = await eventually(() => {
        expect(stepEscalations()).toHaveLength(1);
        return stepEscalations();
      });

      // The notice (test data): the due day and the five weekdays after it are days off.
      const off: string[] = [];
      for (let d = Date.parse(step.dueAt!); off.length < 6; d += DAY_MS) {
        const day = new Date(d + 8 * 3600_000).getUTCDay();
        if (day !== 0 && day !== 6) off.push(cstDate(new Date(d).toISOString()));
      }
      const firstYear = new Date(await env.currentTimeMs()).getUTCFullYear() - 1;
      const years = Array.from({ length: 4 }, (_, i) => firstYear + i);
      calendar = new WorkingDayCalendar(
        years.map((year) => ({
          year,
          holidays: [
            ...new Set([
              ...FIXED_DATE_HOLIDAYS.map((md) => `${year}-${md}`),
              ...off.filter((d) => d.startsWith(`${year}-`)),
            ]),
          ],
          makeUpWorkdays: [],
          source: '测试用节假日安排',
        })),
      );
      const child = env.client.workflow.getHandle((await state(h)).currentRecheck!.workflowId);
      await child.signal(calendarLoadedSignal, { year: years[1]!, loadedAt: new Date().toISOString() });

      const moved = await eventually(() => {
        expect(r.rescheduled).toEqual([
          expect.objectContaining({ taskId: step.taskId, dueProvisional: false, cause: 'CALENDAR_LOADED' }),
        ]);
        return r.rescheduled[0]!;
      });
      expect(Date.parse(moved.dueAt)).toBeGreaterThan(await env.currentTimeMs());
      expect(calendar.isWorkingDay(cstDate(moved.dueAt))).toBe(true);
      await eventually(() =>
        expect(r.closed).toContainEqual(
          expect.objectContaining({ taskId: first!.taskId, outcome: 'DEADLINE_RECALCULATED' }),
        ),
      );
      expect((await child.query(recheckStateQuery)).currentTask).toMatchObject({
        taskId: step.taskId,
        dueAt: moved.dueAt,
      });

      // The moved date is missed too: one new escalation, closed when the step is done.
      await env.sleep(Date.parse(moved.dueAt) - (await env.currentTimeMs()) + DAY_MS);
      await eventually(() => expect(stepEscalations()).toHaveLength(2));
      await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(widowedFacts));
      const second = stepEscalations()[1]!;
      await eventually(() =>
        expect(r.closed).toContainEqual(expect.objectContaining({ taskId: second.taskId, outcome: 'STEP_COMPLETED' })),
      );
      expect(stepEscalations()).toHaveLength(2);
    } finally {
      calendar = defaultCalendar();
    }
  });

  it('three unjustified work refusals by one member (the parameter): the decision withdraws that member’s share, with the reason', async () => {
    const h = await start('refusals', workingFacts);
    await h.signal(reportChangeSignal, { changeReportId: 'w1', kind: 'OTHER', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(undefined, 2, { p2: 2 }));
    const first = env.client.workflow.getHandle((await state(h)).currentRecheck!.workflowId);
    const engine1 = await eventually(async () => {
      const e = (await first.query(recheckStateQuery)).engine;
      expect(e).not.toBeNull();
      return e!;
    });
    expect(engine1).toMatchObject({ workRefusalLimit: 3, workRefusalReduction: null }); // 2 < 3: nothing yet
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    await eventually(async () =>
      expect(await state(h)).toMatchObject({
        rechecksDone: 1,
        workRefusals: 2,
        workRefusalsByMember: { p2: 2 },
        pendingAmount: null,
      }),
    );
    expect(rec('refusals').outcomes).toEqual([{ outcome: 'UNCHANGED', amount: null }]);

    // The third refusal: the decision task shows the reduced amount, and keeping the benefit reduces it.
    await h.signal(reportChangeSignal, { changeReportId: 'w2', kind: 'OTHER', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(undefined, 1, { p2: 1 }));
    const second = env.client.workflow.getHandle((await state(h)).currentRecheck!.workflowId);
    const engine2 = await eventually(async () => {
      const e = (await second.query(recheckStateQuery)).engine;
      expect(e).not.toBeNull();
      return e!;
    });
    expect(engine2.membersIncluded).toEqual(['p1', 'p2']);
    const share = Math.round(engine2.monthlyAmount * 50) / 100;
    expect(engine2.workRefusalReduction).toMatchObject({
      memberIds: ['p2'],
      membersIncluded: ['p1'],
      monthlyAmount: share,
    });
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    const after = await eventually(async () => {
      const st = await state(h);
      expect(st.rechecksDone).toBe(2);
      return st;
    });
    expect(after.workRefusalsByMember).toEqual({ p2: 3 });
    expect(after.membersIncluded).toEqual(['p1']);
    expect(after.pendingAmount).toMatchObject({
      amount: share,
      reasons: [expect.stringContaining('连续拒绝就业达 3 次')],
    });
    expect(rec('refusals').outcomes[1]).toEqual({ outcome: 'ADJUST', amount: share });

    // p2 takes a job offered: the streak ends (seed 二(四)5 counts consecutive refusals), no reduction at the next recheck.
    await h.signal(reportChangeSignal, { changeReportId: 'w3', kind: 'OTHER', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, {
      ...investigate(),
      workAcceptedBy: ['p2'],
    } as RecheckAction);
    const third = env.client.workflow.getHandle((await state(h)).currentRecheck!.workflowId);
    const engine3 = await eventually(async () => {
      const e = (await third.query(recheckStateQuery)).engine;
      expect(e).not.toBeNull();
      return e!;
    });
    expect(engine3.workRefusalReduction).toBeNull();
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    await eventually(async () => expect(await state(h)).toMatchObject({ rechecksDone: 3, workRefusalsByMember: {} }));
  });

  // 低保边缘 and 刚性支出: entitlements delivered by departments, no monthly amount (patch no-zero-payments).
  const unpaid = (category: 'NEAR_MINIMUM' | 'RIGID_EXPENSE'): Partial<EnrolledCaseInput> => ({
    category,
    monthlyAmount: 0,
  });

  it('a 低保边缘 case writes no payment instruction at the month boundaries (none at ¥0.00)', async () => {
    const h = await start('near-minimum-unpaid', workingFacts, unpaid('NEAR_MINIMUM'));
    const first = (await state(h)).nextPaymentMonth;
    await sleepPast(addMonths(first, 2));
    await eventually(async () => expect((await state(h)).nextPaymentMonth).toBe(addMonths(first, 3)));
    expect(await state(h)).toMatchObject({ status: 'ACTIVE', paymentsWritten: 0, lastPaidMonth: null });
    expect(rec('near-minimum-unpaid').payments.size).toBe(0);
    expect(rec('near-minimum-unpaid').paymentAttempts).toBe(0);
  });

  /** Working days from the renewal's opening day up to (not including) the day the validity ends, counted day by day. */
  function renewalWorkingDays(v: { until: string; renewalAt: string }): number {
    let n = 0;
    for (
      let day = Date.parse(`${cstDate(v.renewalAt)}T00:00:00Z`);
      new Date(day).toISOString().slice(0, 10) < cstDate(v.until);
      day += DAY_MS
    ) {
      if (calendar.isWorkingDay(new Date(day).toISOString().slice(0, 10))) n++;
    }
    return n;
  }

  it('刚性支出: valid 12 months; the RENEWAL recheck opens 20 working days before; nobody decides → the case exits EXPIRED, the renewal cancelled', async () => {
    const h = await start('rigid-expired', workingFacts, unpaid('RIGID_EXPENSE'));
    const s0 = await state(h);
    const v = s0.validity!;
    const startedAt = Date.parse(s0.generationStartedAt);
    expect(monthOf(Date.parse(v.until))).toBe(addMonths(monthOf(startedAt), 12));
    expect(renewalWorkingDays(v)).toBe(20);
    expect(s0.nextRecheckAt).toBe(v.renewalAt);
    await env.sleep(Date.parse(v.renewalAt) - (await env.currentTimeMs()) - DAY_MS);
    expect(rec('rigid-expired').rechecks).toEqual([]); // not a day early
    await env.sleep(2 * DAY_MS);
    await eventually(() => expect(rec('rigid-expired').rechecks).toEqual(['RENEWAL']));
    const renewal = (await state(h)).currentRecheck!;
    await eventually(() => expect(plans.at(-1)?.limitId).toBe('time_limit.recheck_investigation.rigid_expense')); // the category's own step limit
    await env.sleep(Date.parse(v.until) - (await env.currentTimeMs()) + DAY_MS);
    const result: EnrolledCaseState = await h.result();
    expect(result).toMatchObject({
      status: 'EXITED',
      currentRecheck: null,
      paymentsWritten: 0,
      exit: { reasons: [expect.stringContaining(`认定有效期已于 ${cstDate(v.until)} 届满`)] },
    });
    expect(rec('rigid-expired').exits).toEqual([
      { reasons: result.exit!.reasons, event: 'EXPIRED', lastPaidMonth: null, validUntil: v.until },
    ]);
    expect((await env.client.workflow.getHandle(renewal.workflowId).describe()).status.name).toBe('CANCELLED');
    expect(rec('rigid-expired').payments.size).toBe(0);
  });

  it('刚性支出: the renewal decided (still qualifies) extends the validity by another period from its end; the next one lapses → EXPIRED', async () => {
    const h = await start('rigid-renewed', workingFacts, unpaid('RIGID_EXPENSE'));
    const firstRun = (await h.describe()).runId;
    const v1 = (await state(h)).validity!;
    await env.sleep(Date.parse(v1.renewalAt) - (await env.currentTimeMs()) + DAY_MS);
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate());
    await completeRecheck(h, 'RECHECK_DECIDE', officer, { action: 'decide', decision: { outcome: 'UNCHANGED' } });
    const v2 = await eventually(async () => {
      const st = await state(h);
      expect(st.validity?.renewals).toBe(1);
      return st.validity!;
    });
    expect(v2.until).toBe(new Date(plusMonths(Date.parse(v1.until), 12)).toISOString());
    expect(renewalWorkingDays(v2)).toBe(20);
    await eventually(() =>
      expect(rec('rigid-renewed').statuses.map((x) => x.event)).toEqual([
        'LIFECYCLE_STARTED',
        'RECHECK_UNCHANGED',
        'VALIDITY_RENEWED',
      ]),
    );
    expect((await state(h)).nextRecheckAt).toBe(v2.renewalAt);
    // Past the first period's end: still recognised.
    await env.sleep(Date.parse(v1.until) - (await env.currentTimeMs()) + 10 * DAY_MS);
    expect(await state(h)).toMatchObject({ status: 'ACTIVE', exit: null });
    // The second renewal is left undecided: the case expires at the second period's end.
    await env.sleep(Date.parse(v2.until) - (await env.currentTimeMs()) + DAY_MS);
    const result: EnrolledCaseState = await h.result();
    expect(result.status).toBe('EXITED');
    expect(rec('rigid-renewed').rechecks).toEqual(['RENEWAL', 'RENEWAL']);
    expect(rec('rigid-renewed').exits).toEqual([expect.objectContaining({ event: 'EXPIRED', validUntil: v2.until })]);
    // The run that planned and renewed the validity (the case continued as new after it, carrying it).
    expect((await h.describe()).runId).not.toBe(firstRun);
    await recordHistory('enrolled-case-rigid-renewed-run-1', () =>
      env.client.workflow.getHandle(h.workflowId, firstRun).fetchHistory(),
    );
  });

  it('continue-as-new (at least every generationDays) carries every field of the state', async () => {
    const h = await start('can', workingFacts, { generationDays: 45 });
    const firstRun = (await h.describe()).runId;
    // Something in every part of the state: a recheck with work refusals, a suspension.
    await h.signal(reportChangeSignal, { changeReportId: 'c5', kind: 'MEMBER_ADDED', material: true });
    await completeRecheck(h, 'RECHECK_INVESTIGATE', caseworker, investigate(undefined, 2));
    await completeRecheck(h, 'RECHECK_DECIDE', officer, {
      action: 'decide',
      decision: { outcome: 'ADJUST', amount: 700, reasons: ['新增家庭成员'] },
    });
    await eventually(async () => expect((await state(h)).rechecksDone).toBe(1));
    await h.executeUpdate(suspendUpdate, { args: [{ actor: supervisor, requestId: 'r', reason: '暂停核查' }] });
    const before = await state(h);
    await env.sleep(50 * DAY_MS);
    const after = await eventually(async () => {
      const st = await state(h);
      expect(st.generation).toBe(1);
      return st;
    });
    expect((await env.client.workflow.getHandle(`enrolled-case-can`).describe()).runId).not.toBe(firstRun);
    // Everything but what time itself moves (generation, payment month, the adjustment taking effect) is carried unchanged.
    const moving = ['generation', 'generationStartedAt', 'nextPaymentMonth', 'pendingAmount', 'monthlyAmount'];
    const kept = (st: EnrolledCaseState) => Object.fromEntries(Object.entries(st).filter(([k]) => !moving.includes(k)));
    expect(kept(after)).toEqual(kept(before));
    expect(after).toMatchObject({
      workRefusals: 2,
      rechecksDone: 1,
      changesReported: 1,
      status: 'SUSPENDED',
      suspension: { reason: '暂停核查' },
    });
    // The adjusted amount took effect on the way (the suspended months were not paid).
    expect(after.monthlyAmount === 700 || after.pendingAmount?.amount === 700).toBe(true);
  });
});

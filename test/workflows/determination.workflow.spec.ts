import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { planDue } from '../../src/applications/due-dates';
import type { DueRequest } from '../../src/core/due';
import type { ApplicationActivities, ApplicationEventInput } from '../../src/applications/application.activities';
import type {
  Acting,
  ActorRef,
  DeterminationAction,
  DeterminationInput,
  DeterminationState,
} from '../../src/core/contracts/determination';
import type { HouseholdFacts } from '../../src/core/contracts/household-facts';
import type { TaskClosing, TaskReschedule, TaskSpec } from '../../src/core/contracts/task';
import {
  defaultCalendar,
  defaultParameterStore,
  evaluateHousehold,
  FIXED_DATE_HOLIDAYS,
  WorkingDayCalendar,
} from '../../src/policy';
import type { TaskActivities } from '../../src/tasks/task.activities';
import type { IncidentActivities } from '../../src/incidents/incident.activities';
import type { IncidentRaised } from '../../src/core/contracts/incident';
import {
  actUpdate,
  calendarLoadedSignal,
  determinationStateQuery,
  lodgeObjectionUpdate,
  resolveIncidentUpdate,
} from '../../src/core/messages';
import { cstDate, endOfDayCst } from '../../src/core/clock';
import { household, member, monthly } from '../unit/policy/fixtures';
import { village, caseworker, officer, supervisor } from '../support/actors';
import { recordHistory } from '../support/histories';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier (architecture.md rule 8): the real workflow on the Java time-skipping
// server with the real policy engine, parameters and working-day calendar; activities that
// write to PostgreSQL are replaced by recorders. Set RECORD_HISTORIES=1 to refresh the
// histories the replay test runs (test/replay/histories).

const DAY = 24 * 3600 * 1000;
const QUEUE = 'determination-test';
const params = defaultParameterStore();
/** The harness's calendar; one test swaps it for a calendar without any published year. */
let calendar: WorkingDayCalendar = defaultCalendar();

/** Two adults, 500.00 per capita in a 630.00 area: eligible for 低保; the gap (130.00) is below the 315.00 floor, so 315.00 × 2. */
const poorFacts: HouseholdFacts = household({
  members: [member('p1', '1980-05-01'), member('p2', '1982-07-01', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 1000),
});
/** 2,000.00 per capita: not eligible. */
const richFacts: HouseholdFacts = household({
  members: [member('p1', '1980-05-01')],
  income: monthly('p1', 'WAGE', 2000),
});
/** Aged 70, alone, no income: 特困. */
const destituteFacts: HouseholdFacts = household({
  members: [member('p1', '1950-01-01', { labourCapacity: 'NONE' })],
  categoriesRequested: ['DESTITUTE'],
});

interface Recorded {
  events: ApplicationEventInput[];
  tasks: TaskSpec[];
  closed: TaskClosing[];
  reminders: string[];
  rescheduled: TaskReschedule[];
  notices: Array<{ kind: string; items: string[]; reasons: string[] }>;
  decisions: Array<Parameters<ApplicationActivities['recordDecision']>[0]>;
  objections: number;
  stages: string[];
  incidents: IncidentRaised[];
  resolvedIncidents: string[];
}

describe('determinationWorkflow (time-skipping, real policy engine)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const facts = new Map<string, HouseholdFacts>();
  const recorded = new Map<string, Recorded>();
  const rec = (id: string): Recorded => recorded.get(id)!;

  const activities: ApplicationActivities & TaskActivities & IncidentActivities = {
    recordIntake: async () => undefined,
    recordApplicationEvent: async (e) => void rec(e.applicationId).events.push(e),
    updateReadModel: async (u) => void (u.stage && rec(u.applicationId).stages.push(u.stage)),
    planDue: async (req) => {
      plans.push(req);
      return planDue(params, calendar, req);
    },
    crossCheck: async () => [],
    evaluateApplication: async ({ applicationId }) => {
      // A parameter the administrator has not entered yet: the engine's refusal is final (an incident).
      if (missingParameter.has(applicationId))
        throw ApplicationFailure.create({
          type: 'PARAMETER_NOT_IN_FORCE',
          message: '参数 minimum_living.standard 没有生效的版本，请管理员补录',
          nonRetryable: true,
        });
      const d = evaluateHousehold(facts.get(applicationId)!, params);
      const category = recorded.get(applicationId) && categoryOf.get(applicationId)!;
      const r = d.categories[category as 'MINIMUM_LIVING'];
      return {
        factsVersion: 1,
        status: r.status,
        monthlyAmount: r.proposedMonthlyBenefit,
        recommendedCategory: d.recommendedCategory,
      };
    },
    updateFacts: async ({ applicationId, facts: f }) => {
      facts.set(applicationId, f);
      return 2;
    },
    issueNotice: async (n) =>
      void rec(n.applicationId).notices.push({ kind: n.kind, items: n.items, reasons: n.reasons }),
    publish: async ({ applicationId }) => void rec(applicationId).stages.push('PUBLICITY'),
    recordObjection: async ({ applicationId }) => void rec(applicationId).objections++,
    recordDecision: async (d) => void rec(d.applicationId).decisions.push(d),
    cancelOpenTasks: async () => undefined,
    openTask: async (spec) => void rec(spec.applicationId!).tasks.push(spec),
    closeTask: async (c) =>
      void [...recorded.values()].find((r) => r.tasks.some((t) => t.taskId === c.taskId))?.closed.push(c),
    remindTask: async (taskId) => {
      [...recorded.values()].find((r) => r.tasks.some((t) => t.taskId === taskId))?.reminders.push(taskId);
      return true;
    },
    raiseIncident: async (i) => void rec(i.caseId!).incidents.push(i),
    incidentResolved: async ({ incidentId }) =>
      void [...recorded.values()]
        .find((r) => r.incidents.some((i) => i.incidentId === incidentId))
        ?.resolvedIncidents.push(incidentId),
    rescheduleTask: async (m) =>
      void [...recorded.values()].find((r) => r.tasks.some((t) => t.taskId === m.taskId))?.rescheduled.push(m),
  };
  const categoryOf = new Map<string, DeterminationInput['category']>();
  /** Cases whose evaluation is refused for a parameter not in force, until the test supplies it. */
  const missingParameter = new Set<string>();
  /** Every due date the workflows asked for, in order (the limit each step used). */
  const plans: DueRequest[] = [];

  beforeAll(async () => {
    env = await startTimeSkipping();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function start(id: string, f: HouseholdFacts, opts: Partial<DeterminationInput> = {}) {
    facts.set(id, f);
    recorded.set(id, {
      events: [],
      tasks: [],
      closed: [],
      reminders: [],
      rescheduled: [],
      notices: [],
      decisions: [],
      objections: 0,
      stages: [],
      incidents: [],
      resolvedIncidents: [],
    });
    const input: DeterminationInput = {
      applicationId: id,
      householdId: 'h-1',
      category: 'MINIMUM_LIVING',
      channel: 'ON_BEHALF',
      countyCode: '410502',
      townshipCode: '410502002',
      villageCode: '410502002001',
      submittedBy: village,
      requestId: 'r0',
      delegated: false,
      closeRelativeFlag: false,
      ...opts,
    };
    categoryOf.set(id, input.category);
    return env.client.workflow.start('determinationWorkflow', {
      taskQueue: QUEUE,
      workflowId: `application-${id}`,
      args: [input],
    });
  }

  type Handle = WorkflowHandle;
  const state = (h: Handle) => h.query(determinationStateQuery);

  /** Waits (in real time, briefly) until the workflow has opened a task of this type. */
  async function taskOf(h: Handle, type: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const s = await state(h);
      if (s.currentTask?.type === type) return s.currentTask.taskId;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${type} task; state: ${JSON.stringify(await state(h))}`);
  }

  async function waitForStage(h: Handle, stage: string): Promise<DeterminationState> {
    for (let i = 0; i < 200; i++) {
      const s = await state(h);
      if (s.stage === stage) return s;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`never reached ${stage}; state: ${JSON.stringify(await state(h))}`);
  }

  /** Waits until publicity round `round` has started (its end planned), for lodging objections. */
  async function inPublicity(h: Handle, round: number): Promise<DeterminationState> {
    for (let i = 0; i < 200; i++) {
      const s = await state(h);
      if (s.stage === 'PUBLICITY' && s.publicityRound === round && s.publicityEndsAt !== null) return s;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`publicity round ${round} never started; state: ${JSON.stringify(await state(h))}`);
  }

  /** Lets publicity round `round` run its full course (7 natural days) on the test server's clock. */
  async function publicityPasses(h: Handle, round: number): Promise<void> {
    const s = await inPublicity(h, round);
    await env.sleep(Math.max(Date.parse(s.publicityEndsAt!) - (await env.currentTimeMs()), 0) + 60_000);
  }

  /** Completes the open task of `type` as `actor`. */
  async function complete(
    h: Handle,
    type: string,
    actor: ActorRef,
    command: DeterminationAction,
  ): Promise<DeterminationState> {
    const taskId = await taskOf(h, type);
    return h.executeUpdate(actUpdate, { args: [{ actor, requestId: `r-${command.action}`, taskId, command }] });
  }

  /** Retries an assertion briefly (real time): the workflow reacts to an Update after answering it. */
  async function eventually(check: () => void): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        return check();
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  const act = (h: Handle, acting: Acting<DeterminationAction>) => h.executeUpdate(actUpdate, { args: [acting] });

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

  const homeVisit: DeterminationAction = {
    action: 'recordHomeVisit',
    investigators: ['李调查', '王调查'],
    findings: '家中无大额财产',
    signedByHousehold: true,
  };
  const approveOpinion: DeterminationAction = {
    action: 'submitOpinion',
    proposal: 'APPROVE',
    reasons: ['收入低于标准'],
  };

  /** The first investigation: the caseworker starts it, then records the home visit (patch investigation-start-measured). */
  async function investigate(h: Handle, visit: DeterminationAction = homeVisit): Promise<DeterminationState> {
    await complete(h, 'START_INVESTIGATION', caseworker, { action: 'startInvestigation' });
    return complete(h, 'HOME_VISIT', caseworker, visit);
  }

  /** Intake to the end of the first publicity, without objections. */
  async function throughPublicity(h: Handle): Promise<void> {
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await publicityPasses(h, 1);
  }

  const record = (name: string, h: Handle) => recordHistory(name, () => h.fetchHistory());

  /**
   * The due instant of a limit of `n` working days from an instant, counted day by day on the
   * harness's calendar (the start day not counted), at the close of the due day in CST.
   */
  function workingDaysAfter(fromIso: string, n: number): string {
    let day = Date.parse(`${cstDate(fromIso)}T00:00:00Z`);
    for (let left = n; left > 0;) {
      day += DAY;
      if (calendar.isWorkingDay(new Date(day).toISOString().slice(0, 10))) left--;
    }
    return endOfDayCst(new Date(day).toISOString().slice(0, 10));
  }
  /** The latest due date the workflows planned for a limit (the tests run one at a time). */
  const lastPlan = (limitId: string): DueRequest => plans.filter((p) => p.limitId === limitId).at(-1)!;
  /** Skips the test server's clock to an instant plus `extraMs`. */
  async function sleepUntil(iso: string, extraMs: number): Promise<void> {
    await env.sleep(Math.max(Date.parse(iso) + extraMs - (await env.currentTimeMs()), 1));
  }

  it('approve: intake → acceptance → investigation → review → 7-day publicity → confirmation → enrolled, with the engine amount', async () => {
    const h = await start('approve', poorFacts);
    await throughPublicity(h);
    const reply = await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(reply).toMatchObject({ stage: 'CONFIRMATION', currentTask: null }); // answered at once; the loop records it
    expect(await h.result()).toMatchObject({
      stage: 'ENROLLED',
      engine: { status: 'eligible', monthlyAmount: 630 },
      outcome: { decidedBy: 'u-officer', amount: 630 },
      publicityRound: 1,
    });
    const r = rec('approve');
    expect(r.tasks.map((t) => t.type)).toEqual(['ACCEPT', 'START_INVESTIGATION', 'HOME_VISIT', 'REVIEW', 'CONFIRM']);
    expect(r.tasks.map((t) => t.candidateRole)).toEqual([
      'TOWNSHIP_CASEWORKER',
      'TOWNSHIP_CASEWORKER',
      'TOWNSHIP_CASEWORKER',
      'TOWNSHIP_CASEWORKER',
      'COUNTY_OFFICER',
    ]);
    expect(r.tasks[4]!.jurisdiction).toBe('410502');
    expect(r.closed.filter((c) => c.status === 'DONE').map((c) => c.outcome)).toEqual([
      'accept',
      'startInvestigation',
      'recordHomeVisit',
      'submitOpinion',
      'confirm',
    ]);
    expect(r.decisions).toEqual([
      expect.objectContaining({ outcome: 'APPROVED', monthlyAmount: 630, amountReason: null }),
    ]);
    await record('approve', h);
  });

  it('refuse: a refusal proposal skips publicity; the county refuses with reasons', async () => {
    const h = await start('refuse', richFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    expect(await refusal(complete(h, 'REVIEW', caseworker, approveOpinion))).toBe('DISAGREEMENT_REASON_REQUIRED');
    await complete(h, 'REVIEW', caseworker, {
      action: 'submitOpinion',
      proposal: 'REFUSE',
      reasons: ['家庭人均收入高于标准'],
    });
    await waitForStage(h, 'CONFIRMATION');
    await complete(h, 'CONFIRM', officer, { action: 'refuse', reasons: ['家庭月人均收入 2000.00 元高于低保标准'] });
    expect(await h.result()).toMatchObject({ stage: 'REFUSED', publicityRound: 0 });
    expect(rec('refuse').decisions).toEqual([
      expect.objectContaining({
        outcome: 'REFUSED',
        monthlyAmount: null,
        reasons: ['家庭月人均收入 2000.00 元高于低保标准'],
      }),
    ]);
    await record('refuse', h);
  });

  it('an amount other than the engine’s needs a reason (400), then is accepted with it', async () => {
    const h = await start('amount', poorFacts);
    await throughPublicity(h);
    expect(await refusal(complete(h, 'CONFIRM', officer, { action: 'confirm', amount: 300 }))).toBe(
      'AMOUNT_REASON_REQUIRED',
    );
    await complete(h, 'CONFIRM', officer, {
      action: 'confirm',
      amount: 300,
      amountReason: '家庭成员患慢性病，酌情提高',
    });
    await h.result();
    expect(rec('amount').decisions[0]).toMatchObject({
      monthlyAmount: 300,
      amountReason: '家庭成员患慢性病，酌情提高',
    });
  });

  it('incomplete → one notice listing every missing item → supplement → continues', async () => {
    const h = await start('supplement', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'requestSupplement', missing: ['户口簿复印件', '残疾证'] });
    await complete(h, 'SUPPLY', village, { action: 'supplement', items: ['户口簿复印件', '残疾证'] });
    await taskOf(h, 'ACCEPT'); // back to acceptance
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await taskOf(h, 'START_INVESTIGATION');
    expect(rec('supplement').notices).toEqual([
      { kind: 'SUPPLEMENT_REQUEST', items: ['户口簿复印件', '残疾证'], reasons: [] },
    ]);
    await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '测试结束' } });
    await record('supplement', h);
  });

  it('supplement deadline (15 natural days) → closed as incomplete, with a notice', async () => {
    const h = await start('supplement-expired', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'requestSupplement', missing: ['收入证明'] });
    await taskOf(h, 'SUPPLY');
    await env.sleep(15 * DAY + 60_000);
    expect(await h.result()).toMatchObject({ stage: 'CLOSED' });
    expect(rec('supplement-expired').notices.map((n) => n.kind)).toEqual(['SUPPLEMENT_REQUEST', 'SUPPLEMENT_EXPIRED']);
    expect(rec('supplement-expired').reminders).toEqual([]); // a deadline that closes, not one that escalates
    await record('supplement-expired', h);
  });

  it('objection → re-investigation → new opinion → new publicity → confirmation', async () => {
    const h = await start('objection-reinvestigate', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await inPublicity(h, 1);
    await expect(h.executeUpdate(lodgeObjectionUpdate, { args: [{ text: '该户有营运车辆' }] })).resolves.toEqual({
      round: 1,
    });
    await publicityPasses(h, 1);
    await complete(h, 'RESOLVE_OBJECTION', caseworker, { action: 'reinvestigate', note: '核查车辆情况' });
    await complete(h, 'HOME_VISIT', caseworker, { ...homeVisit, findings: '车辆已报废' } as DeterminationAction);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    expect((await inPublicity(h, 2)).publicityRound).toBe(2);
    await publicityPasses(h, 2);
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED', publicityRound: 2 });
    expect(rec('objection-reinvestigate').objections).toBe(1);
    expect(rec('objection-reinvestigate').tasks.map((t) => t.type)).toEqual([
      'ACCEPT',
      'START_INVESTIGATION',
      'HOME_VISIT',
      'REVIEW',
      'RESOLVE_OBJECTION',
      'HOME_VISIT',
      'REVIEW',
      'CONFIRM',
    ]);
    await record('objection-reinvestigate', h);
  });

  it('objection → democratic appraisal → new opinion → new publicity; objections outside publicity are refused', async () => {
    const h = await start('objection-appraisal', poorFacts);
    expect(await refusal(h.executeUpdate(lodgeObjectionUpdate, { args: [{ text: '太早了' }] }))).toBe('WRONG_STAGE');
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await inPublicity(h, 1);
    await h.executeUpdate(lodgeObjectionUpdate, { args: [{ text: '家庭实际收入较高', contact: '13800000000' }] });
    await publicityPasses(h, 1);
    await complete(h, 'RESOLVE_OBJECTION', caseworker, { action: 'holdAppraisal', note: '组织民主评议' });
    await complete(h, 'DEMOCRATIC_APPRAISAL', caseworker, {
      action: 'recordAppraisal',
      participants: 9,
      result: 'SUPPORT',
      minutes: '评议同意',
    });
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await publicityPasses(h, 2);
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED', publicityRound: 2 });
    await record('objection-appraisal', h);
  });

  it('inadmissible: the caseworker declines at acceptance with a reason → CLOSED with one INADMISSIBLE notice, nothing more opened', async () => {
    const h = await start('inadmissible', poorFacts);
    const taskId = await taskOf(h, 'ACCEPT');
    expect(await refusal(complete(h, 'ACCEPT', village, { action: 'declineInadmissible', reason: '重复申请' }))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    await complete(h, 'ACCEPT', caseworker, {
      action: 'declineInadmissible',
      reason: '该户已有一件在办的低保申请，属重复申请',
    });
    expect(await h.result()).toMatchObject({
      stage: 'CLOSED',
      currentTask: null,
      processDueAt: null,
      engine: null,
      opinion: null,
      outcome: null,
      publicityRound: 0,
    });
    const r = rec('inadmissible');
    expect(r.tasks.map((t) => t.type)).toEqual(['ACCEPT']);
    expect(r.closed).toEqual([
      {
        taskId,
        status: 'DONE',
        outcome: 'declineInadmissible',
        completedBy: caseworker.userId,
        completedByRole: 'TOWNSHIP_CASEWORKER',
      },
    ]);
    expect(r.notices).toEqual([
      { kind: 'INADMISSIBLE', items: [], reasons: ['该户已有一件在办的低保申请，属重复申请'] },
    ]);
    expect(r.decisions).toEqual([]);
    expect(r.stages).toEqual(['CLOSED']);
    expect(r.events.map((e) => [e.type, e.reason])).toEqual([
      ['ACTION_declineInadmissible', '该户已有一件在办的低保申请，属重复申请'],
      ['INADMISSIBLE', '该户已有一件在办的低保申请，属重复申请'],
    ]);
    await record('inadmissible', h);
  });

  it('objection dismissed with a reason → straight to confirmation, no new publicity → enrolled', async () => {
    const h = await start('objection-dismissed', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await inPublicity(h, 1);
    await h.executeUpdate(lodgeObjectionUpdate, { args: [{ text: '该户有营运车辆' }] });
    await publicityPasses(h, 1);
    await taskOf(h, 'RESOLVE_OBJECTION');
    const resolve = (await state(h)).currentTask!;
    expect(resolve).toMatchObject({
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
      dueAt: workingDaysAfter(lastPlan('time_limit.objection_handling').from, 5),
    });
    await complete(h, 'RESOLVE_OBJECTION', caseworker, {
      action: 'dismissObjection',
      reason: '经核实，异议所称车辆已于去年报废',
    });
    await taskOf(h, 'CONFIRM');
    expect(await state(h)).toMatchObject({ stage: 'CONFIRMATION', publicityRound: 1, objectionsThisRound: 1 });
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({
      stage: 'ENROLLED',
      publicityRound: 1,
      outcome: { decidedBy: 'u-officer', amount: 630 },
    });
    const r = rec('objection-dismissed');
    expect(r.objections).toBe(1);
    expect(r.tasks.map((t) => t.type)).toEqual([
      'ACCEPT',
      'START_INVESTIGATION',
      'HOME_VISIT',
      'REVIEW',
      'RESOLVE_OBJECTION',
      'CONFIRM',
    ]);
    expect(r.closed.filter((c) => c.status === 'DONE').map((c) => c.outcome)).toEqual([
      'accept',
      'startInvestigation',
      'recordHomeVisit',
      'submitOpinion',
      'dismissObjection',
      'confirm',
    ]);
    expect(r.events.filter((e) => e.type === 'ACTION_dismissObjection').map((e) => e.reason)).toEqual([
      '经核实，异议所称车辆已于去年报废',
    ]);
    expect(r.stages.filter((st) => st === 'PUBLICITY')).toHaveLength(2); // the stage and its one publication
    expect(r.decisions).toEqual([expect.objectContaining({ outcome: 'APPROVED', monthlyAmount: 630 })]);
    await record('objection-dismissed', h);
  });

  it('democratic appraisal OPPOSE → a new review: a refusal against the engine needs its reason, is not published, and the county refuses', async () => {
    const h = await start('appraisal-oppose', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await inPublicity(h, 1);
    await h.executeUpdate(lodgeObjectionUpdate, { args: [{ text: '家庭实际收入较高' }] });
    await publicityPasses(h, 1);
    await complete(h, 'RESOLVE_OBJECTION', caseworker, { action: 'holdAppraisal', note: '组织民主评议' });
    await taskOf(h, 'DEMOCRATIC_APPRAISAL');
    expect((await state(h)).currentTask!.dueAt).toBe(workingDaysAfter(lastPlan('time_limit.appraisal').from, 10));
    await complete(h, 'DEMOCRATIC_APPRAISAL', caseworker, {
      action: 'recordAppraisal',
      participants: 11,
      result: 'OPPOSE',
      minutes: '多数代表认为该户实际收入高于申报',
    });
    await taskOf(h, 'REVIEW');
    expect(await state(h)).toMatchObject({
      stage: 'REVIEW',
      publicityRound: 1,
      engine: { status: 'eligible', monthlyAmount: 630 },
    });
    const refuseOpinion: DeterminationAction = {
      action: 'submitOpinion',
      proposal: 'REFUSE',
      reasons: ['民主评议不同意'],
    };
    expect(await refusal(complete(h, 'REVIEW', caseworker, refuseOpinion))).toBe('DISAGREEMENT_REASON_REQUIRED');
    await complete(h, 'REVIEW', caseworker, {
      ...refuseOpinion,
      disagreementReason: '民主评议 11 人参加多数不同意，经核实实际收入高于申报',
    } as DeterminationAction);
    await taskOf(h, 'CONFIRM');
    expect(await state(h)).toMatchObject({
      stage: 'CONFIRMATION',
      publicityRound: 1,
      opinion: { proposal: 'REFUSE', amount: null },
    });
    await complete(h, 'CONFIRM', officer, {
      action: 'refuse',
      reasons: ['经民主评议和核实，家庭实际收入高于低保标准'],
    });
    expect(await h.result()).toMatchObject({
      stage: 'REFUSED',
      publicityRound: 1,
      outcome: { decidedBy: 'u-officer', amount: null },
    });
    const r = rec('appraisal-oppose');
    expect(r.tasks.map((t) => t.type)).toEqual([
      'ACCEPT',
      'START_INVESTIGATION',
      'HOME_VISIT',
      'REVIEW',
      'RESOLVE_OBJECTION',
      'DEMOCRATIC_APPRAISAL',
      'REVIEW',
      'CONFIRM',
    ]);
    expect(r.events.filter((e) => e.type === 'ACTION_recordAppraisal').map((e) => e.reason)).toEqual([
      '民主评议 11 人参加，结论：不同意',
    ]);
    expect(r.decisions).toEqual([
      expect.objectContaining({
        outcome: 'REFUSED',
        monthlyAmount: null,
        amountReason: null,
        reasons: ['经民主评议和核实，家庭实际收入高于低保标准'],
        actor: officer,
      }),
    ]);
    await record('appraisal-oppose', h);
  });

  it('refused after a published approval: the county refuses at confirmation with its reasons', async () => {
    const h = await start('refuse-after-publicity', poorFacts);
    await throughPublicity(h);
    await taskOf(h, 'CONFIRM');
    expect(await state(h)).toMatchObject({
      stage: 'CONFIRMATION',
      publicityRound: 1,
      opinion: { proposal: 'APPROVE', amount: 630 },
    });
    expect(await refusal(complete(h, 'CONFIRM', caseworker, { action: 'refuse', reasons: ['x'] }))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    await complete(h, 'CONFIRM', officer, { action: 'refuse', reasons: ['县级核查发现家庭有未申报的存款'] });
    expect(await h.result()).toMatchObject({
      stage: 'REFUSED',
      publicityRound: 1,
      outcome: { decidedBy: 'u-officer', amount: null },
    });
    const r = rec('refuse-after-publicity');
    expect(r.closed.filter((c) => c.status === 'DONE').map((c) => c.outcome)).toEqual([
      'accept',
      'startInvestigation',
      'recordHomeVisit',
      'submitOpinion',
      'refuse',
    ]);
    expect(r.decisions).toEqual([
      expect.objectContaining({
        outcome: 'REFUSED',
        monthlyAmount: null,
        amountReason: null,
        reasons: ['县级核查发现家庭有未申报的存款'],
      }),
    ]);
    expect(r.events.filter((e) => e.type === 'ACTION_refuse').map((e) => e.reason)).toEqual([
      '县级核查发现家庭有未申报的存款',
    ]);
    await record('refuse-after-publicity', h);
  });

  it('overdue review: due 5 working days after it opened; reminded before, escalated once past it; the supervisor gives the opinion in place', async () => {
    const h = await start('overdue-review', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    const taskId = await taskOf(h, 'REVIEW');
    const dueAt = workingDaysAfter(lastPlan('time_limit.review').from, 5);
    expect((await state(h)).currentTask).toEqual({
      taskId,
      type: 'REVIEW',
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
      dueAt,
    });
    const r = rec('overdue-review');
    expect(r.tasks.find((t) => t.taskId === taskId)).toMatchObject({
      dueAt,
      dueProvisional: calendar.isProvisional(cstDate(dueAt)),
    });
    const escalations = () => r.tasks.filter((t) => t.type === 'ESCALATION');
    await sleepUntil(dueAt, -3600_000); // an hour before: reminded (80%), not escalated
    expect(r.reminders).toEqual([taskId]);
    expect(escalations()).toEqual([]);
    await sleepUntil(dueAt, 60_000);
    await eventually(() => expect(escalations()).toHaveLength(1));
    expect(escalations()[0]).toMatchObject({
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      countyCode: '410502',
      escalates: taskId,
      priority: 2,
      dueAt: null,
    });
    expect(r.events.filter((e) => e.type === 'ESCALATED').map((e) => e.reason)).toEqual([
      `「REVIEW」环节已超过办理期限 ${dueAt}`,
    ]);
    expect(await state(h)).toMatchObject({ stage: 'REVIEW', overdueSteps: 1, processOverdue: false });
    await env.sleep(3 * DAY);
    expect(escalations()).toHaveLength(1); // once
    await complete(h, 'REVIEW', supervisor, {
      ...approveOpinion,
      reasons: ['县级主管代为审核'],
    } as DeterminationAction);
    await inPublicity(h, 1);
    expect(r.closed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          taskId,
          status: 'DONE',
          outcome: 'submitOpinion',
          completedBy: 'u-supervisor',
          completedByRole: 'COUNTY_SUPERVISOR',
        }),
        expect.objectContaining({ taskId: escalations()[0]!.taskId, status: 'DONE', outcome: 'STEP_COMPLETED' }),
      ]),
    );
    await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '测试结束' } });
    expect(await h.result()).toMatchObject({ stage: 'WITHDRAWN' });
    await record('overdue-review', h);
  });

  it('overdue confirmation: due 10 working days after publicity ended; escalated once past it; the supervisor confirms in the officer’s place', async () => {
    const h = await start('overdue-confirm', poorFacts);
    await throughPublicity(h);
    const taskId = await taskOf(h, 'CONFIRM');
    const dueAt = workingDaysAfter(lastPlan('time_limit.confirmation').from, 10);
    expect((await state(h)).currentTask).toEqual({
      taskId,
      type: 'CONFIRM',
      candidateRole: 'COUNTY_OFFICER',
      jurisdiction: '410502',
      dueAt,
    });
    // The step's due date falls before the whole-process one (30 working days from acceptance).
    const processDueAt = workingDaysAfter(lastPlan('time_limit.whole_process').from, 30);
    expect((await state(h)).processDueAt).toBe(processDueAt);
    expect(Date.parse(dueAt)).toBeLessThan(Date.parse(processDueAt));
    const r = rec('overdue-confirm');
    const escalations = () => r.tasks.filter((t) => t.type === 'ESCALATION');
    expect(await refusal(complete(h, 'CONFIRM', supervisor, { action: 'confirm' }))).toBe('STEP_NOT_OVERDUE');
    await sleepUntil(dueAt, -3600_000);
    expect(r.reminders).toEqual([taskId]);
    expect(escalations()).toEqual([]);
    await sleepUntil(dueAt, 60_000);
    await eventually(() => expect(escalations()).toHaveLength(1));
    expect(escalations()[0]).toMatchObject({
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      escalates: taskId,
      priority: 2,
    });
    expect(r.events.filter((e) => e.type === 'ESCALATED').map((e) => e.reason)).toEqual([
      `「CONFIRM」环节已超过办理期限 ${dueAt}`,
    ]);
    expect(await state(h)).toMatchObject({ stage: 'CONFIRMATION', overdueSteps: 1, processOverdue: false });
    await complete(h, 'CONFIRM', supervisor, { action: 'confirm' });
    expect(await h.result()).toMatchObject({
      stage: 'ENROLLED',
      overdueSteps: 1,
      outcome: { decidedBy: 'u-supervisor', amount: 630 },
    });
    expect(r.decisions).toEqual([
      expect.objectContaining({ outcome: 'APPROVED', monthlyAmount: 630, actor: supervisor }),
    ]);
    expect(r.closed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ taskId: escalations()[0]!.taskId, status: 'DONE', outcome: 'STEP_COMPLETED' }),
      ]),
    );
    expect(escalations()).toHaveLength(1);
    await record('overdue-confirm', h);
  });

  it('overdue acceptance → reminder at 80% → escalation to the county supervisor → supervisor extends the step, then acts in place', async () => {
    const h = await start('overdue', poorFacts);
    const taskId = await taskOf(h, 'ACCEPT');
    // Not overdue yet: the step is the caseworker's, the supervisor cannot act in their place.
    expect(await refusal(complete(h, 'ACCEPT', supervisor, { action: 'accept', note: '县级主管代为受理' }))).toBe(
      'STEP_NOT_OVERDUE',
    );
    expect((await state(h)).stage).toBe('SUBMITTED');
    await env.sleep(30 * DAY); // 5 working days, far exceeded (skipped, not waited)
    const r = rec('overdue');
    expect(r.reminders).toEqual([taskId]);
    const escalation = r.tasks.find((t) => t.type === 'ESCALATION')!;
    expect(escalation).toMatchObject({
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      escalates: taskId,
      priority: 2,
    });
    expect((await state(h)).overdueSteps).toBe(1);

    // The caseworker cannot extend; the supervisor can, with a reason.
    expect(
      await refusal(
        act(h, {
          actor: caseworker,
          requestId: 'x',
          command: { action: 'extendStep', reason: '人手不足', workingDays: 3 },
        }),
      ),
    ).toBe('ROLE_NOT_ALLOWED');
    const before = (await state(h)).currentTask!.dueAt!;
    const extended = await act(h, {
      actor: supervisor,
      requestId: 'x',
      command: { action: 'extendStep', reason: '人手不足', workingDays: 3 },
    });
    expect(Date.parse(extended.currentTask!.dueAt!)).toBeGreaterThan(Date.parse(before));
    expect(r.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'STEP_EXTENDED', actor: supervisor })]),
    );
    await eventually(() =>
      expect(r.closed).toEqual(
        expect.arrayContaining([expect.objectContaining({ taskId: escalation.taskId, outcome: 'DEADLINE_EXTENDED' })]),
      ),
    );
    // Extended, the step is the caseworker's again until its new due date.
    expect(await refusal(complete(h, 'ACCEPT', supervisor, { action: 'accept', note: '县级主管代为受理' }))).toBe(
      'STEP_NOT_OVERDUE',
    );
    // The new deadline has its own reminder and, when missed again, its own escalation.
    expect(Date.parse(extended.currentTask!.dueAt!)).toBeGreaterThan(await env.currentTimeMs());
    await env.sleep(Date.parse(extended.currentTask!.dueAt!) - (await env.currentTimeMs()) + DAY);
    await eventually(() => expect(r.tasks.filter((t) => t.type === 'ESCALATION')).toHaveLength(2));
    expect(r.reminders).toEqual([taskId, taskId]);
    expect((await state(h)).overdueSteps).toBe(2);
    // The supervisor acts in the caseworker's place.
    await complete(h, 'ACCEPT', supervisor, { action: 'accept', note: '县级主管代为受理' });
    await taskOf(h, 'START_INVESTIGATION');
    const second = r.tasks.filter((t) => t.type === 'ESCALATION')[1]!;
    expect(r.closed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ taskId: second.taskId, status: 'DONE', outcome: 'STEP_COMPLETED' }),
      ]),
    );
    await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '测试结束' } });
    await record('overdue', h);
  });

  it('whole-process limit: 30 working days from acceptance, extended once to 45 with a reason, escalated when passed', async () => {
    const h = await start('process-limit', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    const s = await waitForStage(h, 'INVESTIGATION');
    // 30 working days from acceptance on the holiday calendar, then 45 from the same day once extended.
    const acceptedAt = lastPlan('time_limit.whole_process').from;
    expect(s.processDueAt).toBe(workingDaysAfter(acceptedAt, 30));
    const extended = await act(h, {
      actor: supervisor,
      requestId: 'e',
      command: { action: 'extendProcess', reason: '需补充跨部门核查' },
    });
    expect(extended.processDueAt).toBe(workingDaysAfter(acceptedAt, 45));
    expect(lastPlan('time_limit.whole_process_extended').from).toBe(acceptedAt);
    expect(
      await refusal(
        act(h, { actor: supervisor, requestId: 'e2', command: { action: 'extendProcess', reason: '再次延长' } }),
      ),
    ).toBe('ALREADY_EXTENDED');
    await sleepUntil(extended.processDueAt!, -3600_000);
    expect(await state(h)).toMatchObject({ processOverdue: false });
    expect(rec('process-limit').events.filter((e) => e.reason?.startsWith('整体办理时限'))).toEqual([]);
    await sleepUntil(extended.processDueAt!, DAY);
    expect(await state(h)).toMatchObject({ processOverdue: true });
    expect(
      rec('process-limit')
        .events.filter((e) => e.type === 'ESCALATED')
        .map((e) => e.reason),
    ).toContain(`整体办理时限 ${extended.processDueAt} 已到，案件尚未办结`);
    expect(rec('process-limit').events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['PROCESS_EXTENDED', 'ESCALATED']),
    );
    await act(h, {
      actor: caseworker,
      requestId: 't',
      command: { action: 'terminateNonCooperation', reason: '拒不配合入户调查' },
    });
    expect(await h.result()).toMatchObject({ stage: 'TERMINATED' });
    expect(rec('process-limit').notices.map((n) => n.kind)).toEqual(['TERMINATED_NON_COOPERATION']);
    await record('process-limit', h);
  });

  it('holiday schedule loaded later: the provisional step and whole-process due dates are planned again on it, once', async () => {
    calendar = new WorkingDayCalendar([]); // no published year: every working-day limit is provisional
    try {
      const h = await start('calendar-loaded', poorFacts);
      await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
      const accepted = await waitForStage(h, 'INVESTIGATION');
      const taskId = await taskOf(h, 'START_INVESTIGATION');
      const extended = await act(h, {
        actor: supervisor,
        requestId: 'x',
        command: { action: 'extendStep', reason: '人手不足', workingDays: 5 },
      });
      const stepDue = extended.currentTask!.dueAt!;
      const processDue = accepted.processDueAt!;
      const r = rec('calendar-loaded');
      expect(r.tasks.find((t) => t.taskId === taskId)).toMatchObject({ dueProvisional: true });

      // The notice (test data): the fixed-date holidays, and both due days become days off.
      const first = new Date(await env.currentTimeMs()).getUTCFullYear() - 1;
      const last = Number(cstDate(processDue).slice(0, 4)) + 1;
      const offDays = [cstDate(stepDue), cstDate(processDue)];
      const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      calendar = new WorkingDayCalendar(
        years.map((year) => ({
          year,
          holidays: [
            ...new Set([
              ...FIXED_DATE_HOLIDAYS.map((md) => `${year}-${md}`),
              ...offDays.filter((d) => d.startsWith(`${year}-`)),
            ]),
          ],
          makeUpWorkdays: [],
          source: '测试用节假日安排',
        })),
      );
      const loaded = { year: last - 1, loadedAt: new Date().toISOString() };
      await h.signal(calendarLoadedSignal, loaded);

      const recalculated = () => r.rescheduled.filter((m) => m.cause === 'CALENDAR_LOADED');
      await eventually(() => expect(recalculated()).toHaveLength(1));
      await eventually(() =>
        expect(r.events.map((e) => e.type)).toEqual(
          expect.arrayContaining(['STEP_DUE_RECALCULATED', 'PROCESS_DUE_RECALCULATED']),
        ),
      );
      const s = await state(h);
      expect(Date.parse(s.currentTask!.dueAt!)).toBeGreaterThan(Date.parse(stepDue));
      expect(calendar.isWorkingDay(cstDate(s.currentTask!.dueAt!))).toBe(true);
      expect(recalculated()[0]).toEqual({
        taskId,
        dueAt: s.currentTask!.dueAt,
        dueProvisional: false,
        reason: expect.stringContaining('节假日安排已载入'),
        cause: 'CALENDAR_LOADED',
      });
      expect(Date.parse(s.processDueAt!)).toBeGreaterThan(Date.parse(processDue));
      expect(calendar.isWorkingDay(cstDate(s.processDueAt!))).toBe(true);

      // Told again of the same load: the dates are no longer provisional, so nothing moves.
      await h.signal(calendarLoadedSignal, loaded);
      await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '测试结束' } });
      expect(await h.result()).toMatchObject({ stage: 'WITHDRAWN', processDueAt: s.processDueAt });
      expect(r.rescheduled).toHaveLength(2); // the supervisor's extension and the one recalculation
      expect(r.events.filter((e) => e.type.endsWith('_DUE_RECALCULATED'))).toHaveLength(2);
      await record('calendar-loaded', h);
    } finally {
      calendar = defaultCalendar();
    }
  });

  it('withdrawal by the applicant side closes the case and cancels the open task', async () => {
    const h = await start('withdraw', poorFacts);
    const taskId = await taskOf(h, 'ACCEPT');
    expect(
      await refusal(act(h, { actor: officer, requestId: 'w', command: { action: 'withdraw', reason: '不再申请' } })),
    ).toBe('ROLE_NOT_ALLOWED');
    await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '家庭情况好转，不再申请' } });
    expect(await h.result()).toMatchObject({ stage: 'WITHDRAWN' });
    expect(rec('withdraw').closed).toEqual([expect.objectContaining({ taskId, status: 'CANCELLED' })]);
    expect(rec('withdraw').notices.map((n) => n.kind)).toEqual(['WITHDRAWN']);
    await record('withdraw', h);
  });

  it('特困: self-care assessment required at the home visit; 15-working-day limits', async () => {
    const h = await start('destitute', destituteFacts, { category: 'DESTITUTE' });
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await complete(h, 'START_INVESTIGATION', caseworker, { action: 'startInvestigation' });
    expect(await refusal(complete(h, 'HOME_VISIT', caseworker, homeVisit))).toBe('SELF_CARE_ASSESSMENT_REQUIRED');
    const selfCare = {
      eating: true,
      dressing: false,
      transferring: true,
      toileting: true,
      indoorMobility: true,
      bathing: false,
    };
    await complete(h, 'HOME_VISIT', caseworker, { ...homeVisit, selfCareAssessment: selfCare } as DeterminationAction);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await publicityPasses(h, 1);
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    const result = await h.result();
    expect(result).toMatchObject({ stage: 'ENROLLED', engine: { status: 'eligible' } });
    const r = rec('destitute');
    const visit = r.tasks.find((t) => t.type === 'HOME_VISIT')!;
    const accept = r.tasks.find((t) => t.type === 'ACCEPT')!;
    // 15 working days for the investigation, against 3 for 低保
    expect(Date.parse(visit.dueAt!) - Date.parse(accept.dueAt!)).toBeGreaterThan(10 * DAY);
    await record('destitute', h);
  });

  it('特困 keeps its own limits: no 30-working-day whole-process limit, the county confirms even where confirmation is delegated, and an on-time case never escalates', async () => {
    const plansBefore = plans.filter((p) => p.limitId?.startsWith('time_limit.whole_process')).length;
    const homeVisitPlansBefore = plans.filter((p) => p.limitId === 'time_limit.home_visit').length;
    const h = await start('destitute-own-limits', destituteFacts, { category: 'DESTITUTE', delegated: true });
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    const startTask = await taskOf(h, 'START_INVESTIGATION');
    expect((await state(h)).processDueAt).toBeNull();
    const startDue = (await state(h)).currentTask!.dueAt!;
    expect(startDue).toBe(workingDaysAfter(lastPlan('time_limit.investigation_start').from, 3));
    // Started a day later: the home visit keeps the 15 working days counted from the investigation's opening.
    await env.sleep(DAY);
    await act(h, { actor: caseworker, requestId: 's', taskId: startTask, command: { action: 'startInvestigation' } });
    await taskOf(h, 'HOME_VISIT');
    const visitDue = Date.parse((await state(h)).currentTask!.dueAt!);
    expect(Date.parse(startDue)).toBeLessThan(visitDue);
    // The home visit on the last hour of its 15 working days: on time.
    await env.sleep(visitDue - (await env.currentTimeMs()) - 3600_000);
    const selfCare = {
      eating: true,
      dressing: false,
      transferring: true,
      toileting: true,
      indoorMobility: true,
      bathing: false,
    };
    await complete(h, 'HOME_VISIT', caseworker, { ...homeVisit, selfCareAssessment: selfCare } as DeterminationAction);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await publicityPasses(h, 1);
    await taskOf(h, 'CONFIRM');
    const confirm = (await state(h)).currentTask!;
    expect(confirm).toMatchObject({ candidateRole: 'COUNTY_OFFICER', jurisdiction: '410502' });
    await env.sleep(Date.parse(confirm.dueAt!) - (await env.currentTimeMs()) - 3600_000);
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({
      stage: 'ENROLLED',
      processDueAt: null,
      processOverdue: false,
      overdueSteps: 0,
    });
    const r = rec('destitute-own-limits');
    expect(r.tasks.map((t) => t.type)).toEqual(['ACCEPT', 'START_INVESTIGATION', 'HOME_VISIT', 'REVIEW', 'CONFIRM']);
    expect(plans.filter((p) => p.limitId === 'time_limit.home_visit')).toHaveLength(homeVisitPlansBefore);
    // 15 working days each for the investigation and the confirmation, and no whole-process limit planned.
    const visit = r.tasks.find((t) => t.type === 'HOME_VISIT')!;
    const visitPlan = plans.find(
      (p) => p.limitId === 'time_limit.destitute_investigation' && planDue(params, calendar, p).dueAt === visit.dueAt,
    );
    expect(visitPlan).toBeDefined();
    expect(
      plans.find(
        (p) =>
          p.limitId === 'time_limit.destitute_confirmation' && planDue(params, calendar, p).dueAt === confirm.dueAt,
      ),
    ).toBeDefined();
    expect(calendar.workingDaysBetween(cstDate(visitPlan!.from), cstDate(visit.dueAt!)).days).toBe(15);
    expect(plans.filter((p) => p.limitId?.startsWith('time_limit.whole_process'))).toHaveLength(plansBefore);
    expect(cstDate(visitPlan!.from)).toBe(cstDate(lastPlan('time_limit.investigation_start').from));
    await record('destitute-own-limits-start-measured', h);
  });

  it('刚性支出 is never delegated: civil affairs decides even in a county with delegated confirmation', async () => {
    const h = await start('rigid-not-delegated', richFacts, { category: 'RIGID_EXPENSE', delegated: true });
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await complete(h, 'REVIEW', caseworker, {
      action: 'submitOpinion',
      proposal: 'APPROVE',
      reasons: ['医疗支出大'],
      disagreementReason: '医疗支出票据经核实',
    });
    await taskOf(h, 'CONFIRM');
    expect((await state(h)).currentTask).toMatchObject({ candidateRole: 'COUNTY_OFFICER', jurisdiction: '410502' });
    const s = await state(h);
    const processPlan = plans.find(
      (p) => p.limitId === 'time_limit.rigid_expense_decision' && planDue(params, calendar, p).dueAt === s.processDueAt,
    );
    expect(processPlan).toBeDefined();
    await complete(h, 'CONFIRM', officer, { action: 'confirm', amount: 0 });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED' });
    await record('rigid-not-delegated', h);
  });

  it('a step refused for good raises an incident and waits, without retrying; a retry after the fix completes it', async () => {
    missingParameter.add('incident');
    const h = await start('incident', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await eventually(() => expect(rec('incident').incidents).toHaveLength(1));
    const [incident] = rec('incident').incidents;
    expect(incident).toMatchObject({
      caseKind: 'APPLICATION',
      caseId: 'incident',
      countyCode: '410502',
      workflowId: 'application-incident',
      step: 'evaluateApplication',
      occurrence: 1,
      errorCode: 'PARAMETER_NOT_IN_FORCE',
      message: '政策测算未能完成：参数 minimum_living.standard 没有生效的版本，请管理员补录',
    });
    // A day later it still waits, in REVIEW without a task, and has not retried.
    await env.sleep(DAY);
    expect(await state(h)).toMatchObject({ stage: 'REVIEW', currentTask: null, engine: null });
    expect(rec('incident').incidents).toHaveLength(1);
    // An unknown incident is refused; the right one is retried once the parameter is there.
    await expect(
      h.executeUpdate(resolveIncidentUpdate, {
        args: [{ incidentId: 'another', action: 'RETRY', userId: 'u-supervisor' }],
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    missingParameter.delete('incident');
    await h.executeUpdate(resolveIncidentUpdate, {
      args: [{ incidentId: incident.incidentId, action: 'RETRY', userId: 'u-supervisor' }],
    });
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await publicityPasses(h, 1);
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED' });
    expect(rec('incident').resolvedIncidents).toEqual([incident.incidentId]);
    await expect(
      h.executeUpdate(resolveIncidentUpdate, {
        args: [{ incidentId: incident.incidentId, action: 'RETRY', userId: 'u-supervisor' }],
      }),
    ).rejects.toThrow();
    await record('incident-retried', h);
  });

  it('刚性支出: decided by civil affairs without publicity, within its own limit', async () => {
    const h = await start('rigid', richFacts, { category: 'RIGID_EXPENSE' });
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    await investigate(h);
    await complete(h, 'REVIEW', caseworker, {
      action: 'submitOpinion',
      proposal: 'APPROVE',
      reasons: ['医疗支出大'],
      disagreementReason: '医疗支出票据经核实',
    });
    const s = await waitForStage(h, 'CONFIRMATION');
    expect(s.publicityRound).toBe(0);
    await complete(h, 'CONFIRM', officer, { action: 'confirm', amount: 0 });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED' });
    await record('rigid', h);
  });

  it('delegated confirmation: the township confirms; a county officer may not', async () => {
    const h = await start('delegated', poorFacts, { delegated: true });
    await throughPublicity(h);
    const taskId = await taskOf(h, 'CONFIRM');
    expect((await state(h)).currentTask).toMatchObject({
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
    });
    // Delegated: the whole process is 20 working days from acceptance.
    expect((await state(h)).processDueAt).toBe(
      workingDaysAfter(lastPlan('time_limit.whole_process_delegated').from, 20),
    );
    expect(await refusal(act(h, { actor: officer, requestId: 'c', taskId, command: { action: 'confirm' } }))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    await complete(h, 'CONFIRM', caseworker, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED' });
    await record('delegated', h);
  });

  it('close-relative flag: a county home visit before confirmation', async () => {
    const h = await start('close-relative', poorFacts, { closeRelativeFlag: true });
    await throughPublicity(h);
    await complete(h, 'COUNTY_HOME_VISIT', officer, { action: 'recordCountyHomeVisit', findings: '县级入户核查属实' });
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED' });
    expect(rec('close-relative').tasks.map((t) => t.type)).toEqual([
      'ACCEPT',
      'START_INVESTIGATION',
      'HOME_VISIT',
      'REVIEW',
      'COUNTY_HOME_VISIT',
      'CONFIRM',
    ]);
    await record('close-relative', h);
  });

  it('close-relative flag: the county confirms within 10 working days of receiving the file, its home visit included', async () => {
    const h = await start('close-relative-county-file', poorFacts, { closeRelativeFlag: true });
    await throughPublicity(h);
    await taskOf(h, 'COUNTY_HOME_VISIT');
    const visit = (await state(h)).currentTask!;
    const received = plans.find(
      (p) => p.limitId === 'time_limit.confirmation' && planDue(params, calendar, p).dueAt === visit.dueAt,
    );
    expect(received).toBeDefined();
    expect(calendar.workingDaysBetween(cstDate(received!.from), cstDate(visit.dueAt!)).days).toBe(10);
    // The visit takes three days; the confirmation keeps the same end, not 10 more working days.
    await env.sleep(3 * DAY);
    await complete(h, 'COUNTY_HOME_VISIT', officer, { action: 'recordCountyHomeVisit', findings: '县级入户核查属实' });
    await taskOf(h, 'CONFIRM');
    expect((await state(h)).currentTask!.dueAt).toBe(visit.dueAt);
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED', overdueSteps: 0 });
    await record('close-relative-county-file', h);
  });

  it('the home visit, the appraisal minutes and the county home visit go with their timeline events, to be stored on the case (patch home-visit-records)', async () => {
    const h = await start('home-visit-records', poorFacts, { closeRelativeFlag: true });
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    const visit: DeterminationAction = {
      ...homeVisit,
      selfCareAssessment: {
        eating: true,
        dressing: true,
        transferring: true,
        toileting: true,
        indoorMobility: true,
        bathing: false,
      },
    };
    await investigate(h, visit);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await inPublicity(h, 1);
    await h.executeUpdate(lodgeObjectionUpdate, { args: [{ text: '家庭实际收入较高' }] });
    await publicityPasses(h, 1);
    await complete(h, 'RESOLVE_OBJECTION', caseworker, { action: 'holdAppraisal', note: '组织民主评议' });
    const appraisal: DeterminationAction = {
      action: 'recordAppraisal',
      participants: 9,
      result: 'SUPPORT',
      minutes: '评议同意',
    };
    await complete(h, 'DEMOCRATIC_APPRAISAL', caseworker, appraisal);
    await complete(h, 'REVIEW', caseworker, approveOpinion);
    await publicityPasses(h, 2);
    const county: DeterminationAction = { action: 'recordCountyHomeVisit', findings: '县级入户核查属实' };
    await complete(h, 'COUNTY_HOME_VISIT', officer, county);
    await complete(h, 'CONFIRM', officer, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'ENROLLED', publicityRound: 2 });
    const events = rec('home-visit-records').events;
    expect(
      events
        .filter((e) => e.record !== undefined)
        .map((e) => [e.type, e.stage, e.actor?.userId, e.requestId, e.record]),
    ).toEqual([
      ['ACTION_recordHomeVisit', 'INVESTIGATION', caseworker.userId, 'r-recordHomeVisit', visit],
      ['ACTION_recordAppraisal', 'APPRAISAL', caseworker.userId, 'r-recordAppraisal', appraisal],
      ['ACTION_recordCountyHomeVisit', 'COUNTY_HOME_VISIT', officer.userId, 'r-recordCountyHomeVisit', county],
    ]);
    // Only those steps carry a record; every other event is as before.
    expect(events.filter((e) => e.type.startsWith('ACTION_') && e.record === undefined).map((e) => e.type)).toEqual([
      'ACTION_accept',
      'ACTION_startInvestigation',
      'ACTION_submitOpinion',
      'ACTION_holdAppraisal',
      'ACTION_submitOpinion',
      'ACTION_confirm',
    ]);
    await record('home-visit-records', h);
  });

  it('the 3-working-day limit ends at the start of the investigation; the home visit is due 10 working days after the start (patch investigation-start-measured)', async () => {
    const h = await start('investigation-start', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    const startTask = await taskOf(h, 'START_INVESTIGATION');
    const startDue = workingDaysAfter(lastPlan('time_limit.investigation_start').from, 3);
    expect((await state(h)).currentTask).toEqual({
      taskId: startTask,
      type: 'START_INVESTIGATION',
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
      dueAt: startDue,
    });
    const today = cstDate(new Date(await env.currentTimeMs()).toISOString());
    const dayFrom = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    const starting = (
      command: Partial<Extract<DeterminationAction, { action: 'startInvestigation' }>>,
      actor: ActorRef = caseworker,
    ) =>
      act(h, {
        actor,
        requestId: 'r-startInvestigation',
        taskId: startTask,
        command: { action: 'startInvestigation', ...command },
      });
    // No home visit yet: it is not the open task; an appointment before today, another role or township are refused.
    expect(await refusal(act(h, { actor: caseworker, requestId: 'v', taskId: startTask, command: homeVisit }))).toBe(
      'TASK_NOT_OPEN',
    );
    expect(await refusal(starting({ appointmentDate: dayFrom(-1) }))).toBe('APPOINTMENT_IN_PAST');
    expect(await refusal(starting({}, officer))).toBe('ROLE_NOT_ALLOWED');
    expect(await refusal(starting({}, { ...caseworker, jurisdiction: '410502001' }))).toBe('OUT_OF_JURISDICTION');
    expect(await state(h)).toMatchObject({ stage: 'INVESTIGATION', currentTask: { taskId: startTask } });

    // Started two days later, with the first visit booked for the day after.
    await env.sleep(2 * DAY);
    const appointmentDate = dayFrom(3);
    const reply = await starting({ appointmentDate });
    expect(reply.investigation).toEqual({ startedAt: expect.any(String), appointmentDate });
    const startedAt = reply.investigation!.startedAt;
    expect(
      await refusal(act(h, { actor: caseworker, requestId: 'again', command: { action: 'startInvestigation' } })),
    ).toBe('INVESTIGATION_ALREADY_STARTED');
    const visitTask = await taskOf(h, 'HOME_VISIT');
    const visitPlan = lastPlan('time_limit.home_visit');
    expect(cstDate(visitPlan.from)).toBe(cstDate(startedAt));
    const visitDue = workingDaysAfter(startedAt, 10);
    expect((await state(h)).currentTask).toEqual({
      taskId: visitTask,
      type: 'HOME_VISIT',
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
      dueAt: visitDue,
    });
    expect(await refusal(starting({}))).toBe('INVESTIGATION_ALREADY_STARTED');
    const r = rec('investigation-start');
    expect(r.closed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          taskId: startTask,
          status: 'DONE',
          outcome: 'startInvestigation',
          completedBy: caseworker.userId,
          completedByRole: 'TOWNSHIP_CASEWORKER',
        }),
      ]),
    );
    expect(
      r.events.filter((e) => e.type === 'ACTION_startInvestigation').map((e) => [e.stage, e.actor?.userId, e.reason]),
    ).toEqual([['INVESTIGATION', caseworker.userId, `已启动调查，首次入户预约日期：${appointmentDate}`]]);
    await complete(h, 'HOME_VISIT', caseworker, homeVisit);
    await taskOf(h, 'REVIEW');
    expect(await refusal(starting({}))).toBe('INVESTIGATION_ALREADY_STARTED');
    expect(r.tasks.map((t) => t.type)).toEqual(['ACCEPT', 'START_INVESTIGATION', 'HOME_VISIT', 'REVIEW']);
    expect(r.tasks.filter((t) => t.type === 'ESCALATION')).toEqual([]);
    await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '测试结束' } });
    expect(await h.result()).toMatchObject({
      stage: 'WITHDRAWN',
      overdueSteps: 0,
      investigation: { startedAt, appointmentDate },
    });
    await record('investigation-start-measured', h);
  });

  it('a late start escalates on the start limit (3 working days), not on the home visit’s; the visit is then due 10 working days after the late start', async () => {
    const h = await start('investigation-start-late', poorFacts);
    await complete(h, 'ACCEPT', caseworker, { action: 'accept' });
    const startTask = await taskOf(h, 'START_INVESTIGATION');
    const startDue = (await state(h)).currentTask!.dueAt!;
    expect(startDue).toBe(workingDaysAfter(lastPlan('time_limit.investigation_start').from, 3));
    const r = rec('investigation-start-late');
    const escalations = () => r.tasks.filter((t) => t.type === 'ESCALATION');
    await sleepUntil(startDue, -3600_000);
    expect(r.reminders).toEqual([startTask]);
    expect(escalations()).toEqual([]);
    await sleepUntil(startDue, 60_000);
    await eventually(() => expect(escalations()).toHaveLength(1));
    expect(escalations()[0]).toMatchObject({
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      escalates: startTask,
    });
    expect(r.events.filter((e) => e.type === 'ESCALATED').map((e) => e.reason)).toEqual([
      `「START_INVESTIGATION」环节已超过办理期限 ${startDue}`,
    ]);
    expect(await state(h)).toMatchObject({ stage: 'INVESTIGATION', overdueSteps: 1 });
    const reply = await complete(h, 'START_INVESTIGATION', caseworker, { action: 'startInvestigation' });
    const visitTask = await taskOf(h, 'HOME_VISIT');
    const visitDue = workingDaysAfter(reply.investigation!.startedAt, 10);
    expect((await state(h)).currentTask!.dueAt).toBe(visitDue);
    await eventually(() =>
      expect(r.closed).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ taskId: escalations()[0]!.taskId, status: 'DONE', outcome: 'STEP_COMPLETED' }),
        ]),
      ),
    );
    // The visit on its last hour: on time, whatever the late start.
    await sleepUntil(visitDue, -3600_000);
    expect(r.reminders).toEqual([startTask, visitTask]);
    await complete(h, 'HOME_VISIT', caseworker, homeVisit);
    await taskOf(h, 'REVIEW');
    expect(escalations()).toHaveLength(1);
    expect((await state(h)).overdueSteps).toBe(1);
    await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '测试结束' } });
    await h.result();
    await record('investigation-start-late', h);
  });

  it('refuses out of order, wrong role, other jurisdiction and completed tasks without changing state; one of two simultaneous completions wins', async () => {
    const h = await start('refusals', poorFacts);
    const taskId = await taskOf(h, 'ACCEPT');
    const other: ActorRef = { userId: 'u-other', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502001' };
    expect(await refusal(act(h, { actor: caseworker, requestId: 'a', taskId, command: homeVisit }))).toBe(
      'WRONG_STAGE',
    );
    expect(await refusal(act(h, { actor: officer, requestId: 'a', taskId, command: { action: 'accept' } }))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    expect(await refusal(act(h, { actor: other, requestId: 'a', taskId, command: { action: 'accept' } }))).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect(
      await refusal(
        act(h, { actor: caseworker, requestId: 'a', taskId: 'not-this-task', command: { action: 'accept' } }),
      ),
    ).toBe('TASK_NOT_OPEN');
    expect(await state(h)).toMatchObject({ stage: 'SUBMITTED', currentTask: { taskId } });

    const second: ActorRef = { ...caseworker, userId: 'u-caseworker-2' };
    const results = await Promise.allSettled([
      act(h, { actor: caseworker, requestId: 'a', taskId, command: { action: 'accept' } }),
      act(h, { actor: second, requestId: 'b', taskId, command: { action: 'accept' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(((loser.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toMatch(
      /WRONG_STAGE|TASK_NOT_OPEN/,
    );
    await eventually(() => expect(rec('refusals').closed.filter((c) => c.status === 'DONE')).toHaveLength(1));
    expect(await refusal(act(h, { actor: caseworker, requestId: 'c', taskId, command: { action: 'accept' } }))).toMatch(
      /WRONG_STAGE|TASK_NOT_OPEN/,
    );
    await act(h, { actor: village, requestId: 'w', command: { action: 'withdraw', reason: '测试结束' } });
  });
});

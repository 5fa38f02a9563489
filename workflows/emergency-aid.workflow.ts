import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, executeChild, patched, proxyActivities, setHandler, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { Acting } from '../src/contracts/determination';
import type { DeliberationDecided, DeliberationResult } from '../src/contracts/deliberation';
import type { EmergencyAction, EmergencyAidInput, EmergencyResult, EmergencyStage, EmergencyState } from '../src/contracts/emergency';
import type { Role } from '../src/contracts/roles';
import type { EscalationKind, TaskType } from '../src/contracts/task';
import type { EmergencyActivities } from '../src/emergency/emergency.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { deliberationWorkflow } from './deliberation.workflow';
import { deliberatedAmount } from './emergency/deliberated-aid';
import { isTaskAction, validateEmergencyAction } from './emergency/rules';
import { deliberationDecidedSignal, emergencyActUpdate, emergencyStateQuery } from './messages';
import { RECORDING } from './profiles';
import { DAY_MS } from './enrolment/months';
import { watchCalendarLoads } from './shared/calendar-loads';
import { humanStep, openEscalation, type StepCase } from './shared/human-step';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<EmergencyActivities & Pick<ApplicationActivities, 'planDue'> & Pick<TaskActivities, 'openTask' | 'closeTask' | 'remindTask' | 'rescheduleTask'>>(RECORDING);

/** Time-limit parameter ids (src/policy/parameters/ids.ts), as plain strings: the sandbox imports types only. */
const LIMIT = {
  explanation: 'time_limit.emergency_explanation',
  paperwork: 'time_limit.emergency_paperwork',
  step: 'time_limit.emergency_expense_step',
  escalation: 'time_limit.escalation_response',
} as const;

type Acted = Acting<EmergencyAction>;

/**
 * Since this patch a 一事一议 decision's civil-affairs amount is the case's approved amount, paid
 * (county budget) as soon as the chair decides; before it the case closed with the measures only.
 */
const DELIBERATED_AMOUNT_PATCH = 'emergency-deliberated-amount';

/**
 * One emergency aid request (domain.md §4.3, processes.md §3), on the path chosen at intake
 * from the county's approval limits: SMALL_AMOUNT (paid at once, explanation later),
 * AID_FIRST (direct aid, staged payments, paperwork once the emergency eases), EXPENSE_TYPE
 * (the full procedure with the income test) or DELIBERATION (a child 一事一议).
 */
export async function emergencyAidWorkflow(input: EmergencyAidInput): Promise<EmergencyResult> {
  const act = watchIncidents({ caseKind: 'EMERGENCY', caseId: input.caseId, countyCode: input.countyCode }).guard(activities, ['RESERVE_FUND_INSUFFICIENT']);
  const workflowId = workflowInfo().workflowId;
  const c: StepCase = { workflowId, caseKind: 'EMERGENCY', caseId: input.caseId, countyCode: input.countyCode, townshipCode: input.townshipCode, calendarLoads: watchCalendarLoads() };
  const state: EmergencyState = {
    caseId: input.caseId, path: input.path, stage: 'RECEIVED', currentTask: null, step: null, approvedAmount: null, paidAmount: 0, stages: [], eased: false,
    fundRefusal: null, incomeTest: null, opinion: null, deliberationId: null, outcome: null, overdueSteps: 0,
  };
  let completed: Acted | null = null;
  let fundDecision: Acted | null = null;
  let deliberation: DeliberationResult | null = null;
  let decided: DeliberationDecided | null = null;

  const event = (type: string, acting: Acted | null, extra: Partial<Parameters<EmergencyActivities['recordEmergencyEvent']>[0]> = {}) =>
    act.recordEmergencyEvent({ caseId: input.caseId, eventKey: `${type}#${uuid4()}`, type, stage: state.stage, actor: acting?.actor ?? null, requestId: acting?.requestId ?? null, ...extra });

  setHandler(emergencyStateQuery, () => state);
  setHandler(deliberationDecidedSignal, (d) => {
    if (d.deliberationId === state.deliberationId) decided = d;
  });
  setHandler(
    emergencyActUpdate,
    async (acting) => {
      const { command } = acting;
      if (isTaskAction(command.action)) {
        completed = acting;
        state.currentTask = null;
        return state;
      }
      if (command.action === 'markEased') {
        state.eased = true;
        await event('EASED', acting, { patch: { eased: true }, reason: command.note ?? null });
      }
      if (command.action === 'resolveFundRefusal') fundDecision = acting;
      return state;
    },
    { validator: (acting) => validateEmergencyAction(state, input, acting) },
  );

  await event('RECEIVED', { actor: input.submittedBy, requestId: input.requestId, command: { action: 'accept' } }, { details: { path: input.path, limits: input.limits.refs.map((r) => `${r.id}@${r.version}`) } });

  switch (input.path) {
    case 'SMALL_AMOUNT':
      await smallAmount();
      break;
    case 'AID_FIRST':
      await aidFirst();
      break;
    case 'EXPENSE_TYPE':
      await expenseType();
      break;
    case 'DELIBERATION':
      await deliberate(input.deliberationReason ?? '超出县级审批额度或情况复杂，提请一事一议');
      break;
  }
  await condition(allHandlersFinished);
  return { caseId: input.caseId, stage: state.stage, approvedAmount: state.approvedAmount, paidAmount: state.paidAmount, deliberation };

  // ---- paths ----

  async function smallAmount(): Promise<void> {
    // Approved by the township caseworker who received it (at or under the township limit, checked at intake).
    await moveTo('SMALL_AMOUNT');
    state.approvedAmount = input.requestedAmount;
    await event('APPROVED', { actor: input.submittedBy, requestId: input.requestId, command: { action: 'accept' } }, { patch: { approvedAmount: input.requestedAmount } });
    if (!(await pay(1, input.requestedAmount, 'RESERVE_FUND'))) return;
    await moveTo('EXPLANATION_DUE');
    const done = await step('EXPLAIN', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.explanation, 'MISSING_EXPLANATION', '小金额先行救助的情况说明逾期未补');
    if (done.command.action === 'explain') await event('EXPLAINED', done, { patch: { explanation: done.command.text } });
    await close('CLOSED', 'PAID', state.paidAmount, [], done);
  }

  async function aidFirst(): Promise<void> {
    await moveTo('AID_FIRST');
    const township = input.requestedAmount <= input.limits.townshipApprovalLimit;
    const role: Role = township ? 'TOWNSHIP_CASEWORKER' : 'COUNTY_OFFICER';
    const done = await step('GRANT_AID', role, township ? input.townshipCode : input.countyCode, LIMIT.step, 'OVERDUE_STEP', '先行救助审批逾期');
    const cmd = done.command;
    if (cmd.action === 'referToDeliberation') {
      await deliberate(cmd.reason);
      return;
    }
    if (cmd.action !== 'grantAid') return;
    const now = Date.now();
    state.approvedAmount = cmd.amount;
    state.stages = (cmd.stages ?? [{ amount: cmd.amount, afterDays: 0 }]).map((s) => ({ amount: s.amount, dueAt: new Date(now + s.afterDays * DAY_MS).toISOString(), paid: false }));
    await event('AID_GRANTED', done, { patch: { approvedAmount: cmd.amount }, reason: cmd.note ?? null, details: { stages: state.stages.map((s) => ({ amount: s.amount, dueAt: s.dueAt })) } });
    const source = township ? 'RESERVE_FUND' : 'COUNTY_BUDGET';
    let stopped = false;
    const payments = (async () => {
      for (const [i, s] of state.stages.entries()) {
        if (Date.parse(s.dueAt) > Date.now()) await sleep(Date.parse(s.dueAt) - Date.now());
        if (!(await pay(i + 1, s.amount, source))) {
          stopped = true;
          return;
        }
        s.paid = true;
      }
    })();
    if (!state.eased) {
      await moveTo('AWAITING_EASE');
      await condition(() => state.eased || stopped);
    }
    if (stopped) return;
    await moveTo('PAPERWORK_DUE');
    // A staged payment refused and the case closed by the supervisor meanwhile ends the step too.
    const paperwork = await step('REGISTER_AND_COMPLETE', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.paperwork, 'PAPERWORK_OVERDUE', '先行救助的登记和材料、签字、盖章逾期未补齐', () => stopped);
    if (paperwork === null) return;
    if (paperwork.command.action === 'registerAndComplete') {
      const { reason, amount, materials } = paperwork.command;
      await event('REGISTERED', paperwork, { patch: { registration: { reason, amount, materials, recipientConfirmed: true, signaturesComplete: true, sealsComplete: true } } });
    }
    await payments;
    if (stopped) return;
    await close('CLOSED', 'PAID', state.paidAmount, [], paperwork);
  }

  async function expenseType(): Promise<void> {
    await moveTo('EXPENSE_TYPE');
    state.step = 'ACCEPT';
    await step('EMERGENCY_ACCEPT', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.step, 'OVERDUE_STEP', '支出型临时救助受理逾期');
    state.step = 'INVESTIGATE';
    const inv = await step('EMERGENCY_INVESTIGATE', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.step, 'OVERDUE_STEP', '支出型临时救助家庭经济状况调查逾期');
    if (inv.command.action === 'recordInvestigation') {
      const { householdSize, annualIncome, rigidExpenses, findings } = inv.command;
      const test = await act.emergencyIncomeTest({ county: input.countyCode, area: input.area, at: new Date().toISOString(), householdSize, annualIncome, rigidExpenses });
      state.incomeTest = test;
      const details = test
        ? { incomeTest: { eligible: test.eligible, perCapitaIncome: test.perCapitaIncome, threshold: test.threshold, parameter: `${test.parameter.id}@${test.parameter.version}` } }
        : { incomeTest: '上年度人均可支配收入参数缺失，由审核人员人工核定' };
      await event('INVESTIGATED', inv, { reason: findings, details });
    }
    state.step = 'REVIEW';
    const review = await step('EMERGENCY_REVIEW', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.step, 'OVERDUE_STEP', '支出型临时救助审核逾期');
    if (review.command.action === 'submitOpinion') {
      const approve = review.command.proposal === 'APPROVE';
      state.opinion = { proposal: review.command.proposal, amount: approve ? (review.command.amount ?? input.requestedAmount) : null };
      await event('REVIEWED', review, { reason: review.command.reasons.join('；') });
    }
    state.step = 'CONFIRM';
    const amount = state.opinion?.amount ?? input.requestedAmount;
    const township = amount <= input.limits.townshipApprovalLimit;
    const decision = await step('EMERGENCY_CONFIRM', township ? 'TOWNSHIP_CASEWORKER' : 'COUNTY_OFFICER', township ? input.townshipCode : input.countyCode, LIMIT.step, 'OVERDUE_STEP', '支出型临时救助审批逾期');
    const cmd = decision.command;
    if (cmd.action === 'refuse') {
      const reasons = [...(state.incomeTest && !state.incomeTest.eligible ? [state.incomeTest.reasonZh] : []), ...cmd.reasons];
      await event('DECIDED', decision, { patch: { decision: { outcome: 'REFUSED', reasons } } });
      await close('REFUSED', 'REFUSED', null, reasons, decision);
      return;
    }
    if (cmd.action !== 'confirm') return;
    const granted = cmd.amount ?? amount;
    state.approvedAmount = granted;
    const reasons = state.incomeTest ? [state.incomeTest.reasonZh] : [];
    await event('DECIDED', decision, { patch: { approvedAmount: granted, decision: { outcome: 'APPROVED', amount: granted, reasons } }, reason: cmd.note ?? null });
    if (!(await pay(1, granted, township ? 'RESERVE_FUND' : 'COUNTY_BUDGET'))) return;
    await close('CLOSED', 'PAID', state.paidAmount, reasons, decision);
  }

  async function deliberate(reason: string): Promise<void> {
    await moveTo('DELIBERATION');
    const rules = await act.deliberationRules({ county: input.countyCode, at: new Date().toISOString() });
    state.deliberationId = uuid4();
    await event('REFERRED_TO_DELIBERATION', null, { reason, patch: { deliberationId: state.deliberationId } });
    const child = executeChild(deliberationWorkflow, {
      workflowId: `deliberation-${state.deliberationId}`,
      args: [{ deliberationId: state.deliberationId, countyCode: input.countyCode, townshipCode: input.townshipCode, source: { kind: 'EMERGENCY', id: input.caseId }, question: reason, convened: null, rules }],
    });
    if (patched(DELIBERATED_AMOUNT_PATCH)) {
      // The decision arrives by signal; a matter closed without one (or by a child that does not signal) ends with its result.
      let ended = false;
      const settled = child.then(() => void (ended = true), () => void (ended = true));
      await condition(() => decided !== null || ended);
      const decision = (decided as DeliberationDecided | null) ?? (await child);
      const amount = decision.outcome === 'APPROVE' ? deliberatedAmount(decision.measures) : null;
      if (amount !== null) {
        state.approvedAmount = amount;
        await event('APPROVED', null, { patch: { approvedAmount: amount }, reason: '一事一议决定给予临时救助', details: { deliberationId: state.deliberationId, amount } });
        // Decided by the county mechanism: paid from the county budget, as the county's own approvals are.
        if (!(await pay(1, amount, 'COUNTY_BUDGET'))) return;
      }
      await settled;
    }
    deliberation = await child;
    await event('DELIBERATED', null, { patch: { measures: deliberation.measures as unknown as never }, reason: deliberation.closedReason, details: { outcome: deliberation.outcome } });
    const { outcome, measures, closedReason } = deliberation;
    await close(outcome === 'REJECT' ? 'REFUSED' : 'CLOSED', 'DELIBERATED', state.approvedAmount, [], null, { outcome, measures, closedReason });
  }

  // ---- helpers ----

  async function moveTo(stage: EmergencyStage): Promise<void> {
    state.stage = stage;
    await event('STAGE', null);
  }

  /** A human step: its task, reminder and escalation; returns the action that completed it (and closes its task). */
  async function step(type: TaskType, role: Role, jurisdiction: string, limitId: string, kind: EscalationKind, reason: string): Promise<Acted>;
  async function step(type: TaskType, role: Role, jurisdiction: string, limitId: string, kind: EscalationKind, reason: string, cancelled: () => boolean): Promise<Acted | null>;
  async function step(type: TaskType, role: Role, jurisdiction: string, limitId: string, kind: EscalationKind, reason: string, cancelled: () => boolean = () => false): Promise<Acted | null> {
    completed = null;
    let taskId = '';
    await humanStep(
      act, c,
      { type, role, jurisdiction, limitId, escalate: true, escalationKind: kind, escalationReason: reason, priority: 1 },
      (spec) => {
        taskId = spec.taskId;
        state.currentTask = { taskId: spec.taskId, type, candidateRole: role, jurisdiction, dueAt: spec.dueAt };
      },
      () => completed !== null || cancelled(),
      LIMIT.escalation,
      () => void state.overdueSteps++,
    );
    if (completed === null) {
      state.currentTask = null;
      await act.closeTask({ taskId, status: 'CANCELLED', outcome: state.stage, completedBy: null, completedByRole: null });
      return null;
    }
    const done = completed as Acted;
    await act.closeTask({ taskId, status: 'DONE', outcome: done.command.action, completedBy: done.actor.userId, completedByRole: done.actor.role });
    await event(`ACTION_${done.command.action}`, done);
    return done;
  }

  /**
   * Pays one amount. A reserve-fund refusal (balance too low) opens a FUND_REFUSAL escalation
   * and waits for the county supervisor: RETRY (after a top-up), PAY_FROM_COUNTY_BUDGET, or
   * CLOSE (the case closes without this payment). False when the case was closed.
   */
  async function pay(stage: number, amount: number, source: 'RESERVE_FUND' | 'COUNTY_BUDGET'): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await act.payEmergency({ caseId: input.caseId, paymentKey: `${input.caseId}:${stage}:${attempt}`, stage, amount, townshipCode: input.townshipCode, source, actor: null });
        state.paidAmount = Math.round((state.paidAmount + amount) * 100) / 100;
        return true;
      } catch (error) {
        const cause = error instanceof ActivityFailure ? error.cause : null;
        if (!(cause instanceof ApplicationFailure) || cause.type !== 'RESERVE_FUND_INSUFFICIENT') throw error;
        fundDecision = null;
        const escalationTaskId = await openEscalation(act, c, 'FUND_REFUSAL', cause.message, null, LIMIT.escalation);
        state.fundRefusal = { reason: cause.message, escalationTaskId };
        await event('FUND_REFUSED', null, { reason: cause.message });
        await condition(() => fundDecision !== null);
        const d = fundDecision! as Acted;
        state.fundRefusal = null;
        if (d.command.action !== 'resolveFundRefusal') continue;
        await act.closeTask({ taskId: escalationTaskId, status: 'DONE', outcome: d.command.decision, completedBy: d.actor.userId, completedByRole: d.actor.role });
        await event('FUND_REFUSAL_RESOLVED', d, { reason: d.command.reason, details: { decision: d.command.decision } });
        if (d.command.decision === 'CLOSE') {
          await close('CLOSED', 'CLOSED_BY_SUPERVISOR', state.paidAmount, [d.command.reason], d);
          return false;
        }
        if (d.command.decision === 'PAY_FROM_COUNTY_BUDGET') source = 'COUNTY_BUDGET';
      }
    }
  }

  async function close(
    stage: 'CLOSED' | 'REFUSED', kind: 'PAID' | 'REFUSED' | 'DELIBERATED' | 'CLOSED_BY_SUPERVISOR', amount: number | null, reasons: string[], acting: Acted | null,
    decision?: Pick<DeliberationResult, 'outcome' | 'measures' | 'closedReason'>,
  ): Promise<void> {
    state.stage = stage;
    state.currentTask = null;
    state.outcome = kind === 'PAID' ? 'PAID' : kind === 'REFUSED' ? 'REFUSED' : kind === 'DELIBERATED' ? 'CLOSED_BY_DELIBERATION' : 'CLOSED';
    await act.closeEmergencyCase({ caseId: input.caseId, stage, kind, amount, reasons, actor: acting?.actor ?? null, requestId: acting?.requestId ?? null, ...(decision ? { deliberation: decision } : {}) });
  }
}

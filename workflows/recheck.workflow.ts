import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Acting } from '../src/core/contracts/determination';
import type { RecheckAction, RecheckInput, RecheckResult, RecheckState } from '../src/core/contracts/enrolment';
import type { Role } from '../src/core/contracts/roles';
import type { TaskSpec, TaskType } from '../src/core/contracts/task';
import type { EnrolmentActivities } from '../src/enrolment/enrolment.activities';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { addRefusals, endStreaks, validateRecheckAction, workRefusalReduction } from './enrolment/rules';
import { recheckActUpdate, recheckStateQuery } from '../src/core/messages';
import { RECORDING } from './profiles';
import { CALENDAR_LOADED_REASON, deadlineOf, watchCalendarLoads } from './shared/calendar-loads';
import { watchDeadline } from './shared/deadline-watch';
import { recheckLimit } from './enrolment/recheck-limits';
import { P } from '../src/core/parameter-ids';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<
  EnrolmentActivities &
    Pick<ApplicationActivities, 'planDue'> &
    Pick<TaskActivities, 'closeTask' | 'remindTask' | 'rescheduleTask'>
>(RECORDING);

/** Time-limit parameter ids used before recheck limits existed: the closest ones of the first determination. */
const LIMIT = {
  investigate: P.TL_DESTITUTE_INVESTIGATION,
  decide: P.TL_CONFIRMATION,
} as const;

/**
 * Since this patch each recheck step reads the recheck limit of the case's category
 * (time_limit.recheck_<step>.<category>, src/core/parameter-ids.ts) with its own source.
 */
const RECHECK_LIMITS_PATCH = 'recheck-own-limits';

/**
 * One recheck of an enrolled case (processes.md §2 RECHECKING): the township re-investigates,
 * the policy engine re-evaluates with the facts then on file, the county decides. Each step
 * is a task with a reminder at a share of its limit and an escalation when overdue.
 */
export async function recheckWorkflow(input: RecheckInput): Promise<RecheckResult> {
  const act = watchIncidents({ caseKind: 'RECHECK', caseId: input.recheckId, countyCode: input.countyCode }).guard(
    activities,
  );
  const workflowId = workflowInfo().workflowId;
  const state: RecheckState = {
    recheckId: input.recheckId,
    stage: 'INVESTIGATE',
    currentTask: null,
    engine: null,
    result: null,
    overdueSteps: 0,
  };
  let completed: Acting<RecheckAction> | null = null;
  const calendarLoads = watchCalendarLoads();

  setHandler(recheckStateQuery, () => state);
  setHandler(
    recheckActUpdate,
    async (acting) => {
      const task = state.currentTask!;
      completed = acting;
      state.currentTask = null;
      await act.closeTask({
        taskId: task.taskId,
        status: 'DONE',
        outcome: acting.command.action,
        completedBy: acting.actor.userId,
        completedByRole: acting.actor.role,
      });
      return state;
    },
    { validator: (acting) => validateRecheckAction(state, input, acting) },
  );

  const ownLimits = patched(RECHECK_LIMITS_PATCH);
  await act.beginRecheck({
    recheckId: input.recheckId,
    enrolledCaseId: input.enrolledCaseId,
    workflowId,
    reason: input.reason,
    campaignId: input.campaignId ?? null,
  });

  const investigated = await humanStep(
    'RECHECK_INVESTIGATE',
    'TOWNSHIP_CASEWORKER',
    input.townshipCode,
    ownLimits ? recheckLimit('investigation', input.category) : LIMIT.investigate,
  );
  let workRefusals = 0;
  let workRefusalsByMember: Record<string, number> = {};
  let workAcceptedBy: string[] = [];
  if (investigated.command.action === 'recordInvestigation') {
    workRefusals = investigated.command.workRefusals ?? 0;
    workRefusalsByMember = investigated.command.workRefusalsByMember ?? {};
    workAcceptedBy = investigated.command.workAcceptedBy ?? [];
    await act.recordInvestigation({
      recheckId: input.recheckId,
      enrolledCaseId: input.enrolledCaseId,
      applicationId: input.applicationId,
      findings: investigated.command.findings,
      homeVisit: investigated.command.homeVisit,
      facts: investigated.command.facts ?? null,
      workRefusals,
      actor: investigated.actor,
      requestId: investigated.requestId,
    });
  }

  state.stage = 'EVALUATE';
  state.engine = await act.evaluateRecheck({ recheckId: input.recheckId, enrolledCaseId: input.enrolledCaseId });
  // A member at the work refusal limit: the decision task shows the reduced amount, and the decision applies it.
  if (state.engine.workRefusalLimit !== undefined) {
    state.engine.workRefusalReduction = workRefusalReduction(
      state.engine,
      addRefusals(endStreaks(input.workRefusalsByMember, workAcceptedBy), workRefusalsByMember),
      state.engine.workRefusalLimit,
    );
  }

  state.stage = 'DECIDE';
  const decided = await humanStep(
    'RECHECK_DECIDE',
    'COUNTY_OFFICER',
    input.countyCode,
    ownLimits ? recheckLimit('decision', input.category) : LIMIT.decide,
  );
  const d = decided.command.action === 'decide' ? decided.command.decision : { outcome: 'UNCHANGED' as const };
  const result: RecheckResult = {
    recheckId: input.recheckId,
    outcome: d.outcome,
    amount: d.outcome === 'ADJUST' ? d.amount : null,
    membersIncluded: d.outcome === 'ADJUST' ? (state.engine?.membersIncluded ?? null) : null,
    reasons: 'reasons' in d ? d.reasons : [],
    decidedBy: decided.actor.userId,
    workRefusals,
    workRefusalsByMember,
    ...(workAcceptedBy.length > 0 ? { workAcceptedBy } : {}),
  };
  // Keeping or adjusting the benefit still withdraws the refusing members' shares (a reduction, with its reason in the notice).
  const reduction = state.engine?.workRefusalReduction ?? null;
  if (reduction && (d.outcome === 'UNCHANGED' || d.outcome === 'ADJUST')) {
    result.outcome = 'ADJUST';
    result.amount = d.outcome === 'ADJUST' ? Math.min(d.amount, reduction.monthlyAmount) : reduction.monthlyAmount;
    result.membersIncluded = reduction.membersIncluded;
    result.reasons = [...result.reasons, reduction.reasonZh];
  }
  await act.recordRecheckOutcome({
    ...result,
    enrolledCaseId: input.enrolledCaseId,
    applicationId: input.applicationId,
    category: input.category,
    previousAmount: input.currentAmount,
    actor: decided.actor,
    requestId: decided.requestId,
  });
  state.stage = 'DONE';
  state.result = result;
  await condition(allHandlersFinished);
  return result;

  /** Opens a task and waits for its completing Update; reminds, then escalates once when overdue. */
  async function humanStep(
    type: TaskType,
    role: Role,
    jurisdiction: string,
    limitId: string,
  ): Promise<Acting<RecheckAction>> {
    const opened = new Date().toISOString();
    const plan = { limitId, from: opened, county: input.countyCode };
    const due = await act.planDue(plan);
    const spec: TaskSpec = {
      taskId: uuid4(),
      taskKey: `${type}#${uuid4()}`,
      type,
      applicationId: input.applicationId,
      workflowId,
      candidateRole: role,
      jurisdiction,
      countyCode: input.countyCode,
      townshipCode: input.townshipCode,
      priority: input.reason === 'CHANGE' ? 1 : 0,
      dueAt: due.dueAt,
      dueProvisional: due.provisional,
    };
    completed = null;
    state.currentTask = { taskId: spec.taskId, type, candidateRole: role, jurisdiction, dueAt: due.dueAt };
    await act.openCaseTask(spec);
    const finished = () => state.currentTask?.taskId !== spec.taskId;
    const escalation = await watchDeadline({
      finished,
      openedAt: opened,
      deadline: deadlineOf(plan, due),
      reminderShare: due.reminderShare,
      loads: calendarLoads,
      planDue: act.planDue,
      remind: async () => void (await act.remindTask(spec.taskId)),
      escalate: async () => {
        state.overdueSteps++;
        const taskId = uuid4();
        await act.openCaseTask({
          ...spec,
          taskId,
          taskKey: `ESCALATION#${uuid4()}`,
          type: 'ESCALATION',
          candidateRole: 'COUNTY_SUPERVISOR',
          jurisdiction: input.countyCode,
          priority: 2,
          dueAt: null,
          dueProvisional: false,
          escalates: spec.taskId,
        });
        return taskId;
      },
      moved: async (next) => {
        if (state.currentTask?.taskId === spec.taskId) state.currentTask.dueAt = next.dueAt;
        await act.rescheduleTask({
          taskId: spec.taskId,
          dueAt: next.dueAt,
          dueProvisional: next.provisional,
          reason: CALENDAR_LOADED_REASON,
          cause: 'CALENDAR_LOADED',
        });
      },
      withdrawEscalation: (taskId) =>
        act.closeTask({
          taskId,
          status: 'DONE',
          outcome: 'DEADLINE_RECALCULATED',
          completedBy: null,
          completedByRole: null,
        }),
    });
    if (escalation !== null)
      await act.closeTask({
        taskId: escalation,
        status: 'DONE',
        outcome: 'STEP_COMPLETED',
        completedBy: null,
        completedByRole: null,
      });
    return completed!;
  }
}

import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { Acting, ActorRef } from '../src/contracts/determination';
import type { DeliberationAction, DeliberationInput, DeliberationResult, DeliberationState, FollowUp, Measure } from '../src/contracts/deliberation';
import type { DeliberationActivities } from '../src/deliberation/deliberation.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { tally, validateDeliberationAction } from './deliberation/rules';
import { deliberationActUpdate, deliberationDecidedSignal, deliberationStateQuery } from './messages';
import { RECORDING } from './profiles';
import { cstDate, endOfDayCst, msUntil } from './shared/clock';
import { CALENDAR_LOADED_REASON, type Deadline, deadlineOf, replanDeadline, watchCalendarLoads } from './shared/calendar-loads';
import { humanStep, openEscalation, openStep, type StepCase } from './shared/human-step';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<DeliberationActivities & Pick<ApplicationActivities, 'planDue'> & Pick<TaskActivities, 'openTask' | 'closeTask' | 'remindTask' | 'rescheduleTask'>>(RECORDING);

/** Time-limit parameter ids (src/policy/parameters/ids.ts), as plain strings: the sandbox imports types only. */
const LIMIT = {
  deliberation: 'time_limit.deliberation',
  extension: 'time_limit.deliberation_extension',
  escalation: 'time_limit.escalation_response',
} as const;

/** Since this patch a matter referred by an emergency case tells that case its decision at once (the case pays its approved amount). */
const DECISION_TO_EMERGENCY_PATCH = 'deliberation-decision-to-emergency';

/**
 * Since this patch a matter convened at its start (by a county supervisor through the API) is
 * in OPINIONS with its chair before any message is handled. Before it, an action that arrived
 * with the start found it still CONVENING without a chair: another supervisor passed the
 * chair's check, and a close was accepted and then undone when the convened state was applied.
 */
const CONVENED_AT_START_PATCH = 'deliberation-convened-at-start';

/** The calendar date (CST) of the workflow's now, for due-date checks of measures. */
const todayCst = () => cstDate(new Date().toISOString());

/**
 * 一事一议 (domain.md §4.4, processes.md §4): the chair convenes member departments, each
 * member gives one opinion (changes are explicit and audited), the chair decides when quorum
 * and majority hold; at the deadline without quorum the chair is reminded and may extend
 * once; the decision's measures become FOLLOW_UP tasks of the departments, and the matter
 * closes when every one has reported back (or the chair closes it with a reason).
 */
export async function deliberationWorkflow(input: DeliberationInput): Promise<DeliberationResult> {
  const act = watchIncidents({ caseKind: 'DELIBERATION', caseId: input.deliberationId, countyCode: input.countyCode }).guard(activities);
  const workflowId = workflowInfo().workflowId;
  const c: StepCase = { workflowId, caseKind: 'DELIBERATION', caseId: input.deliberationId, countyCode: input.countyCode, townshipCode: input.townshipCode ?? input.countyCode, calendarLoads: watchCalendarLoads() };
  const state: DeliberationState = {
    deliberationId: input.deliberationId, stage: 'CONVENING', chairId: null, members: [], question: input.question, deadlineAt: null, extended: false, deadlineMissed: false,
    opinions: {}, tally: { approve: 0, reject: 0, abstain: 0, quorumReached: false, majorityApproves: false }, outcome: null, measures: [], followUps: [], closedReason: null,
  };
  let conveneTaskId: string | null = null;
  let convenedBy: Acting<DeliberationAction> | null = null;
  let decidedBy: Acting<DeliberationAction> | null = null;
  let closedBy: Acting<DeliberationAction> | null = null;
  let deadlineVersion = 0;
  let plannedVersion = 0;
  let decideTaskId = '';
  const opinionTasks = new Map<string, string>();
  /** The opinions deadline as planned (planned again after a holiday-schedule load). */
  let opinionsDeadline: Deadline | null = null;
  /** Opinion tasks still waiting, and the chair's decision task: they show the deadline. */
  const openDeadlineTasks = () => [...[...opinionTasks].filter(([userId]) => !state.opinions[userId]).map(([, taskId]) => taskId), ...(decideTaskId ? [decideTaskId] : [])];
  const reporters = new Map<string, ActorRef>();
  const applyConvened = (convened: NonNullable<DeliberationInput['convened']>) => {
    state.chairId = convened.chair.userId;
    state.members = convened.members;
    state.stage = 'OPINIONS';
    convenedBy = { actor: convened.chair, requestId: convened.requestId, command: { action: 'convene', members: convened.members } };
  };
  const convenedAtStart = input.convened !== null && patched(CONVENED_AT_START_PATCH);
  if (convenedAtStart) applyConvened(input.convened!);

  const record = (event: string, acting: Acting<unknown> | null, extra: Partial<Parameters<DeliberationActivities['recordDeliberation']>[0]> = {}) =>
    act.recordDeliberation({
      deliberationId: input.deliberationId, workflowId, countyCode: input.countyCode, townshipCode: input.townshipCode, source: input.source, question: state.question,
      stage: state.stage, eventKey: `${event}#${uuid4()}`, event, actor: acting?.actor ?? null, requestId: acting?.requestId ?? null, ...extra,
    });

  setHandler(deliberationStateQuery, () => state);
  setHandler(
    deliberationActUpdate,
    async (acting) => {
      const { command, actor } = acting;
      switch (command.action) {
        case 'convene':
          state.chairId = actor.userId;
          state.members = command.members;
          if (command.question) state.question = command.question;
          state.stage = 'OPINIONS';
          convenedBy = acting;
          return state;
        case 'giveOpinion':
        case 'changeOpinion': {
          const version = (state.opinions[actor.userId]?.version ?? 0) + 1;
          state.opinions[actor.userId] = { opinion: command.opinion, comment: command.comment, version };
          state.tally = tally(state, input.rules);
          const member = state.members.find((m) => m.userId === actor.userId)!;
          await act.recordOpinion({ deliberationId: input.deliberationId, member, opinion: command.opinion, comment: command.comment, version, actor, requestId: acting.requestId });
          const taskId = opinionTasks.get(actor.userId);
          if (version === 1 && taskId) await act.closeTask({ taskId, status: 'DONE', outcome: command.opinion, completedBy: actor.userId, completedByRole: actor.role });
          return state;
        }
        case 'extend': {
          state.extended = true;
          state.deadlineMissed = false;
          deadlineVersion++;
          await condition(() => plannedVersion === deadlineVersion || state.stage !== 'OPINIONS'); // the loop plans the new deadline
          await record('EXTENDED', acting, { extended: true, deadlineAt: state.deadlineAt, reason: command.reason });
          // The open tasks show the new deadline (their reminders re-armed).
          for (const taskId of openDeadlineTasks()) {
            await act.rescheduleTask({ taskId, dueAt: state.deadlineAt!, dueProvisional: opinionsDeadline?.provisional ?? false, reason: command.reason, actor: { userId: actor.userId, role: actor.role }, requestId: acting.requestId });
          }
          return state;
        }
        case 'decide':
          state.outcome = command.outcome;
          state.measures = command.measures as Measure[];
          state.stage = 'DECIDED';
          decidedBy = acting;
          return state;
        case 'reportFollowUp': {
          const f = state.followUps.find((x) => x.taskId === command.taskId)!;
          f.report = { result: command.result, details: command.details, by: actor.userId };
          reporters.set(f.taskId, actor);
          return state;
        }
        case 'close':
          state.closedReason = command.reason;
          state.stage = 'CLOSED';
          closedBy = acting;
          return state;
      }
    },
    { validator: (acting) => validateDeliberationAction(state, input, acting, todayCst()) },
  );

  await record('STARTED', null);

  // ---- CONVENING ----
  if (input.convened) {
    if (!convenedAtStart) applyConvened(input.convened);
  } else {
    await humanStep(
      act, c,
      { type: 'CONVENE', role: 'COUNTY_SUPERVISOR', jurisdiction: input.countyCode, limitId: LIMIT.escalation, priority: 2, escalate: true, escalationKind: 'DELIBERATION_STALLED', escalationReason: '一事一议待召集，已超过期限' },
      (spec) => (conveneTaskId = spec.taskId),
      () => state.stage !== 'CONVENING',
      LIMIT.escalation,
    );
    if (conveneTaskId && convenedBy) {
      const by = convenedBy as Acting<DeliberationAction>;
      await act.closeTask({ taskId: conveneTaskId, status: 'DONE', outcome: 'convene', completedBy: by.actor.userId, completedByRole: by.actor.role });
    }
  }

  // ---- OPINIONS ----
  if (state.stage === 'OPINIONS') {
    const convener = convenedBy as Acting<DeliberationAction> | null;
    const plan = { limitId: LIMIT.deliberation, from: new Date().toISOString(), county: input.countyCode };
    opinionsDeadline = deadlineOf(plan, await act.planDue(plan));
    state.deadlineAt = opinionsDeadline.dueAt;
    const provisional = opinionsDeadline.provisional;
    await record('CONVENED', convener, { chairId: state.chairId, members: state.members, deadlineAt: state.deadlineAt });
    for (const m of state.members) {
      const { spec } = await openStep(act, c, { type: 'OPINION', role: 'DEPARTMENT_LIAISON', jurisdiction: input.countyCode, dueAt: state.deadlineAt, dueProvisional: provisional, assignee: m.userId, escalate: false, escalationKind: 'DELIBERATION_STALLED', escalationReason: '' }, () => undefined);
      // Known to the opinion handler only once the row exists; an opinion given meanwhile closes it here.
      opinionTasks.set(m.userId, spec.taskId);
      const given = state.opinions[m.userId];
      if (given) await act.closeTask({ taskId: spec.taskId, status: 'DONE', outcome: given.opinion, completedBy: m.userId, completedByRole: 'DEPARTMENT_LIAISON' });
    }
    await openStep(act, c, { type: 'DELIBERATION_DECIDE', role: 'COUNTY_SUPERVISOR', jurisdiction: input.countyCode, dueAt: state.deadlineAt, dueProvisional: provisional, assignee: state.chairId!, priority: 1, escalate: false, escalationKind: 'DELIBERATION_STALLED', escalationReason: '' }, (spec) => (decideTaskId = spec.taskId));
    let escalation: string | null = null;
    while (state.stage === 'OPINIONS') {
      const version = deadlineVersion;
      const loads = c.calendarLoads.version();
      const moved = () => state.stage !== 'OPINIONS' || deadlineVersion !== version || c.calendarLoads.version() !== loads;
      if (!(await condition(moved, msUntil(state.deadlineAt!)))) {
        // The deadline passed without a decision.
        if (!state.tally.quorumReached && !state.extended) {
          state.deadlineMissed = true;
          await act.remindTask(decideTaskId);
          await record('DEADLINE_WITHOUT_QUORUM', null, { reason: `期限 ${state.deadlineAt} 届满，发表意见 ${Object.keys(state.opinions).length}/${state.members.length}，未达到法定人数；已提醒召集人，可延期一次` });
        } else if (escalation === null) {
          escalation = await openEscalation(act, c, 'DELIBERATION_STALLED', `一事一议期限 ${state.deadlineAt} 届满仍未作出决定`, decideTaskId, LIMIT.escalation);
        }
        await condition(moved);
      }
      if (state.stage === 'OPINIONS' && deadlineVersion !== version) {
        // Extended once by the chair: a new deadline counted from today.
        const extension = { limitId: LIMIT.extension, from: new Date().toISOString(), county: input.countyCode };
        opinionsDeadline = deadlineOf(extension, await act.planDue(extension));
        state.deadlineAt = opinionsDeadline.dueAt;
        plannedVersion = deadlineVersion;
      } else if (state.stage === 'OPINIONS' && c.calendarLoads.version() !== loads) {
        const next = await replanDeadline(act.planDue, opinionsDeadline, c.calendarLoads);
        if (next !== null && state.stage === 'OPINIONS') {
          opinionsDeadline = next;
          state.deadlineAt = next.dueAt;
          if (msUntil(next.dueAt) > 0) {
            // No longer missed: the escalation raised on the provisional date is withdrawn.
            state.deadlineMissed = false;
            if (escalation !== null) await act.closeTask({ taskId: escalation, status: 'DONE', outcome: 'DEADLINE_RECALCULATED', completedBy: null, completedByRole: null });
            escalation = null;
          }
          for (const taskId of openDeadlineTasks()) {
            await act.rescheduleTask({ taskId, dueAt: next.dueAt, dueProvisional: next.provisional, reason: CALENDAR_LOADED_REASON, cause: 'CALENDAR_LOADED' });
          }
          await record('DEADLINE_RECALCULATED', null, { deadlineAt: next.dueAt, reason: CALENDAR_LOADED_REASON });
        }
      }
    }
    for (const [userId, taskId] of opinionTasks) {
      if (!state.opinions[userId]) await act.closeTask({ taskId, status: 'CANCELLED', outcome: state.stage, completedBy: null, completedByRole: null });
    }
    const decider = (decidedBy ?? closedBy) as Acting<DeliberationAction> | null;
    await act.closeTask({ taskId: decideTaskId, status: decidedBy ? 'DONE' : 'CANCELLED', outcome: state.outcome ?? state.stage, completedBy: decider?.actor.userId ?? null, completedByRole: decider?.actor.role ?? null });
    if (escalation !== null) await act.closeTask({ taskId: escalation, status: 'DONE', outcome: 'DECIDED', completedBy: null, completedByRole: null });
  }

  // ---- DECIDED → FOLLOW_UP ----
  if (state.stage === 'DECIDED') {
    const decider = decidedBy as Acting<DeliberationAction> | null;
    const reason = decider?.command.action === 'decide' ? decider.command.reason : null;
    await record('DECIDED', decider, { outcome: state.outcome, measures: state.measures, reason });
    const parent = workflowInfo().parent;
    if (input.source.kind === 'EMERGENCY' && parent && state.outcome !== null && patched(DECISION_TO_EMERGENCY_PATCH)) {
      await getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(deliberationDecidedSignal, { deliberationId: input.deliberationId, outcome: state.outcome, measures: state.measures });
    }
    if (state.outcome === 'APPROVE' && state.measures.length > 0) {
      state.stage = 'FOLLOW_UP';
      await record('FOLLOW_UP_STARTED', null);
      await Promise.all(state.measures.map((m, i) => followUp(m, i)));
    }
  }

  const closer = closedBy as Acting<DeliberationAction> | null;
  state.stage = 'CLOSED';
  await record('CLOSED', closer, { closedReason: state.closedReason, reason: state.closedReason });
  await condition(allHandlersFinished);
  return { deliberationId: input.deliberationId, outcome: state.outcome, measures: state.measures, closedReason: state.closedReason };

  /** One measure's FOLLOW_UP task for its department; overdue → escalation; done when reported or the chair closes. */
  async function followUp(m: Measure, index: number): Promise<void> {
    const assignee = state.members.find((x) => x.department === m.department)?.userId ?? (await act.findLiaison({ countyCode: input.countyCode, department: m.department }));
    let entry: FollowUp | null = null;
    const { taskId } = await humanStep(
      act, c,
      { type: 'FOLLOW_UP', role: 'DEPARTMENT_LIAISON', jurisdiction: input.countyCode, dueAt: endOfDayCst(m.dueOn), ...(assignee ? { assignee } : {}), escalate: true, escalationKind: 'FOLLOW_UP_OVERDUE', escalationReason: `救助措施「${m.item}」逾期未反馈` },
      (spec) => {
        entry = { taskId: spec.taskId, measureIndex: index, department: m.department, assignee, dueAt: spec.dueAt!, report: null, escalated: false };
        state.followUps.push(entry);
      },
      () => entry!.report !== null || state.stage === 'CLOSED',
      LIMIT.escalation,
      () => (entry!.escalated = true),
    );
    const f = entry! as FollowUp;
    const by = reporters.get(taskId);
    if (f.report && by) {
      await act.closeTask({ taskId, status: 'DONE', outcome: f.report.result, completedBy: by.userId, completedByRole: by.role });
      await record('FOLLOW_UP_REPORTED', { actor: by, requestId: '', command: null }, { reason: `${m.item}：${f.report.result === 'DONE' ? '已落实' : '未能落实'}，${f.report.details}` });
    } else {
      await act.closeTask({ taskId, status: 'CANCELLED', outcome: 'CLOSED_BY_CHAIR', completedBy: null, completedByRole: null });
    }
  }
}

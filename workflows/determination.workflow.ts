import { allHandlersFinished, condition, patched, proxyActivities, proxyLocalActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { DueRequest, PlannedDue } from '../src/applications/due-dates';
import type { InvestigationRecord } from '../src/applications/investigation-record.repository';
import type { NoticeKind } from '../src/applications/notices';
import type { Acting, DeterminationAction, DeterminationInput, DeterminationState, OpenStage } from '../src/contracts/determination';
import type { Role } from '../src/contracts/roles';
import type { TaskSpec, TaskType } from '../src/contracts/task';
import type { TaskActivities } from '../src/tasks/task.activities';
import { refuse, validateAction } from './determination/rules';
import { actUpdate, determinationStateQuery, lodgeObjectionUpdate } from './messages';
import { LOCAL_RECORDING, RECORDING } from './profiles';
import { CALENDAR_LOADED_REASON, type Deadline, deadlineOf, replanDeadline, watchCalendarLoads } from './shared/calendar-loads';
import { msUntil } from './shared/clock';
import { watchIncidents } from './shared/incidents';

type Recording = ApplicationActivities & TaskActivities;
const recordedAsTasks = proxyActivities<Recording>(RECORDING);
const recordedLocally = proxyLocalActivities<Recording>(LOCAL_RECORDING);

/**
 * Since this patch a case records its steps as local activities: once an action's task is
 * closed, the step's writes (timeline, read model, due date, next task) run in one workflow
 * task instead of one activity task and one more workflow task each.
 * Cases started before it keep their activity tasks (their histories replay unchanged).
 */
const LOCAL_RECORDING_PATCH = 'determination-local-recording';

/**
 * Since this patch each category keeps its own limits (domain.md §4.1): a 特困 case has its
 * 15-working-day investigation and confirmation limits and no 30-working-day whole-process
 * limit of 低保; delegated (township) confirmation applies to 低保 and 低保边缘 only, never
 * to 特困 (the county confirms) nor to 刚性支出 (civil affairs decides).
 */
const CATEGORY_LIMITS_PATCH = 'determination-category-limits';

/**
 * Since this patch a flagged (close-relative) case's county home visit and its confirmation
 * share one limit, counted from the file reaching the county (N1 Art.20: the county confirms
 * within 10 working days of receiving it, the home visit included).
 */
const COUNTY_FILE_PATCH = 'determination-county-file-limit';

/**
 * Since this patch the home visits and the democratic appraisal's minutes go with their step's
 * timeline event, so the activity stores them on the case (they were only in the Update).
 */
const INVESTIGATION_RECORDS_PATCH = 'home-visit-records';

/** Time-limit parameter ids (src/policy/parameters/ids.ts), named here as plain strings: the sandbox imports types only. */
const LIMIT = {
  acceptance: 'time_limit.acceptance',
  supplement: 'time_limit.supplement',
  investigation: 'time_limit.investigation_start',
  destituteInvestigation: 'time_limit.destitute_investigation',
  review: 'time_limit.review',
  publicity: 'time_limit.publicity',
  objection: 'time_limit.objection_handling',
  appraisal: 'time_limit.appraisal',
  confirmation: 'time_limit.confirmation',
  destituteConfirmation: 'time_limit.destitute_confirmation',
  rigidExpenseDecision: 'time_limit.rigid_expense_decision',
  wholeProcess: 'time_limit.whole_process',
  wholeProcessDelegated: 'time_limit.whole_process_delegated',
  wholeProcessExtended: 'time_limit.whole_process_extended',
  rigidExpenseExtended: 'time_limit.rigid_expense_decision_extended',
} as const;

/**
 * One application from intake to a decision (domain.md §4.1, processes.md §1). Each stage
 * opens a human task and waits for the Update that completes it, with a reminder at a
 * share of the step's limit and an escalation to the county supervisor when overdue.
 */
export async function determinationWorkflow(input: DeterminationInput): Promise<DeterminationState> {
  const incidents = watchIncidents({ caseKind: 'APPLICATION', caseId: input.applicationId, countyCode: input.countyCode });
  const recording = patched(LOCAL_RECORDING_PATCH) ? recordedLocally : recordedAsTasks;
  const act = incidents.guard(recording);
  const closing = incidents.guard(recordedAsTasks);
  const ownLimits = patched(CATEGORY_LIMITS_PATCH);
  const delegated = input.delegated && (!ownLimits || input.category === 'MINIMUM_LIVING' || input.category === 'NEAR_MINIMUM');
  /** 特困 has no whole-process limit of its own: its steps' limits are the whole of it. */
  const wholeProcessLimited = !ownLimits || input.category !== 'DESTITUTE';
  const workflowId = `application-${input.applicationId}`;
  const state: DeterminationState = {
    applicationId: input.applicationId,
    category: input.category,
    stage: 'SUBMITTED',
    currentTask: null,
    publicityRound: 0,
    objectionsThisRound: 0,
    publicityEndsAt: null,
    engine: null,
    opinion: null,
    processDueAt: null,
    processExtended: false,
    processOverdue: false,
    overdueSteps: 0,
    outcome: null,
  };
  /** The action that completed the open task, read by the stage loop to choose the next stage. */
  let completed: Acting<DeterminationAction> | null = null;
  /** Bumped when a deadline moves, so timers waiting on the old one wake up. */
  let deadlineVersion = 0;
  /** Why the step's deadline last moved: the outcome of an escalation it makes obsolete. */
  let deadlineMovedBy: 'DEADLINE_EXTENDED' | 'DEADLINE_RECALCULATED' = 'DEADLINE_EXTENDED';
  /** The open step's due date and the whole-process one, as planned (planned again after a holiday-schedule load). */
  let stepDeadline: Deadline | null = null;
  let processDeadline: Deadline | null = null;
  const calendarLoads = watchCalendarLoads();

  const event = (type: string, acting: Acting<unknown> | null, reason: string | null, key = `${type}#${uuid4()}`, record?: InvestigationRecord) =>
    act.recordApplicationEvent({ applicationId: input.applicationId, eventKey: key, type, stage: state.stage, actor: acting?.actor ?? null, requestId: acting?.requestId ?? null, reason, ...(record ? { record } : {}) });

  setHandler(determinationStateQuery, () => state);

  setHandler(
    actUpdate,
    async (acting) => {
      // Decided synchronously, before any await, so a concurrent second completion already
      // sees the task gone. A task action answers at once; the stage loop records it (closes
      // the task, writes the timeline) and moves on, so staff do not wait for those writes.
      if (TASK_ACTIONS.has(acting.command.action)) {
        completed = acting;
        state.currentTask = null;
        return state;
      }
      applyCaseLevel(acting);
      await afterAction(acting);
      return state;
    },
    { validator: (acting) => validateAction(state, input.villageCode, acting) },
  );

  setHandler(
    lodgeObjectionUpdate,
    async (objection) => {
      state.objectionsThisRound++;
      try {
        // The public caller waits for this write: a refusal goes back to them (not an incident), and is not counted.
        await recording.recordObjection({ objectionId: uuid4(), applicationId: input.applicationId, round: state.publicityRound, text: objection.text, contact: objection.contact ?? null });
      } catch (error) {
        state.objectionsThisRound--;
        throw error;
      }
      return { round: state.publicityRound };
    },
    {
      validator: (_objection) => {
        if (state.stage !== 'PUBLICITY') refuse('WRONG_STAGE', '公示期未开始或已结束，不能提出异议');
      },
    },
  );

  /** Case-level actions change the state directly; task actions are read by the stage loop. */
  function applyCaseLevel({ command }: Acting<DeterminationAction>): void {
    if (command.action === 'withdraw') state.stage = 'WITHDRAWN';
    if (command.action === 'terminateNonCooperation') state.stage = 'TERMINATED';
    if (command.action === 'extendProcess') state.processExtended = true;
  }

  async function afterAction(acting: Acting<DeterminationAction>): Promise<void> {
    const { command } = acting;
    switch (command.action) {
      case 'withdraw':
        await closeWithNotice('WITHDRAWN', 'WITHDRAWN', [command.reason], acting);
        return;
      case 'terminateNonCooperation':
        await closeWithNotice('TERMINATED', 'TERMINATED_NON_COOPERATION', [command.reason], acting);
        return;
      case 'extendProcess': {
        const limit = input.category === 'RIGID_EXPENSE' ? LIMIT.rigidExpenseExtended : LIMIT.wholeProcessExtended;
        const plan = { limitId: limit, from: acceptedAt!, county: input.countyCode };
        const due = await act.planDue(plan);
        processDeadline = deadlineOf(plan, due);
        state.processDueAt = due.dueAt;
        state.processOverdue = false;
        deadlineVersion++;
        await act.updateReadModel({ applicationId: input.applicationId, processDueAt: due.dueAt });
        await event('PROCESS_EXTENDED', acting, command.reason);
        return;
      }
      case 'extendStep': {
        const task = state.currentTask!;
        // Counted from the old due date, or from today when that has already passed.
        const from = new Date(Math.max(Date.parse(task.dueAt!), Date.now())).toISOString();
        const plan = { limitId: null, workingDays: command.workingDays, from, county: input.countyCode };
        const due = await act.planDue(plan);
        stepDeadline = deadlineOf(plan, due);
        task.dueAt = due.dueAt;
        deadlineMovedBy = 'DEADLINE_EXTENDED';
        deadlineVersion++; // wakes the step's timers on the new due date
        await act.rescheduleTask({ taskId: task.taskId, dueAt: due.dueAt, dueProvisional: due.provisional, reason: command.reason, actor: acting.actor, requestId: acting.requestId });
        await event('STEP_EXTENDED', acting, `${command.reason}（延长 ${command.workingDays} 个工作日，至 ${due.dueAt}）`);
        return;
      }
      default:
        return; // task actions are recorded by humanStep
    }
  }

  let acceptedAt: string | null = null;
  /** The county's limit for a flagged case, planned when the file reaches it (patch determination-county-file-limit). */
  let countyFile: { plan: DueRequest; due: PlannedDue } | null = null;

  await act.recordIntake(input);
  const processWatch = watchWholeProcess();

  while (isOpen(state.stage)) {
    await runStage(state.stage);
  }
  await act.cancelOpenTasks({ applicationId: input.applicationId, workflowId });
  await processWatch;
  await condition(allHandlersFinished);
  return state;

  // ---- stages ----

  async function runStage(stage: OpenStage): Promise<void> {
    switch (stage) {
      case 'SUBMITTED': {
        const done = await humanStep('ACCEPT', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.acceptance);
        if (!done) return;
        const cmd = done.command;
        if (cmd.action === 'accept') {
          acceptedAt = new Date().toISOString();
          if (!wholeProcessLimited) {
            await moveTo('INVESTIGATION');
            return;
          }
          const limit = input.category === 'RIGID_EXPENSE' ? LIMIT.rigidExpenseDecision : delegated ? LIMIT.wholeProcessDelegated : LIMIT.wholeProcess;
          const plan = { limitId: limit, from: acceptedAt, county: input.countyCode };
          processDeadline = deadlineOf(plan, await act.planDue(plan));
          state.processDueAt = processDeadline.dueAt;
          deadlineVersion++;
          await moveTo('INVESTIGATION', { processDueAt: state.processDueAt });
        } else if (cmd.action === 'requestSupplement') {
          await act.issueNotice({ applicationId: input.applicationId, noticeKey: `supplement#${uuid4()}`, kind: 'SUPPLEMENT_REQUEST', items: cmd.missing, reasons: cmd.note ? [cmd.note] : [] });
          await moveTo('AWAITING_SUPPLEMENT');
        } else if (cmd.action === 'declineInadmissible') {
          await closeWithNotice('CLOSED', 'INADMISSIBLE', [cmd.reason], done);
        }
        return;
      }
      case 'AWAITING_SUPPLEMENT': {
        // The deadline closes the case: no escalation, the household was told (一次性告知).
        const done = await humanStep('SUPPLY', 'VILLAGE_ASSISTANT', input.villageCode, LIMIT.supplement, { escalate: false });
        if (done === null && state.stage === 'AWAITING_SUPPLEMENT') {
          await closeWithNotice('CLOSED', 'SUPPLEMENT_EXPIRED', ['未在规定期限内补齐申请材料'], null);
          return;
        }
        if (done?.command.action === 'supplement' && done.command.facts) {
          await act.updateFacts({ applicationId: input.applicationId, facts: done.command.facts, actor: done.actor, requestId: done.requestId });
        }
        if (done) await moveTo('SUBMITTED');
        return;
      }
      case 'INVESTIGATION': {
        await act.crossCheck({ applicationId: input.applicationId, eventKey: `cross-check#${uuid4()}` });
        const limit = input.category === 'DESTITUTE' ? LIMIT.destituteInvestigation : LIMIT.investigation;
        if (await humanStep('HOME_VISIT', 'TOWNSHIP_CASEWORKER', input.townshipCode, limit)) await moveTo('REVIEW');
        return;
      }
      case 'REVIEW': {
        state.engine = await act.evaluateApplication({ applicationId: input.applicationId, eventKey: `evaluated#${uuid4()}` });
        const done = await humanStep('REVIEW', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.review);
        if (done?.command.action !== 'submitOpinion') return;
        const approve = done.command.proposal === 'APPROVE';
        state.opinion = { proposal: done.command.proposal, amount: approve ? state.engine.monthlyAmount : null };
        // Approvals are published (rigid-expense cases follow the temporary-assistance procedure, without publicity).
        await moveTo(approve && input.category !== 'RIGID_EXPENSE' ? 'PUBLICITY' : afterPublicity());
        return;
      }
      case 'PUBLICITY': {
        state.publicityRound++;
        state.objectionsThisRound = 0;
        const due = await act.planDue({ limitId: LIMIT.publicity, from: new Date().toISOString(), county: input.countyCode });
        state.publicityEndsAt = due.dueAt;
        await act.publish({ applicationId: input.applicationId, round: state.publicityRound, endsAt: due.dueAt });
        await condition(() => state.stage !== 'PUBLICITY', msUntil(due.dueAt));
        if (state.stage !== 'PUBLICITY') return;
        state.publicityEndsAt = null;
        await moveTo(state.objectionsThisRound > 0 ? 'OBJECTION_HANDLING' : afterPublicity());
        return;
      }
      case 'OBJECTION_HANDLING': {
        const done = await humanStep('RESOLVE_OBJECTION', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.objection);
        const action = done?.command.action;
        if (action === 'reinvestigate') await moveTo('INVESTIGATION');
        if (action === 'holdAppraisal') await moveTo('APPRAISAL');
        if (action === 'dismissObjection') await moveTo(afterPublicity());
        return;
      }
      case 'APPRAISAL': {
        // A new opinion, then a new publicity.
        if (await humanStep('DEMOCRATIC_APPRAISAL', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.appraisal)) await moveTo('REVIEW');
        return;
      }
      case 'COUNTY_HOME_VISIT': {
        if (patched(COUNTY_FILE_PATCH)) {
          const plan = { limitId: confirmationLimit(), from: new Date().toISOString(), county: input.countyCode };
          countyFile = { plan, due: await act.planDue(plan) };
        }
        if (await humanStep('COUNTY_HOME_VISIT', 'COUNTY_OFFICER', input.countyCode, confirmationLimit(), { deadline: countyFile })) await moveTo('CONFIRMATION');
        return;
      }
      case 'CONFIRMATION': {
        const role: Role = delegated && input.category !== 'RIGID_EXPENSE' ? 'TOWNSHIP_CASEWORKER' : 'COUNTY_OFFICER';
        const jurisdiction = role === 'TOWNSHIP_CASEWORKER' ? input.townshipCode : input.countyCode;
        const done = await humanStep('CONFIRM', role, jurisdiction, confirmationLimit(), { deadline: countyFile });
        if (!done) return;
        const cmd = done.command;
        if (cmd.action !== 'confirm' && cmd.action !== 'refuse') return;
        const approved = cmd.action === 'confirm';
        const amount = approved ? (cmd.amount ?? state.engine?.monthlyAmount ?? 0) : null;
        await act.recordDecision({
          applicationId: input.applicationId,
          outcome: approved ? 'APPROVED' : 'REFUSED',
          monthlyAmount: amount,
          amountReason: approved ? (cmd.amountReason ?? null) : null,
          reasons: approved ? [] : cmd.reasons,
          expectedFactsVersion: state.engine?.factsVersion ?? null,
          actor: done.actor,
          requestId: done.requestId,
        });
        state.outcome = { decidedBy: done.actor.userId, amount };
        state.stage = approved ? 'ENROLLED' : 'REFUSED';
        return;
      }
    }
  }

  /** After publicity (or without it): a flagged case first gets a county home visit. */
  function afterPublicity(): OpenStage {
    return input.closeRelativeFlag ? 'COUNTY_HOME_VISIT' : 'CONFIRMATION';
  }

  function confirmationLimit(): string {
    if (input.category === 'DESTITUTE') return LIMIT.destituteConfirmation;
    if (input.category === 'RIGID_EXPENSE') return LIMIT.rigidExpenseDecision;
    return LIMIT.confirmation;
  }

  async function moveTo(stage: OpenStage, extra: { processDueAt?: string } = {}): Promise<void> {
    state.stage = stage;
    // A new step starts on time; only a passed whole-process limit keeps the case overdue.
    await act.updateReadModel({ applicationId: input.applicationId, stage, overdue: state.processOverdue, ...extra });
  }

  /** Closes the case without a decision, with a notice to the household and a timeline event. */
  async function closeWithNotice(stage: 'CLOSED' | 'WITHDRAWN' | 'TERMINATED', kind: NoticeKind, reasons: string[], acting: Acting<unknown> | null): Promise<void> {
    state.stage = stage;
    await act.issueNotice({ applicationId: input.applicationId, noticeKey: 'closing', kind, items: [], reasons });
    await act.updateReadModel({ applicationId: input.applicationId, stage });
    await event(kind, acting, reasons.join('；'));
  }

  /**
   * Opens a task and waits for the action that completes it. Returns that action, or null
   * when the stage was left another way (withdrawal, termination) or its deadline closed it.
   */
  /**
   * Opens a step's task and waits for it. Its due date comes from `limitId` counted from now,
   * or from a `deadline` already planned (a limit several steps share); `escalate: false`
   * lets the deadline itself end the step.
   */
  async function humanStep(
    type: TaskType,
    role: Role,
    jurisdiction: string,
    limitId: string,
    opts: { escalate?: boolean; deadline?: { plan: DueRequest; due: PlannedDue } | null } = {},
  ): Promise<Acting<DeterminationAction> | null> {
    const escalate = opts.escalate !== false;
    const stageAtStart = state.stage;
    const opened = new Date().toISOString();
    const plan = opts.deadline?.plan ?? { limitId, from: opened, county: input.countyCode };
    const due = opts.deadline?.due ?? (await act.planDue(plan));
    stepDeadline = deadlineOf(plan, due);
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
      priority: input.category === 'DESTITUTE' || input.channel === 'WARNING' ? 1 : 0,
      dueAt: due.dueAt,
      dueProvisional: due.provisional,
    };
    completed = null;
    state.currentTask = { taskId: spec.taskId, type, candidateRole: role, jurisdiction, dueAt: due.dueAt };
    await act.openTask(spec);
    const finished = () => state.currentTask?.taskId !== spec.taskId || state.stage !== stageAtStart;

    let reminded = false;
    let escalation: string | null = null;
    let seenVersion = deadlineVersion;
    let seenLoads = calendarLoads.version();
    while (!finished()) {
      if (calendarLoads.version() !== seenLoads) {
        seenLoads = calendarLoads.version();
        await replanStep(spec.taskId);
        if (finished()) break;
      }
      if (deadlineVersion !== seenVersion) {
        // A new deadline gets its own reminder and, if missed again, its own escalation.
        seenVersion = deadlineVersion;
        reminded = false;
        if (escalation !== null) await act.closeTask({ taskId: escalation, status: 'DONE', outcome: deadlineMovedBy, completedBy: null, completedByRole: null });
        escalation = null;
      }
      const version = deadlineVersion;
      const loads = calendarLoads.version();
      const moved = () => finished() || deadlineVersion !== version || calendarLoads.version() !== loads;
      if (escalation !== null) {
        await condition(moved); // escalated: wait for the step or a new deadline
        continue;
      }
      const dueAt = Date.parse(state.currentTask!.dueAt!);
      const remindAt = Date.parse(opened) + due.reminderShare * (dueAt - Date.parse(opened));
      if (await condition(moved, Math.max((!reminded && escalate ? remindAt : dueAt) - Date.now(), 0))) continue;
      if (!escalate) break; // the deadline itself ends the step (supplement)
      if (!reminded) {
        reminded = true;
        await act.remindTask(spec.taskId);
        continue;
      }
      state.overdueSteps++;
      escalation = await openEscalation(spec, `「${type}」环节已超过办理期限 ${state.currentTask!.dueAt}`);
    }
    if (state.currentTask?.taskId === spec.taskId) {
      state.currentTask = null;
      await act.closeTask({ taskId: spec.taskId, status: 'CANCELLED', outcome: state.stage, completedBy: null, completedByRole: null });
    }
    const done = completed as Acting<DeterminationAction> | null; // set by the Update handler meanwhile
    if (done !== null) {
      const { actor, command } = done;
      // An activity task, not a local one: a local activity would hold open the workflow task
      // that carries the Update's reply, so staff would wait for every write of the next step.
      await closing.closeTask({ taskId: spec.taskId, status: 'DONE', outcome: command.action, completedBy: actor.userId, completedByRole: actor.role });
      const record = isInvestigationRecord(command) && patched(INVESTIGATION_RECORDS_PATCH) ? command : undefined;
      await event(`ACTION_${command.action}`, done, describe(command), undefined, record);
    }
    if (escalation !== null) {
      await act.closeTask({ taskId: escalation, status: 'DONE', outcome: 'STEP_COMPLETED', completedBy: null, completedByRole: null });
    }
    return done;
  }

  /** The open step's provisional due date, planned again after a holiday-schedule load. */
  async function replanStep(taskId: string): Promise<void> {
    const next = await replanDeadline(act.planDue, stepDeadline, calendarLoads);
    const task = state.currentTask;
    if (next === null || task?.taskId !== taskId) return;
    stepDeadline = next;
    const moved = task.dueAt !== next.dueAt;
    if (moved) {
      task.dueAt = next.dueAt;
      deadlineMovedBy = 'DEADLINE_RECALCULATED';
      deadlineVersion++; // wakes the step's timers on the new due date
    }
    // Written even when only the provisional mark goes: the task then shows a firm date.
    await act.rescheduleTask({ taskId, dueAt: next.dueAt, dueProvisional: next.provisional, reason: CALENDAR_LOADED_REASON, cause: 'CALENDAR_LOADED' });
    if (moved) await event('STEP_DUE_RECALCULATED', null, `${CALENDAR_LOADED_REASON}（至 ${next.dueAt}）`);
  }

  /** An ESCALATION task for the county supervisor, who may reassign, extend the step or act in its place. */
  async function openEscalation(about: TaskSpec | null, reason: string): Promise<string> {
    const taskId = uuid4();
    await act.openTask({
      taskId,
      taskKey: `ESCALATION#${uuid4()}`,
      type: 'ESCALATION',
      applicationId: input.applicationId,
      workflowId,
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: input.countyCode,
      countyCode: input.countyCode,
      townshipCode: input.townshipCode,
      priority: 2,
      dueAt: null,
      dueProvisional: false,
      ...(about ? { escalates: about.taskId } : {}),
    });
    await event('ESCALATED', null, reason);
    return taskId;
  }

  /** The whole-process limit runs beside the stages; passing it escalates once per deadline. */
  async function watchWholeProcess(): Promise<void> {
    let flaggedFor: string | null = null;
    let seenLoads = calendarLoads.version();
    while (isOpen(state.stage)) {
      if (calendarLoads.version() !== seenLoads) {
        seenLoads = calendarLoads.version();
        const next = await replanDeadline(act.planDue, processDeadline, calendarLoads);
        if (next !== null && isOpen(state.stage)) {
          processDeadline = next;
          if (next.dueAt !== state.processDueAt) {
            state.processDueAt = next.dueAt;
            // Overdue on the provisional date and still overdue: no second escalation.
            if (state.processOverdue && msUntil(next.dueAt) === 0) flaggedFor = next.dueAt;
            else state.processOverdue = false;
            await act.updateReadModel({ applicationId: input.applicationId, processDueAt: next.dueAt, overdue: state.processOverdue });
            await event('PROCESS_DUE_RECALCULATED', null, `${CALENDAR_LOADED_REASON}（整体办理时限至 ${next.dueAt}）`);
          }
        }
      }
      const version = deadlineVersion;
      const loads = calendarLoads.version();
      const due = state.processDueAt;
      const wake = () => !isOpen(state.stage) || deadlineVersion !== version || calendarLoads.version() !== loads;
      if (!due || due === flaggedFor) {
        await condition(wake);
        continue;
      }
      if (await condition(wake, msUntil(due))) continue;
      flaggedFor = due;
      state.processOverdue = true;
      await act.updateReadModel({ applicationId: input.applicationId, overdue: true });
      await openEscalation(null, `整体办理时限 ${due} 已到，案件尚未办结`);
    }
  }
}

/** Actions that complete the open task (the others act on the case as a whole). */
const TASK_ACTIONS = new Set<DeterminationAction['action']>([
  'accept', 'requestSupplement', 'declineInadmissible', 'supplement', 'recordHomeVisit', 'submitOpinion', 'reinvestigate',
  'holdAppraisal', 'dismissObjection', 'recordAppraisal', 'recordCountyHomeVisit', 'confirm', 'refuse',
]);

function isInvestigationRecord(command: DeterminationAction): command is InvestigationRecord {
  return command.action === 'recordHomeVisit' || command.action === 'recordAppraisal' || command.action === 'recordCountyHomeVisit';
}

function isOpen(stage: DeterminationState['stage']): stage is OpenStage {
  return !['ENROLLED', 'REFUSED', 'WITHDRAWN', 'CLOSED', 'TERMINATED'].includes(stage);
}

/** The human-readable gist of an action for the timeline (no personal data). */
function describe(command: DeterminationAction): string | null {
  switch (command.action) {
    case 'requestSupplement':
      return `一次性告知需补充：${command.missing.join('；')}`;
    case 'supplement':
      return `已补充：${command.items.join('；')}`;
    case 'submitOpinion':
      return `${command.proposal === 'APPROVE' ? '拟同意' : '拟不同意'}：${command.reasons.join('；')}${command.disagreementReason ? `（与测算不一致的理由：${command.disagreementReason}）` : ''}`;
    case 'refuse':
      return command.reasons.join('；');
    case 'confirm':
      return command.amountReason ?? null;
    case 'declineInadmissible':
    case 'dismissObjection':
      return command.reason;
    case 'reinvestigate':
    case 'holdAppraisal':
    case 'accept':
      return command.note ?? null;
    case 'recordAppraisal':
      return `民主评议 ${command.participants} 人参加，结论：${command.result === 'SUPPORT' ? '同意' : '不同意'}`;
    default:
      return null;
  }
}

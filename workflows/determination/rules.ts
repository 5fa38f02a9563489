import { ApplicationFailure } from '@temporalio/workflow';
import type {
  Acting,
  ActionName,
  ActorRef,
  DeterminationAction,
  DeterminationState,
  OpenStage,
  RefusalType,
} from '../../src/core/contracts/determination';
import type { Role } from '../../src/core/contracts/roles';
import type { TaskType } from '../../src/core/contracts/task';
import { notOverdueReason, supervisorMayActInPlace } from '../shared/acting-in-place';
import { cstDate } from '../../src/core/clock';

// Who may do what, when (processes.md §1). Validators refuse with a typed, non-retryable
// failure that the API turns into 403/409/400 with the reason; the state is untouched.

export function refuse(type: RefusalType, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

interface Rule {
  stages: readonly OpenStage[] | 'ANY_OPEN';
  roles: readonly Role[];
  /** The open task this action completes; none for case-level actions. */
  task: TaskType | null;
}

const TOWNSHIP: Role[] = ['TOWNSHIP_CASEWORKER'];

export const RULES: Record<ActionName, Rule> = {
  accept: { stages: ['SUBMITTED'], roles: TOWNSHIP, task: 'ACCEPT' },
  requestSupplement: { stages: ['SUBMITTED'], roles: TOWNSHIP, task: 'ACCEPT' },
  declineInadmissible: { stages: ['SUBMITTED'], roles: TOWNSHIP, task: 'ACCEPT' },
  supplement: { stages: ['AWAITING_SUPPLEMENT'], roles: ['VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER'], task: 'SUPPLY' },
  startInvestigation: { stages: ['INVESTIGATION'], roles: TOWNSHIP, task: 'START_INVESTIGATION' },
  recordHomeVisit: { stages: ['INVESTIGATION'], roles: TOWNSHIP, task: 'HOME_VISIT' },
  submitOpinion: { stages: ['REVIEW'], roles: TOWNSHIP, task: 'REVIEW' },
  reinvestigate: { stages: ['OBJECTION_HANDLING'], roles: TOWNSHIP, task: 'RESOLVE_OBJECTION' },
  holdAppraisal: { stages: ['OBJECTION_HANDLING'], roles: TOWNSHIP, task: 'RESOLVE_OBJECTION' },
  dismissObjection: { stages: ['OBJECTION_HANDLING'], roles: TOWNSHIP, task: 'RESOLVE_OBJECTION' },
  recordAppraisal: { stages: ['APPRAISAL'], roles: TOWNSHIP, task: 'DEMOCRATIC_APPRAISAL' },
  recordCountyHomeVisit: { stages: ['COUNTY_HOME_VISIT'], roles: ['COUNTY_OFFICER'], task: 'COUNTY_HOME_VISIT' },
  // The confirming role depends on delegation: checked against the open task's candidate role.
  confirm: { stages: ['CONFIRMATION'], roles: ['COUNTY_OFFICER', 'TOWNSHIP_CASEWORKER'], task: 'CONFIRM' },
  refuse: { stages: ['CONFIRMATION'], roles: ['COUNTY_OFFICER', 'TOWNSHIP_CASEWORKER'], task: 'CONFIRM' },
  withdraw: { stages: 'ANY_OPEN', roles: ['VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER'], task: null },
  terminateNonCooperation: { stages: 'ANY_OPEN', roles: TOWNSHIP, task: null },
  extendProcess: { stages: 'ANY_OPEN', roles: ['COUNTY_SUPERVISOR'], task: null },
  extendStep: { stages: 'ANY_OPEN', roles: ['COUNTY_SUPERVISOR'], task: null },
};

const SUPERVISOR: Role = 'COUNTY_SUPERVISOR';

/** The actor's jurisdiction (city, county, township or village code) must contain the household's village. */
export function covers(jurisdiction: string, villageCode: string): boolean {
  const prefix = jurisdiction.length === 6 ? jurisdiction.replace(/(00)+$/, '') : jurisdiction;
  return villageCode.startsWith(prefix);
}

/** Synchronous validator of every action (Update validators must not block). */
export function validateAction(
  state: DeterminationState,
  villageCode: string,
  acting: Acting<DeterminationAction>,
): void {
  const { actor, command } = acting;
  const rule = RULES[command.action];
  const open = state.currentTask;
  // Before the stage check: once started, a second start says so, whatever the stage since.
  if (command.action === 'startInvestigation' && !isTerminal(state) && investigationStarted(state)) {
    const on = state.investigation ? `已于 ${cstDate(state.investigation.startedAt)} ` : '已';
    refuse('INVESTIGATION_ALREADY_STARTED', `本案件的调查${on}启动，不能重复启动`);
  }
  if (
    rule.stages === 'ANY_OPEN'
      ? state.outcome !== null || isTerminal(state)
      : !rule.stages.includes(state.stage as OpenStage)
  ) {
    refuse('WRONG_STAGE', `案件当前处于「${state.stage}」阶段，不能执行 ${command.action}`);
  }
  // A county supervisor may act in the caseworker's place on an overdue or escalated step only (audited as such).
  const actingForOthers = actor.role === SUPERVISOR && rule.task !== null;
  if (!actingForOthers) {
    if (!rule.roles.includes(actor.role)) refuse('ROLE_NOT_ALLOWED', `角色 ${actor.role} 不能执行 ${command.action}`);
    if (rule.task !== null && open && open.candidateRole !== actor.role)
      refuse('ROLE_NOT_ALLOWED', `本环节须由 ${open.candidateRole} 办理`);
  }
  if (!covers(actor.jurisdiction, villageCode))
    refuse('OUT_OF_JURISDICTION', `本案件不在您的辖区（${actor.jurisdiction}）内`);
  if (rule.task !== null) {
    if (!open || open.type !== rule.task || open.taskId !== acting.taskId) {
      refuse('TASK_NOT_OPEN', '该任务已办结或不是本案件当前的待办任务');
    }
  }
  // Date.now() is workflow time; validators do not run on replay, so this reads no history.
  if (actingForOthers && !supervisorMayActInPlace(open, Date.now(), state.processOverdue))
    refuse('STEP_NOT_OVERDUE', notOverdueReason(open));
  checkCommand(state, command);
}

/** Started by startInvestigation, or (a case without that step) its home visit already open. */
function investigationStarted(state: DeterminationState): boolean {
  if (state.investigation) return true;
  return (
    state.stage === 'INVESTIGATION' && state.currentTask !== null && state.currentTask.type !== 'START_INVESTIGATION'
  );
}

function isTerminal(state: DeterminationState): boolean {
  return ['ENROLLED', 'REFUSED', 'WITHDRAWN', 'CLOSED', 'TERMINATED'].includes(state.stage);
}

/** Rules that need the case's state, beyond the command's own schema. */
function checkCommand(state: DeterminationState, command: DeterminationAction): void {
  switch (command.action) {
    case 'startInvestigation':
      // Date.now() is workflow time: the appointment may be today (CST), not before.
      if (
        command.appointmentDate !== undefined &&
        command.appointmentDate < cstDate(new Date(Date.now()).toISOString())
      ) {
        refuse('APPOINTMENT_IN_PAST', `首次入户预约日期 ${command.appointmentDate} 早于今天，请填写今天或以后的日期`);
      }
      return;
    case 'recordHomeVisit':
      if (state.category === 'DESTITUTE' && !command.selfCareAssessment) {
        refuse('SELF_CARE_ASSESSMENT_REQUIRED', '特困人员认定须在入户调查时完成生活自理能力评估（6 项）');
      }
      return;
    case 'submitOpinion': {
      const engineSays =
        state.engine?.status === 'eligible' ? 'APPROVE' : state.engine?.status === 'ineligible' ? 'REFUSE' : null;
      if (engineSays !== null && engineSays !== command.proposal && !command.disagreementReason) {
        refuse(
          'DISAGREEMENT_REASON_REQUIRED',
          `审核意见与政策测算结果（${engineSays === 'APPROVE' ? '符合' : '不符合'}）不一致，须书面说明理由`,
        );
      }
      return;
    }
    case 'confirm':
      if (command.amount !== undefined && command.amount !== state.engine?.monthlyAmount && !command.amountReason) {
        refuse(
          'AMOUNT_REASON_REQUIRED',
          `确认金额 ${command.amount.toFixed(2)} 元与测算金额 ${(state.engine?.monthlyAmount ?? 0).toFixed(2)} 元不同，须说明理由`,
        );
      }
      return;
    case 'extendProcess':
      if (state.processExtended) refuse('ALREADY_EXTENDED', '办理时限已延长过一次');
      if (state.processDueAt === null)
        refuse('WRONG_STAGE', '没有可延长的整体办理时限（尚未受理，或特困人员认定不设整体时限）');
      return;
    case 'extendStep':
      if (!state.currentTask?.dueAt) refuse('WRONG_STAGE', '当前环节没有可延长的期限');
      return;
    default:
      return;
  }
}

export type { ActorRef };

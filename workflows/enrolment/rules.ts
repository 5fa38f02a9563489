import { ApplicationFailure } from '@temporalio/workflow';
import type { Acting } from '../../src/core/contracts/determination';
import type {
  EnrolledCaseState,
  EnrolmentRefusal,
  RecheckAction,
  RecheckEngineResult,
  RecheckInput,
  RecheckState,
  SupervisorAction,
  WorkRefusalReduction,
} from '../../src/core/contracts/enrolment';
import { covers } from '../determination/rules';
import { notOverdueReason, supervisorMayActInPlace } from '../shared/acting-in-place';

// Who may do what on an enrolled case (processes.md §2). Validators are synchronous and
// refuse with a typed, non-retryable failure; the state is untouched.

export function refuse(type: EnrolmentRefusal, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

function supervisorOf(action: SupervisorAction, villageCode: string): void {
  if (action.actor.role !== 'COUNTY_SUPERVISOR')
    refuse('ROLE_NOT_ALLOWED', `角色 ${action.actor.role} 不能暂停或恢复保障，须由县级主管办理`);
  if (!covers(action.actor.jurisdiction, villageCode))
    refuse('OUT_OF_JURISDICTION', `本案件不在您的辖区（${action.actor.jurisdiction}）内`);
  if (!action.reason.trim()) refuse('REASON_REQUIRED', '须填写理由');
}

export function validateSuspend(state: EnrolledCaseState, villageCode: string, action: SupervisorAction): void {
  supervisorOf(action, villageCode);
  if (state.status === 'EXITED') refuse('CASE_EXITED', '案件已退出保障');
  if (state.status === 'SUSPENDED') refuse('WRONG_STATUS', '案件已处于暂停状态');
}

export function validateResume(state: EnrolledCaseState, villageCode: string, action: SupervisorAction): void {
  supervisorOf(action, villageCode);
  if (state.status !== 'SUSPENDED') refuse('WRONG_STATUS', `案件当前状态为 ${state.status}，不是暂停状态`);
}

const STAGE_OF: Record<RecheckAction['action'], { stage: RecheckState['stage']; task: string; role: string }> = {
  recordInvestigation: { stage: 'INVESTIGATE', task: 'RECHECK_INVESTIGATE', role: 'TOWNSHIP_CASEWORKER' },
  decide: { stage: 'DECIDE', task: 'RECHECK_DECIDE', role: 'COUNTY_OFFICER' },
};

export function validateRecheckAction(state: RecheckState, input: RecheckInput, acting: Acting<RecheckAction>): void {
  const { actor, command } = acting;
  const rule = STAGE_OF[command.action];
  if (state.stage !== rule.stage)
    refuse('WRONG_STAGE', `复核当前处于「${state.stage}」阶段，不能执行 ${command.action}`);
  // A county supervisor may act in the caseworker's or officer's place on an overdue (escalated) step only.
  if (actor.role !== 'COUNTY_SUPERVISOR' && actor.role !== rule.role)
    refuse('ROLE_NOT_ALLOWED', `本环节须由 ${rule.role} 办理`);
  if (!covers(actor.jurisdiction, input.villageCode))
    refuse('OUT_OF_JURISDICTION', `本案件不在您的辖区（${actor.jurisdiction}）内`);
  const open = state.currentTask;
  if (!open || open.type !== rule.task || open.taskId !== acting.taskId)
    refuse('TASK_NOT_OPEN', '该任务已办结或不是本复核当前的待办任务');
  if (
    actor.role === 'COUNTY_SUPERVISOR' &&
    rule.role !== 'COUNTY_SUPERVISOR' &&
    !supervisorMayActInPlace(open, Date.now())
  )
    refuse('STEP_NOT_OVERDUE', notOverdueReason(open));
  if (command.action === 'decide' && command.decision.outcome === 'PHASE_OUT' && input.category !== 'MINIMUM_LIVING') {
    refuse('PHASE_OUT_NOT_APPLICABLE', '渐退期只适用于最低生活保障家庭');
  }
}

/** Refusal streaks of members who accepted suitable work end: their counts restart at 0. */
export function endStreaks(counts: Record<string, number> = {}, acceptedBy: string[] = []): Record<string, number> {
  const kept = { ...counts };
  for (const m of acceptedBy) delete kept[m];
  return kept;
}

/** Per-member work refusal counts added up. */
export function addRefusals(a: Record<string, number> = {}, b: Record<string, number> = {}): Record<string, number> {
  const sum = { ...a };
  for (const [m, n] of Object.entries(b)) sum[m] = (sum[m] ?? 0) + n;
  return sum;
}

/**
 * Members included by the engine whose consecutive unjustified work refusals reached the
 * limit (seed 二(四)5, N1): the amount is reduced by their per-capita share (stopped when all
 * are). The share stays withdrawn at later rechecks until the member accepts suitable work.
 */
export function workRefusalReduction(
  engine: RecheckEngineResult,
  counts: Record<string, number>,
  limit: number,
): WorkRefusalReduction | null {
  if (engine.status !== 'eligible' || engine.membersIncluded.length === 0) return null;
  const memberIds = engine.membersIncluded.filter((m) => (counts[m] ?? 0) >= limit);
  if (memberIds.length === 0) return null;
  const membersIncluded = engine.membersIncluded.filter((m) => !memberIds.includes(m));
  const monthlyAmount =
    Math.round((engine.monthlyAmount * membersIncluded.length * 100) / engine.membersIncluded.length) / 100;
  const action = membersIncluded.length === 0 ? '停发' : '减发';
  return {
    memberIds,
    monthlyAmount,
    membersIncluded,
    reasonZh: `家庭成员 ${memberIds.join('、')} 无正当理由连续拒绝就业达 ${limit} 次，${action}其本人份额`,
  };
}

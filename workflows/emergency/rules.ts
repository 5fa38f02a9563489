import { ApplicationFailure } from '@temporalio/workflow';
import type { ActorRef } from '../../src/core/contracts/determination';
import type { EmergencyActing, EmergencyAidInput, EmergencyState } from '../../src/core/contracts/emergency';
import type { Role } from '../../src/core/contracts/roles';
import type { TaskType } from '../../src/core/contracts/task';
import { covers } from '../determination/rules';

// Who may do what, when, on an emergency case (processes.md §3). Refusals are typed,
// non-retryable failures; the API maps them with EMERGENCY_REFUSAL_STATUS.

export function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export { covers };

const yuan = (n: number) => `${n.toFixed(2)} 元`;

/** The most an approver in this role may grant (403 names the limit when above it). */
export function approverLimit(
  role: Role,
  input: EmergencyAidInput,
): { limit: number; nameZh: string; parameter: string } {
  return role === 'TOWNSHIP_CASEWORKER'
    ? {
        limit: input.limits.townshipApprovalLimit,
        nameZh: '乡镇（街道）审批限额',
        parameter: 'emergency_aid.township_approval_limit',
      }
    : {
        limit: input.limits.countyApprovalLimit,
        nameZh: '县级审批限额',
        parameter: 'emergency_aid.county_approval_limit',
      };
}

export function checkApproverLimit(actor: ActorRef | { role: Role }, amount: number, input: EmergencyAidInput): void {
  const { limit, nameZh, parameter } = approverLimit(actor.role, input);
  if (amount > limit) {
    refuse(
      'AMOUNT_ABOVE_APPROVER_LIMIT',
      `救助金额 ${yuan(amount)} 超过${nameZh} ${yuan(limit)}（参数 ${parameter}），请报上级审批或提请一事一议`,
    );
  }
}

const TASK_OF: Partial<Record<EmergencyActing['command']['action'], TaskType>> = {
  explain: 'EXPLAIN',
  grantAid: 'GRANT_AID',
  referToDeliberation: 'GRANT_AID',
  registerAndComplete: 'REGISTER_AND_COMPLETE',
  accept: 'EMERGENCY_ACCEPT',
  recordInvestigation: 'EMERGENCY_INVESTIGATE',
  submitOpinion: 'EMERGENCY_REVIEW',
  confirm: 'EMERGENCY_CONFIRM',
  refuse: 'EMERGENCY_CONFIRM',
};

export const isTaskAction = (action: EmergencyActing['command']['action']): boolean => TASK_OF[action] !== undefined;

/** Synchronous validator of every emergency action. */
export function validateEmergencyAction(
  state: EmergencyState,
  input: EmergencyAidInput,
  acting: EmergencyActing,
): void {
  const { actor, command } = acting;
  if (state.stage === 'CLOSED' || state.stage === 'REFUSED')
    refuse('WRONG_STAGE', `案件已${state.stage === 'CLOSED' ? '办结' : '不予救助'}，不能执行 ${command.action}`);
  const task = TASK_OF[command.action];
  if (task !== undefined) {
    const open = state.currentTask;
    if (!open || open.type !== task)
      refuse('WRONG_STAGE', `案件当前没有「${task}」待办任务（阶段：${state.stage}），不能执行 ${command.action}`);
    if (acting.taskId !== undefined && acting.taskId !== open.taskId)
      refuse('TASK_NOT_OPEN', '该任务已办结或不是本案件当前的待办任务');
    if (open.candidateRole !== actor.role) refuse('ROLE_NOT_ALLOWED', `本环节须由 ${open.candidateRole} 办理`);
    if (!covers(actor.jurisdiction, open.jurisdiction))
      refuse('OUT_OF_JURISDICTION', `本案件不在您的辖区（${actor.jurisdiction}）内`);
  }
  switch (command.action) {
    case 'grantAid':
      checkApproverLimit(actor, command.amount, input);
      return;
    case 'confirm': {
      const amount = command.amount ?? state.opinion?.amount ?? input.requestedAmount;
      checkApproverLimit(actor, amount, input);
      return;
    }
    case 'submitOpinion': {
      const engine = state.incomeTest === null ? null : state.incomeTest.eligible ? 'APPROVE' : 'REFUSE';
      if (engine !== null && engine !== command.proposal && !command.disagreementReason) {
        refuse(
          'DISAGREEMENT_REASON_REQUIRED',
          `审核意见与收入核算结果（${engine === 'APPROVE' ? '符合' : '不符合'}）不一致，须书面说明理由`,
        );
      }
      return;
    }
    case 'registerAndComplete':
      if (state.approvedAmount !== null && command.amount > state.approvedAmount) {
        refuse('AMOUNT_ABOVE_APPROVAL', `登记金额 ${yuan(command.amount)} 超过批准金额 ${yuan(state.approvedAmount)}`);
      }
      return;
    case 'markEased':
      if (state.stage !== 'AWAITING_EASE' && !(state.stage === 'AID_FIRST' && state.approvedAmount !== null)) {
        refuse('WRONG_STAGE', `只有已先行救助、待急难缓解的案件可以登记急难缓解（当前阶段：${state.stage}）`);
      }
      if (state.eased) refuse('WRONG_STAGE', '已登记急难缓解');
      if (!['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER'].includes(actor.role))
        refuse('ROLE_NOT_ALLOWED', `角色 ${actor.role} 不能登记急难缓解`);
      if (!covers(actor.jurisdiction, input.townshipCode))
        refuse('OUT_OF_JURISDICTION', `本案件不在您的辖区（${actor.jurisdiction}）内`);
      return;
    case 'resolveFundRefusal':
      if (state.fundRefusal === null) refuse('WRONG_STAGE', '本案件没有待处理的备用金拒付');
      if (actor.role !== 'COUNTY_SUPERVISOR') refuse('ROLE_NOT_ALLOWED', '备用金拒付须由县级主管处理');
      if (!covers(actor.jurisdiction, input.countyCode))
        refuse('OUT_OF_JURISDICTION', `本案件不在您的辖区（${actor.jurisdiction}）内`);
      return;
    default:
      return;
  }
}

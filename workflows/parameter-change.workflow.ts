import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ParameterChangeInput, ParameterChangeState } from '../src/core/contracts/parameter-change';
import type { TaskSpec } from '../src/core/contracts/task';
import { ANYANG_CITY_CODE } from '../src/core/division-codes';
import { decideParameterUpdate, parameterChangeStateQuery } from '../src/core/messages';
import type { ParameterChangeActivities } from '../src/policy-admin/parameter-change.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { RECORDING } from './profiles';

const act = proxyActivities<ParameterChangeActivities & Pick<TaskActivities, 'openTask' | 'closeTask'>>(RECORDING);

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * A proposed parameter version (policy administration): the approver's task is opened, and
 * the proposal waits for its four-eyes decision. The decision is an Update: the validator
 * refuses the proposer, a role that may not decide and a decided proposal; the handler
 * writes the decision (an approval: the immutable version row) and answers with the outcome,
 * so a refusal found while writing (the first day now conflicts) reaches the approver as an
 * error and the proposal stays pending. After an approval this worker reads the parameters again.
 */
export async function parameterChangeWorkflow(input: ParameterChangeInput): Promise<ParameterChangeState> {
  const state: ParameterChangeState = { proposalId: input.proposalId, status: 'PENDING', taskId: uuid4() };
  let deciding = false;
  let taskOpened = false;
  const countyValue = input.division !== ANYANG_CITY_CODE;

  setHandler(parameterChangeStateQuery, () => state);
  setHandler(
    decideParameterUpdate,
    async ({ actor, requestId, command }) => {
      deciding = true;
      try {
        await condition(() => taskOpened); // the task is closed after it was opened, never before
        const outcome = await act.decideParameterProposal({
          proposalId: input.proposalId,
          decision: command.decision,
          reason: command.reason,
          actor,
          requestId,
        });
        state.status = outcome.status;
        state.decidedBy = actor.userId;
        await act.closeTask({
          taskId: state.taskId,
          status: 'DONE',
          outcome: outcome.status,
          completedBy: actor.userId,
          completedByRole: actor.role,
        });
        if (outcome.status === 'APPROVED') await act.refreshParameters();
        return state;
      } catch (error) {
        // A business refusal from the write fails this Update only; the proposal stays pending.
        if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type)
          refuse(error.cause.type, error.cause.message);
        throw error;
      } finally {
        deciding = false;
      }
    },
    {
      validator: ({ actor }) => {
        if (state.status !== 'PENDING' || deciding) refuse('PARAMETER_PROPOSAL_DECIDED', '该参数调整已审批或正在审批');
        if (actor.userId === input.proposedBy)
          refuse('PARAMETER_FOUR_EYES', '提出人不能审批本人提出的参数调整，须由另一名系统管理员或县级主管审批');
        const countySupervisor = actor.role === 'COUNTY_SUPERVISOR' && actor.jurisdiction === input.division;
        if (actor.role !== 'ADMINISTRATOR' && !(countyValue && countySupervisor))
          refuse(
            'ROLE_NOT_ALLOWED',
            countyValue ? '只有系统管理员或本县县级主管可以审批县级参数' : '只有系统管理员可以审批全市参数',
          );
      },
    },
  );

  const task: TaskSpec = {
    taskId: state.taskId,
    taskKey: 'APPROVE_PARAMETER#1',
    type: 'APPROVE_PARAMETER',
    applicationId: null,
    caseKind: 'PARAMETER',
    caseId: input.proposalId,
    reason: `审批参数调整：${input.parameterId}（${input.division}）自 ${input.validFrom} 起`,
    workflowId: workflowInfo().workflowId,
    candidateRole: countyValue ? 'COUNTY_SUPERVISOR' : 'ADMINISTRATOR',
    jurisdiction: input.division,
    countyCode: input.division,
    townshipCode: input.division,
    priority: 0,
    dueAt: null,
    dueProvisional: false,
  };
  await act.openTask(task);
  taskOpened = true;
  await condition(() => state.status !== 'PENDING' && !deciding);
  await condition(allHandlersFinished);
  return state;
}

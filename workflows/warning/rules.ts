import { ApplicationFailure } from '@temporalio/workflow';
import { divisionCovers } from '../../src/core/contracts/division';
import { ROLE_NAMES_ZH } from '../../src/core/contracts/roles';
import type { WarningActing, WarningState } from '../../src/core/contracts/warning';

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/** The verification is recorded by the task's role in its jurisdiction, or by the county supervisor acting in place. */
export function validateWarningAction(state: WarningState, acting: WarningActing): void {
  const task = state.currentTask;
  if (state.stage !== 'VERIFICATION' || task === null)
    refuse('WRONG_STAGE', `预警当前阶段（${state.stage}）不能登记上门核查结果`);
  const { actor } = acting;
  const inPlace = actor.role === 'COUNTY_SUPERVISOR';
  if (actor.role !== task!.candidateRole && !inPlace)
    refuse(
      'ROLE_NOT_ALLOWED',
      `${ROLE_NAMES_ZH[actor.role]}无权登记此预警的核查结果（需要：${ROLE_NAMES_ZH[task!.candidateRole as keyof typeof ROLE_NAMES_ZH]}）`,
    );
  if (!divisionCovers(actor.jurisdiction, task!.jurisdiction)) refuse('OUT_OF_JURISDICTION', '该预警不在您的辖区内');
  if (acting.taskId !== undefined && acting.taskId !== task!.taskId)
    refuse('WRONG_STAGE', '该任务已不是此预警当前的核查任务');
}

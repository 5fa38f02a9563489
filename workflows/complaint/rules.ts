import { ApplicationFailure } from '@temporalio/workflow';
import type { ComplaintActing, ComplaintState } from '../../src/core/contracts/complaint';
import { divisionCovers } from '../../src/core/contracts/division';
import { ROLE_NAMES_ZH } from '../../src/core/contracts/roles';

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/**
 * The answer is given by the task's role in its jurisdiction, or by the county supervisor
 * acting in place; a recheck can be opened only for a complaint that names an enrolled case.
 */
export function validateComplaintAction(
  state: ComplaintState,
  enrolledCaseId: string | null,
  acting: ComplaintActing,
): void {
  const task = state.currentTask;
  if (state.stage !== 'ASSIGNED' || task === null) refuse('WRONG_STAGE', `投诉举报当前阶段（${state.stage}）不能答复`);
  const { actor } = acting;
  const inPlace = actor.role === 'COUNTY_SUPERVISOR';
  if (actor.role !== task!.candidateRole && !inPlace)
    refuse(
      'ROLE_NOT_ALLOWED',
      `${ROLE_NAMES_ZH[actor.role]}无权答复此投诉举报（需要：${ROLE_NAMES_ZH[task!.candidateRole as keyof typeof ROLE_NAMES_ZH]}）`,
    );
  if (!divisionCovers(actor.jurisdiction, task!.jurisdiction))
    refuse('OUT_OF_JURISDICTION', '该投诉举报不在您的辖区内');
  if (acting.taskId !== undefined && acting.taskId !== task!.taskId)
    refuse('WRONG_STAGE', '该任务已不是此投诉举报当前的办理任务');
  if (acting.command.openRecheck === true && enrolledCaseId === null)
    refuse('NO_ENROLLED_CASE', '该投诉举报未指向本县的保障案件，不能启动复核');
}

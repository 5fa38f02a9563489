import { ApplicationFailure } from '@temporalio/workflow';
import type { ComplaintActing, ComplaintState } from '../../src/core/contracts/complaint';
import { divisionCovers } from '../../src/core/division-codes';
import { ROLE_NAMES_ZH } from '../../src/core/role-names';

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/**
 * The handling task's actions (answer, ask for a county home visit) are its role's in its
 * jurisdiction, or the county supervisor's acting in place; a recheck or a home visit needs a
 * complaint that names an enrolled case; no answer while a home visit is outstanding. The home
 * visit is recorded by the county's officers (or its supervisor) through its own task.
 * `homeVisits`: whether this run can hold one (runs started before home visits existed cannot).
 */
export function validateComplaintAction(
  state: ComplaintState,
  enrolledCaseId: string | null,
  acting: ComplaintActing,
  homeVisits = false,
): void {
  const { actor, command } = acting;
  if (command.action === 'recordHomeVisit') {
    const visit = state.homeVisit;
    if (!visit?.taskId) refuse('HOME_VISIT_NOT_REQUESTED', '该投诉举报没有待完成的入户核查');
    if (acting.taskId !== undefined && acting.taskId !== visit!.taskId)
      refuse('WRONG_STAGE', '该任务已不是此投诉举报当前的入户核查任务');
    if (actor.role !== 'COUNTY_OFFICER' && actor.role !== 'COUNTY_SUPERVISOR')
      refuse('ROLE_NOT_ALLOWED', `${ROLE_NAMES_ZH[actor.role]}无权记录县级入户核查（需要：县级民政经办人）`);
    if (!state.currentTask || !divisionCovers(actor.jurisdiction, state.currentTask.jurisdiction))
      refuse('OUT_OF_JURISDICTION', '该投诉举报不在您的辖区内');
    return;
  }
  const task = state.currentTask;
  if (state.stage !== 'ASSIGNED' || task === null) refuse('WRONG_STAGE', `投诉举报当前阶段（${state.stage}）不能办理`);
  // The county supervisor acts in the county officer's place, never in the city's (a complaint about county staff).
  const inPlace = actor.role === 'COUNTY_SUPERVISOR' && task!.candidateRole === 'COUNTY_OFFICER';
  if (actor.role !== task!.candidateRole && !inPlace)
    refuse(
      'ROLE_NOT_ALLOWED',
      `${ROLE_NAMES_ZH[actor.role]}无权办理此投诉举报（需要：${ROLE_NAMES_ZH[task!.candidateRole as keyof typeof ROLE_NAMES_ZH]}）`,
    );
  if (!divisionCovers(actor.jurisdiction, task!.jurisdiction))
    refuse('OUT_OF_JURISDICTION', '该投诉举报不在您的辖区内');
  if (acting.taskId !== undefined && acting.taskId !== task!.taskId)
    refuse('WRONG_STAGE', '该任务已不是此投诉举报当前的办理任务');
  if (state.homeVisit) refuse('HOME_VISIT_OPEN', '已请求的县级入户核查尚未完成，完成后再办理');
  if (command.action === 'requestHomeVisit') {
    if (!homeVisits) refuse('WRONG_STAGE', '该投诉举报登记于入户核查功能上线之前，请直接答复');
    if (enrolledCaseId === null) refuse('NO_ENROLLED_CASE', '该投诉举报未指向本县的保障案件，不能安排入户核查');
    return;
  }
  if (command.openRecheck === true && enrolledCaseId === null)
    refuse('NO_ENROLLED_CASE', '该投诉举报未指向本县的保障案件，不能启动复核');
}

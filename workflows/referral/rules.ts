import { ApplicationFailure } from '@temporalio/workflow';
import { DEPARTMENT_NAMES_ZH } from '../../src/core/department-names';
import { divisionCovers } from '../../src/core/division-codes';
import type { ReferralActing, ReferralInput, ReferralState } from '../../src/core/contracts/referral';
import { deliveryIssues } from '../../src/core/delivery-issues';

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/** Civil affairs answers what the department asked: the township or county of the person. */
const CIVIL_AFFAIRS_ROLES = new Set(['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR']);

/**
 * The liaison of the referral's department in its county acts on it (accept, ask, deliver,
 * decline); civil affairs in the county answers a question. A closed referral takes no more
 * feedback; a delivery states the amount and period where the entitlement needs them.
 */
export function validateReferralAction(input: ReferralInput, state: ReferralState, acting: ReferralActing): void {
  const { actor, command } = acting;
  if (state.stage === 'CLOSED') refuse('REFERRAL_CLOSED', '该转介事项已办结，不能再反馈');
  if (!divisionCovers(actor.jurisdiction, input.countyCode)) refuse('OUT_OF_JURISDICTION', '该转介事项不在您的辖区内');
  if (command.action === 'ANSWER_INFO') {
    if (!CIVIL_AFFAIRS_ROLES.has(actor.role)) refuse('ROLE_NOT_ALLOWED', '补充信息须由民政部门经办人员答复');
    if (state.stage !== 'INFO_REQUESTED') refuse('WRONG_STAGE', '部门未请求补充信息，无需答复');
    return;
  }
  if (actor.role !== 'DEPARTMENT_LIAISON' || actor.department !== input.department)
    refuse('WRONG_DEPARTMENT', `该转介事项由${DEPARTMENT_NAMES_ZH[input.department]}部门联络员办理`);
  if (acting.taskId !== undefined && acting.taskId !== state.currentTask?.taskId)
    refuse('WRONG_STAGE', '该任务已不是此转介事项当前的任务');
  if (command.action === 'ACCEPT' && state.stage !== 'OPEN') refuse('WRONG_STAGE', '该转介事项已接收');
  if (command.action === 'REQUEST_INFO' && state.stage === 'INFO_REQUESTED')
    refuse('WRONG_STAGE', '已请求补充信息，请等待民政部门答复');
  if (command.action === 'DELIVER') {
    const issues = deliveryIssues(input, command);
    if (issues.length > 0) refuse('VALIDATION_FAILED', issues.map((x) => `${x.path}：${x.message}`).join('；'));
  }
}

import { ApplicationFailure } from '@temporalio/workflow';
import { divisionCovers } from '../../src/core/division-codes';
import { ROLE_NAMES_ZH } from '../../src/core/role-names';
import type { WarningActing, WarningClass, WarningState } from '../../src/core/contracts/warning';

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/**
 * The verification is recorded by the task's role in its jurisdiction, or by the county
 * supervisor acting in place. An application opened on the household's behalf needs its
 * consent and a person in the registry (`personKnown`: the warning's township is known).
 */
export function validateWarningAction(
  state: WarningState,
  acting: WarningActing,
  personKnown = true,
  warningClass: WarningClass | null = null,
): void {
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
  const { command } = acting;
  // Class (a): the person is in a category already; the department's part is what is missing.
  if (command.outcome === 'START_APPLICATION' && warningClass === 'POLICY_NOT_APPLIED')
    refuse(
      'WARNING_OUTCOME_NOT_FOR_CLASS',
      '政策未落实预警应转介责任部门落实、提请一事一议或说明理由后排除，不能代为申请',
    );
  if (command.outcome === 'START_APPLICATION' && (command.category === undefined) !== (command.consent === undefined))
    refuse(
      'CONSENT_REQUIRED',
      command.category === undefined
        ? '未选择申请类别，不能登记授权'
        : '代为申请须取得家庭经济状况核对授权和如实申报承诺',
    );
  if (command.outcome === 'START_APPLICATION' && command.category !== undefined && !personKnown)
    refuse('WARNING_PERSON_UNKNOWN', '该人员未在救助家庭登记，请先登记家庭后再申请');
}

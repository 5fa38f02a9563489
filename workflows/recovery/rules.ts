import { ApplicationFailure } from '@temporalio/workflow';
import { divisionCovers } from '../../src/core/division-codes';
import type { RecoveryActing, RecoveryState } from '../../src/core/contracts/recovery';
import { ROLE_NAMES_ZH } from '../../src/core/role-names';

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};
const yuan = (cents: number): string => (cents / 100).toFixed(2);

/** What is still owed (cents). */
export const remainingCents = (s: RecoveryState): number => s.totalCents - s.repaidCents;

/**
 * County officers and supervisors of the recovery's county record repayments and set a plan;
 * only the county supervisor writes off (a decision with a reason). Nothing after CLOSED or
 * CORRECTED, nothing before the notice; never more than is owed. `noticeMayFollow` is the
 * validator's reading while the notice is being issued: the handler waits for it, then checks again.
 */
export function validateRecoveryAction(
  state: RecoveryState,
  countyCode: string,
  acting: RecoveryActing,
  { noticeMayFollow = false } = {},
): void {
  if (state.stage === 'CLOSED' || state.stage === 'CORRECTED')
    refuse('RECOVERY_CLOSED', `该追缴当前状态（${state.stage}）已办结，不能再办理`);
  if (state.stage === 'FOUND' && !noticeMayFollow) refuse('RECOVERY_NOT_NOTIFIED', '追缴告知书尚未送达，暂不能办理');
  const { actor, command } = acting;
  if (!divisionCovers(actor.jurisdiction, countyCode)) refuse('OUT_OF_JURISDICTION', '该追缴不在您的辖区内');
  if (command.action === 'writeOff') {
    if (actor.role !== 'COUNTY_SUPERVISOR')
      refuse(
        'ROLE_NOT_ALLOWED',
        `${ROLE_NAMES_ZH[actor.role]}无权核销追缴（需要：${ROLE_NAMES_ZH.COUNTY_SUPERVISOR}）`,
      );
    return;
  }
  if (actor.role !== 'COUNTY_OFFICER' && actor.role !== 'COUNTY_SUPERVISOR')
    refuse('ROLE_NOT_ALLOWED', `${ROLE_NAMES_ZH[actor.role]}无权办理追缴`);
  const owed = remainingCents(state);
  if (command.action === 'recordRepayment' && command.amountCents > owed)
    refuse('REPAYMENT_EXCEEDS_DEBT', `还款金额 ${yuan(command.amountCents)} 元超过尚欠金额 ${yuan(owed)} 元`);
  if (command.action === 'setInstalmentPlan') {
    const sum = command.instalments.reduce((s, i) => s + i.amountCents, 0);
    if (sum !== owed) refuse('INSTALMENTS_DO_NOT_SUM', `分期金额合计 ${yuan(sum)} 元，应等于尚欠金额 ${yuan(owed)} 元`);
  }
}

/** The first instalment of the plan not yet covered by the repayments since the plan, with its index. */
export function firstUnpaidInstalment(state: RecoveryState): { index: number; dueOn: string } | null {
  const paid = state.repaidCents - state.planFromCents;
  let due = 0;
  for (let i = 0; i < state.instalments.length; i++) {
    due += state.instalments[i]!.amountCents;
    if (paid < due) return { index: i, dueOn: state.instalments[i]!.dueOn };
  }
  return null;
}

/** The end of a due date in China (UTC+8): overdue from then on. */
export const overdueFrom = (dueOn: string): number => Date.parse(`${dueOn}T00:00:00+08:00`) + 86_400_000;

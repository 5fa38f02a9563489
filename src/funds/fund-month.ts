import { ANYANG_CITY_CODE } from '../core/contracts/household-facts';
import { addMonths } from '../core/months';
import { P } from '../core/parameter-ids';
import { refuse } from '../common/refusals';
import { PolicyInputError, type ParameterStore } from '../policy';

/** The month's payment deadline (YYYY-MM-DD): the parameter's day of that month, as in force on its first day. */
export function paymentDeadline(parameters: ParameterStore, countyCode: string, month: string): string {
  const day = parameters.lookupNumber(P.PAYMENT_MONTHLY_DEADLINE_DAY, { date: `${month}-01`, county: countyCode });
  return `${month}-${String(day.value).padStart(2, '0')}`;
}

/** The latest month whose payment deadline is over on `today` (YYYY-MM-DD): this month after its deadline, else the last. */
export function latestMonthPastDeadline(parameters: ParameterStore, today: string): string {
  const month = today.slice(0, 7);
  return today > paymentDeadline(parameters, ANYANG_CITY_CODE, month) ? month : addMonths(month, -1);
}

/** As paymentDeadline, for the API: a month before the parameter's first version is a 409 with the reason. */
export function paymentDeadlineOrRefuse(parameters: ParameterStore, countyCode: string, month: string): string {
  try {
    return paymentDeadline(parameters, countyCode, month);
  } catch (e) {
    if (e instanceof PolicyInputError && e.code === 'PARAMETER_NOT_IN_FORCE')
      refuse('PARAMETER_NOT_IN_FORCE', `${month} 月没有生效的保障金发放截止日参数（payment.monthly_deadline_day）`);
    throw e;
  }
}

import { ANYANG_CITY_CODE } from '../core/contracts/household-facts';
import { addMonths } from '../core/months';
import { P } from '../core/parameter-ids';
import type { ParameterStore } from '../policy';

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

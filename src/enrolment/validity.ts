import { cstDate, startOfDayCst } from '../core/clock';
import {
  limitEndsAt,
  PARAMETER_IDS,
  PolicyInputError,
  timeLimitOf,
  type ParameterRef,
  type ParameterStore,
  type WorkingDayCalendar,
} from '../policy';

/** A 刚性支出 recognition's period: when it ends, and when its renewal recheck opens. */
export interface PlannedValidity {
  validUntil: string;
  renewalAt: string;
  /** The renewal date was counted without a published holiday schedule. */
  provisional: boolean;
}

/**
 * A recognition valid from `from` (its start, or the end of the period it renews) for
 * rigid_expense.validity_months; the renewal recheck opens rigid_expense.renewal_lead_working_days
 * working days before that, at the start of the day (never before `from`: a drill's period is minutes).
 */
export function planValidity(
  params: ParameterStore,
  calendar: WorkingDayCalendar,
  req: { from: string; county: string },
): PlannedValidity {
  const { validUntil, renewalAt, provisional } = planValidityExplained(params, calendar, req);
  return { validUntil, renewalAt, provisional };
}

/** The same plan with the parameter versions it used (the policy projection cites them). */
export function planValidityExplained(
  params: ParameterStore,
  calendar: WorkingDayCalendar,
  req: { from: string; county: string },
): PlannedValidity & { parameters: ParameterRef[] } {
  const ctx = { date: cstDate(req.from), county: req.county };
  const validity = timeLimitOf(params, PARAMETER_IDS.RIGID_EXPENSE_VALIDITY, ctx);
  if (validity.unit === 'WORKING_DAYS')
    throw new PolicyInputError('PARAMETER_INVALID', `参数 ${PARAMETER_IDS.RIGID_EXPENSE_VALIDITY} 须以月或自然日表示`, [
      PARAMETER_IDS.RIGID_EXPENSE_VALIDITY,
    ]);
  const until = limitEndsAt(Date.parse(req.from), validity);
  const lead = timeLimitOf(params, PARAMETER_IDS.RIGID_EXPENSE_RENEWAL_LEAD, ctx);
  if (lead.unit !== 'WORKING_DAYS')
    throw new PolicyInputError('PARAMETER_INVALID', `参数 ${PARAMETER_IDS.RIGID_EXPENSE_RENEWAL_LEAD} 须以工作日表示`, [
      PARAMETER_IDS.RIGID_EXPENSE_RENEWAL_LEAD,
    ]);
  const opens = calendar.subtractWorkingDays(cstDate(new Date(until).toISOString()), lead.value);
  const renewalAt = Math.max(startOfDayCst(opens.date).getTime(), Date.parse(req.from));
  return {
    validUntil: new Date(until).toISOString(),
    renewalAt: new Date(renewalAt).toISOString(),
    provisional: opens.provisional,
    parameters: [validity.parameter, lead.parameter],
  };
}

import { cstDate } from '../../core/clock';
import { P } from '../../core/parameter-ids';
import type { ParameterStore } from '../../policy';

/** When a credit record recorded at `at` expires: the validity parameter in force that day, counted in months. */
export function creditRecordExpiry(parameters: ParameterStore, at: Date, county: string): Date {
  const months = parameters.lookupNumber(P.CREDIT_RECORD_VALIDITY_MONTHS, { date: cstDate(at.toISOString()), county });
  const end = new Date(at);
  end.setUTCMonth(end.getUTCMonth() + months.value);
  return end;
}

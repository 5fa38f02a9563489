// Phase-out (渐退期), seed 二(四)5 and N1 Art.33: when employment lifts an enrolled 低保
// household's per-capita income above the standard, benefits may continue for at most
// 6 months (parameter in force when the phase-out started).
import type { AreaType } from '../../core/contracts/household-facts';
import { addMonths, type IsoDate, toDayNumber } from '../dates';
import { PolicyInputError } from '../errors';
import { P } from '../../core/parameter-ids';
import type { ParameterStore } from '../parameters/store';
import type { ParameterRef } from '../parameters/types';

export interface PhaseOutInput {
  /** First day of the phase-out. */
  phaseOutStart: IsoDate;
  /** Date asked about. */
  date: IsoDate;
  county: string;
  area: AreaType;
  /** Months the county granted; capped at the maximum. */
  grantedMonths?: number;
}

export interface PhaseOutStatus {
  monthsRemaining: number;
  grantedMonths: number;
  maxMonths: number;
  /** First day after the phase-out. */
  endDate: IsoDate;
  parameter: ParameterRef;
}

export function phaseOutMonthsRemaining(inp: PhaseOutInput, params: ParameterStore): PhaseOutStatus {
  const max = params.lookupNumber(P.PHASE_OUT_MAX_MONTHS, {
    date: inp.phaseOutStart,
    county: inp.county,
    area: inp.area,
  });
  // Whole months are counted here; a drill's phase-out in minutes is timed by the enrolled-case workflow alone.
  if (max.record.unit !== 'MONTHS')
    throw new PolicyInputError(
      'PARAMETER_INVALID',
      `参数 ${P.PHASE_OUT_MAX_MONTHS}（版本 ${max.ref.version}）不以月表示，不能按月计算渐退期`,
      [P.PHASE_OUT_MAX_MONTHS],
    );
  const granted = Math.max(0, Math.min(Math.floor(inp.grantedMonths ?? max.value), max.value));
  const start = toDayNumber(inp.phaseOutStart);
  const now = toDayNumber(inp.date);
  let elapsed = 0;
  if (now >= start) {
    while (elapsed < granted && toDayNumber(addMonths(inp.phaseOutStart, elapsed + 1)) <= now) elapsed++;
  }
  return {
    monthsRemaining: granted - elapsed,
    grantedMonths: granted,
    maxMonths: max.value,
    endDate: addMonths(inp.phaseOutStart, granted),
    parameter: max.ref,
  };
}

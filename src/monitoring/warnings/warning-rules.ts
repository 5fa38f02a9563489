import type { DataSource } from '../../core/contracts/data-source';
import type { WarningRule } from '../../core/contracts/warning';
import { P } from '../../core/parameter-ids';
import { ANYANG_CITY_CODE } from '../../core/contracts/household-facts';
import type { ParameterRef, ParameterStore } from '../../policy';

/** The warning rules of a source in force on a date, with the parameter versions they came from. */
export function warningRulesFor(
  params: ParameterStore,
  source: DataSource,
  date: string,
): { rules: (WarningRule & { thresholdValue: number | null })[]; refs: ParameterRef[] } {
  const ctx = { date, county: ANYANG_CITY_CODE };
  const table = params.lookupTable(P.MONITORING_WARNING_RULES, ctx);
  const refs: ParameterRef[] = [table.ref];
  const rules = (table.value as unknown as WarningRule[])
    .filter((r) => r.source === source)
    .map((r) => {
      if (r.threshold === undefined) return { ...r, thresholdValue: null };
      const t = params.lookupNumber(r.threshold, ctx);
      refs.push(t.ref);
      return { ...r, thresholdValue: t.value };
    });
  return { rules, refs };
}

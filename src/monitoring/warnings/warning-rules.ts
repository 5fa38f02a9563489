import type { DataSource } from '../../core/contracts/data-source';
import type { WarningRule } from '../../core/contracts/warning';
import { P } from '../../core/parameter-ids';
import { ANYANG_CITY_CODE } from '../../core/contracts/household-facts';
import type { ParameterRef, ParameterStore } from '../../policy';
import { EntitlementRule } from '../../core/contracts/referral';

/** The warning rules of a source in force on a date, with the parameter versions they came from. */
export function warningRulesFor(
  params: ParameterStore,
  source: DataSource,
  date: string,
): { rules: (WarningRule & { thresholdValue: number | null; owing?: EntitlementRule[] })[]; refs: ParameterRef[] } {
  const ctx = { date, county: ANYANG_CITY_CODE };
  const table = params.lookupTable(P.MONITORING_WARNING_RULES, ctx);
  const refs: ParameterRef[] = [table.ref];
  const rules = (table.value as unknown as WarningRule[])
    .filter((r) => r.source === source)
    .map((r) => {
      if (r.population === 'OWED_NOT_LISTED') {
        // Class (a): who is owed the entitlement comes from the matrix in force (both areas).
        const matrix = params.lookupTable(P.ASSISTANCE_ENTITLEMENT_MATRIX, ctx);
        refs.push(matrix.ref);
        const owing = matrix.value
          .map((row) => EntitlementRule.parse(row))
          .filter((m) => m.entitlement === r.entitlement);
        return { ...r, thresholdValue: null, owing };
      }
      if (r.threshold === undefined) return { ...r, thresholdValue: null };
      const t = params.lookupNumber(r.threshold, ctx);
      refs.push(t.ref);
      return { ...r, thresholdValue: t.value };
    });
  return { rules, refs };
}

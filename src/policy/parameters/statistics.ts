// Which yearly statistics (上年度…) an evaluation used, and whether each was stale: the
// worker turns a stale one into a task for the administrator to enter the missing year's
// figure, and a fresh one closes that task. Pure: the refs come from a Determination.
import type { AreaType } from '../../core/contracts/household-facts';
import { P } from '../../core/parameter-ids';
import type { ParameterStore } from './store';
import type { ParameterRef } from './types';

export interface StatisticUse {
  parameterId: string;
  /** The division of the version used (a county, or the city's default). */
  division: string;
  area?: AreaType;
  /** The year the figure used describes. */
  figureYear: number;
  /** The year the figure should describe on the evaluation date (the year before). */
  expectedYear: number;
  stale: boolean;
}

/** What a person calls each yearly statistic (the administrator's task names it). */
export const STATISTIC_NAMES_ZH: Readonly<Record<string, string>> = {
  [P.PREVIOUS_YEAR_DISPOSABLE_INCOME]: '居民人均可支配收入',
  [P.PREVIOUS_YEAR_HOUSING_FLOOR_AREA]: '人均住房面积',
};

/** The yearly statistics among `refs` (versions with a figureYear), once each. */
export function statisticUses(store: ParameterStore, refs: readonly ParameterRef[], date: string): StatisticUse[] {
  const expectedYear = Number(date.slice(0, 4)) - 1;
  const out = new Map<string, StatisticUse>();
  for (const ref of refs) {
    const record = store.recordOf(ref);
    if (record?.figureYear === undefined) continue;
    const key = `${ref.id}|${ref.division}|${ref.area ?? ''}`;
    if (out.has(key)) continue;
    const use: StatisticUse = {
      parameterId: ref.id,
      division: ref.division,
      figureYear: record.figureYear,
      expectedYear,
      stale: record.figureYear < expectedYear,
    };
    if (ref.area !== undefined) use.area = ref.area;
    out.set(key, use);
  }
  return [...out.values()];
}

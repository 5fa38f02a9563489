// A year's public-holiday schedule as the State Council publishes it (国务院办公厅关于
// <year> 年部分节假日安排的通知, usually in the autumn of the previous year): the days off,
// including weekend days inside a holiday block, and the make-up working days (调休).
import type { IsoDate } from '../dates';

export interface YearSchedule {
  year: number;
  /** Days off (YYYY-MM-DD). */
  holidays: readonly IsoDate[];
  /** Weekend days that are working days (调休上班). */
  makeUpWorkdays: readonly IsoDate[];
  /** Where the schedule comes from (notice number, data package and version). */
  source: string;
}

/**
 * Fixed-date statutory holidays (全国年节及纪念日放假办法 Art.2): 元旦 1 Jan, 劳动节
 * 1 May, 国庆节 1–3 Oct. Lunar holidays (春节, 清明, 端午, 中秋) and the make-up days
 * cannot be known before the notice, so a year without a schedule is provisional.
 */
export const FIXED_DATE_HOLIDAYS: readonly string[] = ['01-01', '05-01', '10-01', '10-02', '10-03'];

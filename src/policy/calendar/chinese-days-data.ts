// Year schedules from the chinese-days package (vsme/chinese-days 1.5.7, MIT), which
// transcribes the State Council holiday notices 2004–2026. Imported as JSON so bundlers
// (the Temporal workflow bundle, webpack) inline it: no fs, no network at run time.
import data from 'chinese-days/dist/chinese-days.json';
import type { YearSchedule } from './schedule';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export const CHINESE_DAYS_SOURCE = 'chinese-days 1.5.7 (State Council holiday notices)';

/** One schedule per year present in the package data, sorted by year. */
export function chineseDaysSchedules(): YearSchedule[] {
  const d = data as ChineseDaysJson;
  const years = new Map<number, { holidays: string[]; makeUpWorkdays: string[] }>();
  const get = (date: string) => {
    const y = Number(date.slice(0, 4));
    let e = years.get(y);
    if (e === undefined) years.set(y, (e = { holidays: [], makeUpWorkdays: [] }));
    return e;
  };
  for (const date of Object.keys(d.holidays)) get(date).holidays.push(date);
  for (const date of Object.keys(d.workdays)) get(date).makeUpWorkdays.push(date);
  return [...years.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, e]) => ({
      year,
      holidays: e.holidays.sort(),
      makeUpWorkdays: e.makeUpWorkdays.sort(),
      source: CHINESE_DAYS_SOURCE,
    }));
}

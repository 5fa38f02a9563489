// A calendar date from its numbers, without building a Date: the row checks of a department
// file run it a million times (twice per row: the ID number's birth date and the row's date).

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether year-month-day exists in the Gregorian calendar (29 February in leap years only). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS[month - 1]!);
}

// ISO date arithmetic on day numbers (days since 1970-01-01, UTC civil calendar).
// Pure integer maths (H. Hinnant's civil-from-days), no Date object and never the local
// clock: the same input gives the same output in a Temporal workflow sandbox and in Node.
import { PolicyInputError } from './errors';

export type IsoDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a civil date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

/** Parses YYYY-MM-DD strictly (a real calendar date) into a day number. */
export function toDayNumber(iso: IsoDate): number {
  const m = DATE_RE.exec(iso);
  if (m === null) throw new PolicyInputError('DATE_INVALID', `日期格式须为 YYYY-MM-DD：${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new PolicyInputError('DATE_INVALID', `不是真实存在的日期：${iso}`);
  }
  return daysFromCivil(y, mo, d);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function fromDayNumber(n: number): IsoDate {
  const [y, m, d] = civilFromDays(n);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Month index y*12 + (m-1) of 'YYYY-MM' or 'YYYY-MM-DD', read without allocation. */
export function monthIndexOf(s: string): number {
  const y =
    (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48);
  const m = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  return y * 12 + m - 1;
}

/** 'YYYY-MM' of a month index. */
export function monthOfIndex(k: number): string {
  const y = Math.floor(k / 12);
  return `${y}-${pad2(k - y * 12 + 1)}`;
}

/** First day 'YYYY-MM-01' of a month index. */
export function firstDayOfMonthIndex(k: number): IsoDate {
  return `${monthOfIndex(k)}-01`;
}

/** Adds calendar months; the day is clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const [y, m, d] = civilFromDays(toDayNumber(iso));
  const k = y * 12 + (m - 1) + months;
  const ny = Math.floor(k / 12);
  const nm = k - ny * 12 + 1;
  return `${ny}-${pad2(nm)}-${pad2(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** Month and day of an ISO date as one number, (month index % 12) * 100 + day: compared to order days in a year. */
export function monthDayOf(date: IsoDate): number {
  return (monthIndexOf(date) % 12) * 100 + (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
}

/**
 * Age in whole years on a date: the birthday itself counts (a person born 1964-05-10 is
 * 60 on 2024-05-10). A 29 February birthday falls on 1 March in common years.
 * Plain string comparison of MM-DD keeps this allocation-free.
 */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  return ageAtMonth(birthDate, monthIndexOf(date), monthDayOf(date));
}

/** ageOn for a date already read into its month index and monthDayOf (one application date, many members). */
export function ageAtMonth(birthDate: IsoDate, dateMonth: number, dateMonthDay: number): number {
  const by = monthIndexOf(birthDate);
  let age = Math.floor(dateMonth / 12) - Math.floor(by / 12);
  const bmd = (by % 12) * 100 + (birthDate.charCodeAt(8) - 48) * 10 + (birthDate.charCodeAt(9) - 48);
  if (dateMonthDay < bmd) age -= 1;
  return age;
}

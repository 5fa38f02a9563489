import type { Column, ColumnKind } from '../core/contracts/data-source';
import { isCalendarDate } from '../core/contracts/calendar-date';
import { divisionCovers } from '../core/contracts/division';
import { ANYANG_COUNTY_CODES } from '../core/contracts/household-facts';
import { residentIdProblem } from '../core/contracts/resident-id';
import type { RefusalCode } from '../core/refusals';

/** What a row is checked against besides its layout. */
export interface RowContext {
  /** Today's CST date (YYYY-MM-DD): a later date is refused. */
  today: string;
  /** The uploader's jurisdiction: a county outside it is refused. */
  jurisdiction: string;
}

export type CellResult = { ok: true; value: string } | { ok: false; code: RefusalCode; detail?: string };

const ok = (value: string): CellResult => ({ ok: true, value });
const bad = (code: RefusalCode, detail?: string): CellResult => ({ ok: false, code, ...(detail ? { detail } : {}) });
const ID_CODES = {
  FORMAT: 'ROW_ID_FORMAT',
  BIRTH_DATE: 'ROW_ID_BIRTH_DATE',
  CHECK_DIGIT: 'ROW_ID_CHECK_DIGIT',
} as const;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const COUNTIES: ReadonlySet<string> = new Set(ANYANG_COUNTY_CODES);

/** 2026-03-05, 2026/3/5 or 2026.03.05 (what office software writes) → 2026-03-05, or null. */
export function normaliseDate(raw: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw);
  if (!m) return null;
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function checkKind(kind: ColumnKind, raw: string, ctx: RowContext): CellResult {
  switch (kind.type) {
    case 'residentId': {
      const id = raw.toUpperCase();
      const problem = residentIdProblem(id);
      return problem ? bad(ID_CODES[problem]) : ok(id);
    }
    case 'county':
      if (!COUNTIES.has(raw))
        return bad('ROW_COUNTY_OUTSIDE_ANYANG', `“${raw.slice(0, 12)}”不是安阳市所辖县（市、区）代码`);
      return divisionCovers(ctx.jurisdiction, raw) ? ok(raw) : bad('ROW_COUNTY_OUTSIDE_JURISDICTION');
    case 'date': {
      const iso = normaliseDate(raw);
      if (!iso) return bad('ROW_DATE_INVALID');
      return iso > ctx.today ? bad('ROW_DATE_IN_FUTURE', `日期 ${iso} 晚于今天（${ctx.today}）`) : ok(iso);
    }
    case 'amount':
      return /^\d{1,12}(\.\d{1,2})?$/.test(raw) ? ok(raw) : bad('ROW_AMOUNT_INVALID');
    case 'choice':
      return kind.values.includes(raw) ? ok(raw) : bad('ROW_CHOICE_INVALID', `须为以下之一：${kind.values.join('、')}`);
    case 'text':
      return raw.length <= kind.max && !CONTROL.test(raw)
        ? ok(raw)
        : bad('ROW_TEXT_INVALID', `文字须不超过 ${kind.max} 个字符且不含控制字符`);
  }
}

/** One cell, trimmed; an empty optional cell is '' (absent). */
export function checkCell(column: Column, raw: string, ctx: RowContext): CellResult {
  const value = raw.trim();
  if (value === '') return column.required ? bad('ROW_REQUIRED_MISSING') : ok('');
  return checkKind(column.kind, value, ctx);
}

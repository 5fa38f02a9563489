import { maskResidentId } from '../core/contracts/resident-id';
import type { SourceLayout } from '../core/contracts/data-source';
import type { GoodRow } from './row-validator';

/** The columns of `data_batch_row` that staging COPYs, in this order. */
export const STAGED_COLUMNS = ['batch_id', 'row', 'id_number_hmac', 'county_code', 'event_date', 'fields'] as const;

/** The layout's ID-number columns other than the person's own: staged as HMACs only. */
export const otherIdKeys = (layout: SourceLayout): ReadonlySet<string> =>
  new Set(layout.columns.filter((c) => c.kind.type === 'residentId' && c.key !== 'idNumber').map((c) => c.key));

/**
 * A good row as staged: ID numbers as HMACs, the masked form to tell people apart in lists;
 * the number itself is never stored.
 */
export function stagedRow(
  batchId: string,
  row: GoodRow,
  idKeys: ReadonlySet<string>,
  hmac: (idNumber: string) => string,
): [string, number, string, string, string, string] {
  const fields: Record<string, string> = {};
  for (const key in row.fields) {
    const value = row.fields[key]!;
    if (idKeys.has(key)) fields[`${key}Hmac`] = hmac(value);
    else fields[key] = value;
  }
  fields.idNumberMasked = maskResidentId(row.idNumber);
  return [batchId, row.row, hmac(row.idNumber), row.county, row.eventDate, JSON.stringify(fields)];
}

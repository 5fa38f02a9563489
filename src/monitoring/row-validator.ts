import { hash } from 'node:crypto';
import type { SourceLayout } from '../core/contracts/data-source';
import { REFUSALS } from '../core/refusals';
import { checkCell, type RowContext } from './cell-checks';
import type { Problem } from './file-refusal';
import type { RawRecord } from './csv-records';
import { RowDigests } from './row-digests';

/** A row that passed every check, its values normalised (dates ISO, ID numbers upper-case). */
export interface GoodRow {
  row: number;
  idNumber: string;
  county: string;
  eventDate: string;
  /** Every other column by key (empty optional cells left out); ID numbers among them are still clear here. */
  fields: Record<string, string>;
}

export type RowOutcome = { ok: true; row: GoodRow } | { ok: false; problems: Problem[] };

/**
 * Checks each row of one file against its source's layout. Remembers a digest of every good
 * row (16 bytes each, not the row) to refuse a repeated one.
 */
export class RowValidator {
  private readonly seen = new RowDigests();

  constructor(
    private readonly layout: SourceLayout,
    private readonly ctx: RowContext,
  ) {}

  check(record: RawRecord): RowOutcome {
    const { columns } = this.layout;
    if (record.cells.length !== columns.length)
      return {
        ok: false,
        problems: [
          {
            row: record.row,
            column: null,
            code: 'ROW_COLUMN_COUNT',
            message: `该行有 ${record.cells.length} 列，表头有 ${columns.length} 列`,
          },
        ],
      };
    const values: string[] = [];
    const problems: Problem[] = [];
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      const result = checkCell(column, record.cells[i] ?? '', this.ctx);
      if (result.ok) values.push(result.value);
      else
        problems.push({
          row: record.row,
          column: column.header,
          code: result.code,
          message: result.detail ?? REFUSALS[result.code].message,
        });
    }
    if (problems.length > 0) return { ok: false, problems };

    // The unit separator cannot be in a value that passed its check (text refuses control characters).
    const digest = hash('sha256', values.join('\u001f'), 'buffer');
    const first = this.seen.firstOrAdd(digest, record.row);
    if (first !== undefined)
      return {
        ok: false,
        problems: [{ row: record.row, column: null, code: 'ROW_DUPLICATE', message: `与第 ${first} 行完全相同` }],
      };

    const good: GoodRow = { row: record.row, idNumber: '', county: '', eventDate: '', fields: {} };
    for (let i = 0; i < columns.length; i++) {
      const key = columns[i]!.key;
      const value = values[i]!;
      if (key === this.layout.eventDate) good.eventDate = value;
      if (key === 'idNumber') good.idNumber = value;
      else if (key === 'county') good.county = value;
      else if (value !== '') good.fields[key] = value;
    }
    return { ok: true, row: good };
  }
}

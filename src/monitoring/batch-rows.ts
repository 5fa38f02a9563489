import type { SourceLayout } from '../core/contracts/data-source';
import type { RowContext } from './cell-checks';
import type { RawRecord } from './csv-records';
import { DataFileRefusal, type Problem } from './file-refusal';
import { checkHeader } from './header-check';
import { RowValidator, type GoodRow } from './row-validator';

export type BatchItem = { ok: true; row: GoodRow } | { ok: false; problems: Problem[] };

/**
 * The header, then each data row checked: good rows and refused rows, in the order read and
 * in the chunks read (one promise per chunk: per row, they cost more than the row). A file
 * without a header or without a data row is refused. `padShortRows`: a spreadsheet leaves
 * out trailing empty cells, a CSV row with fewer cells is malformed.
 */
export async function* batchRows(
  chunks: AsyncIterable<RawRecord[]>,
  layout: SourceLayout,
  ctx: RowContext,
  opts: { padShortRows: boolean },
): AsyncGenerator<BatchItem[]> {
  const validator = new RowValidator(layout, ctx);
  const width = layout.columns.length;
  let header = false;
  let rows = 0;
  for await (const records of chunks) {
    const items: BatchItem[] = [];
    for (const record of records) {
      if (!header) {
        checkHeader(layout, record.cells);
        header = true;
        continue;
      }
      rows += 1;
      const cells =
        opts.padShortRows && record.cells.length < width
          ? [...record.cells, ...Array<string>(width - record.cells.length).fill('')]
          : record.cells;
      items.push(validator.check({ row: record.row, cells }));
    }
    if (items.length > 0) yield items;
  }
  if (!header) throw new DataFileRefusal('DATA_FILE_EMPTY', '文件没有内容：缺少表头和数据行');
  if (rows === 0) throw new DataFileRefusal('DATA_FILE_EMPTY', '文件只有表头，没有数据行');
}

import { PassThrough } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The most rows one export writes; past it a last line says how many were left out (narrow the filters). */
export const LIST_EXPORT_MAX_ROWS = 5000;
/** Rows read from the database at a time: memory stays flat whatever the list's size. */
const PAGE_SIZE = 500;

/** One column of an exported list: its Chinese header and the cell of a row. */
export interface ExportColumn<T> {
  header: string;
  cell: (row: T) => string | number | Date | null;
  width?: number;
}

export interface ExportPage<T> {
  items: readonly T[];
  total: number;
}

/**
 * A list as a streamed workbook (exceljs' streaming writer): the first page is read before
 * the response starts, so a refusal is still a 4xx; the following pages are read and written
 * one at a time, up to LIST_EXPORT_MAX_ROWS rows.
 */
export async function listWorkbook<T>(
  options: { sheet: string; filename: string; columns: readonly ExportColumn<T>[] },
  page: (page: number, pageSize: number) => Promise<ExportPage<T>>,
): Promise<StreamableFile> {
  const first = await page(1, PAGE_SIZE);
  const out = new PassThrough();
  void write(options, first, page, out).catch((err: unknown) => out.destroy(err as Error));
  return new StreamableFile(out, {
    type: XLSX_MEDIA_TYPE,
    disposition: `attachment; filename="${options.filename}"`,
  });
}

/**
 * An instant as China Standard Time text (YYYY-MM-DD HH:mm): a workbook's dates have no time
 * zone, and exceljs would write UTC, eight hours off for the staff who read it.
 */
export const cstText = (d: Date): string =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const cellValue = (v: string | number | Date | null): string | number =>
  v === null ? '' : v instanceof Date ? cstText(v) : v;

async function write<T>(
  options: { sheet: string; columns: readonly ExportColumn<T>[] },
  first: ExportPage<T>,
  page: (page: number, pageSize: number) => Promise<ExportPage<T>>,
  out: PassThrough,
): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(options.sheet);
  sheet.columns = options.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  let written = 0;
  let current = first;
  for (let n = 1; ; n++) {
    if (n > 1) current = await page(n, PAGE_SIZE);
    for (const row of current.items) {
      if (written >= LIST_EXPORT_MAX_ROWS) break;
      sheet.addRow(options.columns.map((c) => cellValue(c.cell(row)))).commit();
      written++;
    }
    if (written >= LIST_EXPORT_MAX_ROWS || current.items.length < PAGE_SIZE) break;
  }
  if (first.total > written) {
    sheet.addRow([]).commit();
    sheet
      .addRow([
        `共 ${first.total} 条，仅导出前 ${written} 条（单次导出上限 ${LIST_EXPORT_MAX_ROWS} 条），请缩小筛选范围后分批导出`,
      ])
      .commit();
  }
  sheet.commit();
  await book.commit();
}

import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** A table as it leaves for the provincial platform: headers and rows of text. */
export interface ProvincialTable {
  sheet: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

const csvCell = (s: string): string => {
  // A leading = + - @ would be run as a formula by a spreadsheet: prefix it.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** UTF-8 with BOM (else Excel reads it as GBK), CRLF, RFC 4180 quoting. */
export function tableCsv(table: ProvincialTable): string {
  const lines = [table.headers, ...table.rows].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The table as a workbook written by exceljs' streaming writer, one row at a time (every cell text). */
export function tableWorkbook(table: ProvincialTable): PassThrough {
  const out = new PassThrough();
  const write = async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = book.addWorksheet(table.sheet);
    sheet.columns = table.headers.map((header, i) => ({ header, key: String(i), width: 20 }));
    for (const row of table.rows) sheet.addRow([...row]).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

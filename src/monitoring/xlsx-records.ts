import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RawRecord } from './csv-records';
import { DataFileRefusal } from './file-refusal';
import { utf8Text } from './utf8-text';

// exceljs's streaming reader decodes each compressed chunk on its own, which breaks a
// Chinese character that straddles two chunks (U+FFFD in a name). The subclass hands its
// XML parser text decoded in stream mode instead. The streaming reader also ignores
// <mergeCell>, which comes after the rows in the sheet's XML: the same decoding pass
// watches for it and the file is refused when the sheet ends.

const MERGE = /<(?:\w+:)?mergeCell\b/;

interface Hooks {
  mergedCells: boolean;
}

type Chunks = AsyncIterable<Buffer | string>;
type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: number): Generator<unknown>;
};

function decodingReader(input: Readable, hooks: Hooks): ExcelJS.stream.xlsx.WorkbookReader {
  const options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions> = {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as ReaderInternals;
  const sharedStrings = internals._parseSharedStrings.bind(reader);
  const worksheet = internals._parseWorksheet.bind(reader);
  internals._parseSharedStrings = (entry) => sharedStrings(Readable.from(utf8Text(entry as unknown as Chunks)));
  internals._parseWorksheet = (iterator, sheetNo) =>
    worksheet(
      utf8Text(iterator, (text) => {
        if (MERGE.test(text)) hooks.mergedCells = true;
      }),
      sheetNo,
    );
  return reader;
}

/** A cell as the text a person sees; formulas refuse the file (their cached result may be stale or absent). */
function cellText(value: ExcelJS.CellValue, row: number, column: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value)
    throw new DataFileRefusal('DATA_FILE_FORMULA', `第 ${row} 行第 ${column} 列是公式：请将公式转为数值后重新上传`, [
      { row, column: String(column), code: 'DATA_FILE_FORMULA', message: '单元格是公式' },
    ]);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return '';
  return '';
}

/** The rows of the first worksheet of an .xlsx file, streamed. */
export async function* xlsxRecords(input: Readable): AsyncGenerator<RawRecord> {
  const hooks: Hooks = { mergedCells: false };
  const reader = decodingReader(input, hooks);
  let sheets = 0;
  for await (const worksheet of reader) {
    sheets += 1;
    if (sheets > 1) {
      // Only the first sheet is read; the others still have to be consumed for the reader to finish.
      for await (const row of worksheet) void row;
      continue;
    }
    for await (const row of worksheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c], row.number, c));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.length === 0) continue;
      yield { row: row.number, cells };
    }
    if (hooks.mergedCells)
      throw new DataFileRefusal('DATA_FILE_MERGED_CELLS', '表格含合并单元格，请取消合并后重新上传');
  }
}

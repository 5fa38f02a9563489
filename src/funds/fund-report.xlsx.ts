import ExcelJS from 'exceljs';
import { FUND_REPORT_COLUMNS, type FundReportRow } from './fund-report';

/** The report as a workbook: Chinese headers, counts and amounts as numbers (amounts to the fen). */
export async function fundReportWorkbook(month: string, note: string, rows: readonly FundReportRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`${month} 资金发放`);
  sheet.columns = FUND_REPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.kind === 'text' ? 18 : 14,
    ...(c.kind === 'amount' ? { style: { numFmt: '0.00' } } : {}),
  }));
  for (const row of rows)
    sheet.addRow(
      Object.fromEntries(
        FUND_REPORT_COLUMNS.map((c) => [c.key, c.kind === 'text' ? String(row[c.key]) : Number(row[c.key])]),
      ),
    );
  sheet.addRow([]);
  sheet.addRow([note]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

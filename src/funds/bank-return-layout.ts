import type { Column, SourceLayout } from '../core/contracts/data-source';
import { BANK_RESULTS } from '../core/contracts/funds';
import { REFUSALS, type RefusalCode } from '../core/refusals';
import { checkCell, type RowContext } from '../monitoring/cell-checks';
import type { RawRecord } from '../monitoring/csv-records';
import { DataFileRefusal, type Problem } from '../monitoring/file-refusal';
import { checkHeader } from '../monitoring/header-check';

// The bank's return file for a county and month (资金发放回盘文件), one row per payment the bank
// attempted; the layout is documented in docs/processes/funds.md with an example file.

const column = (header: string, key: string, required: boolean, kind: Column['kind']): Column => ({
  header,
  key,
  required,
  kind,
});

export const BANK_RETURN_LAYOUT: SourceLayout = {
  nameZh: '资金发放回盘文件',
  department: null,
  eventDate: 'paidOn',
  columns: [
    column('指令编号', 'paymentInstructionId', true, { type: 'text', max: 36 }),
    column('金额', 'amount', true, { type: 'amount' }),
    column('结果', 'result', true, { type: 'choice', values: Object.keys(BANK_RESULTS) }),
    column('失败原因', 'failureReason', false, { type: 'text', max: 500 }),
    column('入账日期', 'paidOn', false, { type: 'date' }),
    column('银行流水号', 'bankReference', false, { type: 'text', max: 64 }),
  ],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row that passed the layout's checks. */
export interface BankReturnRow {
  row: number;
  paymentInstructionId: string;
  amount: string;
  result: 'PAID' | 'FAILED';
  failureReason: string | null;
  paidOn: string | null;
  bankReference: string | null;
}

const problem = (row: number, column: string, code: RefusalCode, detail?: string): Problem => ({
  row,
  column,
  code,
  message: detail ?? REFUSALS[code].message,
});

/**
 * Every row of the file checked against the layout (the header first): the good rows and
 * the problems, each with its row and column. Nothing is written here; one problem is
 * enough for the upload to change nothing.
 */
export async function readBankReturn(
  records: AsyncIterable<RawRecord>,
  ctx: RowContext,
): Promise<{ rows: BankReturnRow[]; problems: Problem[] }> {
  const rows: BankReturnRow[] = [];
  const problems: Problem[] = [];
  let header = true;
  for await (const record of records) {
    if (header) {
      checkHeader(BANK_RETURN_LAYOUT, record.cells);
      header = false;
      continue;
    }
    const values: Record<string, string> = {};
    let good = true;
    BANK_RETURN_LAYOUT.columns.forEach((c, i) => {
      const cell = checkCell(c, record.cells[i] ?? '', ctx);
      if (cell.ok) values[c.key] = cell.value;
      else {
        good = false;
        problems.push(problem(record.row, c.header, cell.code, cell.detail));
      }
    });
    if (record.cells.length > BANK_RETURN_LAYOUT.columns.length) {
      problems.push(problem(record.row, '（整行）', 'ROW_COLUMN_COUNT'));
      good = false;
    }
    if (!good) continue;
    const id = values.paymentInstructionId!;
    const result = BANK_RESULTS[values.result as keyof typeof BANK_RESULTS];
    const row = (column: string, message: string) =>
      problems.push({ row: record.row, column, code: 'BANK_RETURN_ROW_INVALID', message });
    if (!UUID.test(id)) row('指令编号', '须为支付指令编号（36 位 UUID，见支付指令清单）');
    else if (Number(values.amount) <= 0) row('金额', '金额须大于 0');
    else if (result === 'FAILED' && !values.failureReason) row('失败原因', '结果为“失败”时须填写失败原因');
    else if (result === 'PAID' && !values.paidOn) row('入账日期', '结果为“成功”时须填写入账日期');
    else
      rows.push({
        row: record.row,
        paymentInstructionId: id.toLowerCase(),
        amount: values.amount!,
        result,
        failureReason: values.failureReason || null,
        paidOn: values.paidOn || null,
        bankReference: values.bankReference || null,
      });
  }
  if (header || (rows.length === 0 && problems.length === 0))
    throw new DataFileRefusal('DATA_FILE_EMPTY', '回盘文件没有数据行');
  return { rows, problems };
}

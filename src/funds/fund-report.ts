import { CATEGORY_NAMES_ZH } from '../core/contracts/household-facts';
import { fen, isLate, isPartial, type MonthInstruction, type OwedCase } from './fund-findings';
import type { RecoveredAmount } from './funds.repository';

/**
 * One line of the monthly fund report: a county and category. The columns are data (key,
 * Chinese header, kind), so a further figure (e.g. what was recovered) is one more field
 * here and one more column below, for the JSON and the workbook alike.
 */
export interface FundReportRow {
  countyCode: string;
  category: string;
  categoryName: string;
  owed: number;
  owedAmount: string;
  instructed: number;
  instructedAmount: string;
  paid: number;
  paidAmount: string;
  failed: number;
  failedAmount: string;
  late: number;
  partial: number;
  missing: number;
  /** Repaid on recoveries (追缴) in the month, from cases of this category. */
  recoveredAmount: string;
}

export interface FundReportColumn {
  key: keyof FundReportRow;
  header: string;
  kind: 'text' | 'count' | 'amount';
}

export const FUND_REPORT_COLUMNS: readonly FundReportColumn[] = [
  { key: 'countyCode', header: '县（市、区）代码', kind: 'text' },
  { key: 'categoryName', header: '救助类别', kind: 'text' },
  { key: 'owed', header: '应发户数', kind: 'count' },
  { key: 'owedAmount', header: '应发金额（元）', kind: 'amount' },
  { key: 'instructed', header: '支付指令数', kind: 'count' },
  { key: 'instructedAmount', header: '指令金额（元）', kind: 'amount' },
  { key: 'paid', header: '已发放数', kind: 'count' },
  { key: 'paidAmount', header: '实发金额（元）', kind: 'amount' },
  { key: 'failed', header: '发放失败数', kind: 'count' },
  { key: 'failedAmount', header: '失败金额（元）', kind: 'amount' },
  { key: 'late', header: '逾期未发放数', kind: 'count' },
  { key: 'partial', header: '未足额发放数', kind: 'count' },
  { key: 'missing', header: '应发未发数', kind: 'count' },
  { key: 'recoveredAmount', header: '追回金额（元）', kind: 'amount' },
];

const yuan = (f: number) => (f / 100).toFixed(2);

/** The county's lines, one per category with owed cases or instructions, in category order. */
export function fundReportRows(
  countyCode: string,
  owed: readonly OwedCase[],
  instructions: readonly MonthInstruction[],
  deadline: string,
  today: string,
  recovered: readonly RecoveredAmount[] = [],
): FundReportRow[] {
  const categories = [
    ...new Set([
      ...owed.map((c) => c.category),
      ...instructions.map((i) => i.category),
      ...recovered.map((r) => r.category),
    ]),
  ].sort();
  const instructedCases = new Set(instructions.map((i) => i.enrolledCaseId));
  return categories.map((category) => {
    const o = owed.filter((c) => c.category === category);
    const ins = instructions.filter((i) => i.category === category);
    const byCase = new Map(ins.map((i) => [i.enrolledCaseId, i]));
    const sum = (list: readonly MonthInstruction[], amount: (i: MonthInstruction) => string | null) =>
      yuan(list.reduce((s, i) => s + fen(amount(i) ?? '0'), 0));
    const paid = ins.filter((i) => i.status === 'PAID');
    const failed = ins.filter((i) => i.status === 'FAILED');
    return {
      countyCode,
      category,
      categoryName: CATEGORY_NAMES_ZH[category as keyof typeof CATEGORY_NAMES_ZH] ?? category,
      owed: o.length,
      owedAmount: yuan(o.reduce((s, c) => s + fen(byCase.get(c.id)?.amount ?? c.monthlyAmount), 0)),
      instructed: ins.length,
      instructedAmount: sum(ins, (i) => i.amount),
      paid: paid.length,
      paidAmount: sum(paid, (i) => i.paidAmount ?? i.amount),
      failed: failed.length,
      failedAmount: sum(failed, (i) => i.amount),
      late: ins.filter((i) => isLate(i, deadline, today)).length,
      partial: ins.filter(isPartial).length,
      missing: o.filter((c) => !instructedCases.has(c.id)).length,
      recoveredAmount: yuan(fen(recovered.find((r) => r.category === category)?.amount ?? '0')),
    };
  });
}

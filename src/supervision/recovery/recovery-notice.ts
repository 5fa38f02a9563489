import { cite, citeZh } from '../../policy/sources';

// The recovery notice (追缴告知书) in Simplified Chinese: the months, what was paid and due,
// the total, the legal basis, and the household's appeal rights with their time limits
// (parameters with their sources, printed as the law states them).

const yuan = (cents: number): string => (cents / 100).toFixed(2);

export interface RecoveryNoticeInput {
  findingZh: string;
  months: readonly { month: string; paidCents: number; entitledCents: number; overpaidCents: number }[];
  totalCents: number;
  reconsideration: { days: number; source: string };
  litigation: { months: number; source: string };
  /** The CST date it is issued on. */
  date: string;
}

export function recoveryNoticeText(n: RecoveryNoticeInput): string {
  const rows = n.months
    .filter((m) => m.overpaidCents > 0)
    .map(
      (m) =>
        `  ${m.month}：已发放 ${yuan(m.paidCents)} 元，应享受 ${yuan(m.entitledCents)} 元，多发 ${yuan(m.overpaidCents)} 元`,
    );
  return [
    '追缴告知书',
    '',
    `经核查，你户存在以下情况：${n.findingZh}。按发放记录逐月核算，以下月份多领取了救助资金：`,
    ...rows,
    `合计应退还 ${yuan(n.totalCents)} 元。`,
    '',
    `依据：${citeZh(cite.plan('三(三)', '依法追缴违规领取的救助资金'))}。请按县级民政部门的要求一次性退还或按约定分期退还。`,
    '',
    `如对本决定不服，可以自收到本告知书之日起 ${n.reconsideration.days} 日内依法申请行政复议（${n.reconsideration.source}），` +
      `或者 ${n.litigation.months} 个月内依法提起行政诉讼（${n.litigation.source}）。`,
    '',
    n.date,
  ].join('\n');
}

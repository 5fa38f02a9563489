import { CATEGORY_NAMES_ZH } from '../core/contracts/household-facts';
import type { ApplicationCategory } from '../core/contracts/application';

// Notices of the enrolled-case lifecycle, in Simplified Chinese (domain.md §4.2: any
// reduction or stop carries reasons, and the household is told).

const numbered = (lines: readonly string[]) => lines.map((l, i) => `  ${i + 1}. ${l}`).join('\n');
const REMEDY = '如对本决定不服，可以自收到本通知之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。';

export type LifecycleNoticeKind = 'RECHECK_REDUCED' | 'RECHECK_INCREASED' | 'PHASE_OUT_STARTED' | 'EXITED' | 'EXPIRED';

/** `endsOn`: the phase-out's end, or the day an expired recognition ended. */
export function lifecycleNoticeText(n: {
  kind: LifecycleNoticeKind;
  category: ApplicationCategory;
  reasons: readonly string[];
  amount?: number | null;
  fromMonth?: string;
  endsOn?: string;
  date: string;
}): string {
  const what = CATEGORY_NAMES_ZH[n.category];
  switch (n.kind) {
    case 'RECHECK_REDUCED':
      return [
        `${what}金额调整通知书`,
        '',
        `经复核，你户${what}月保障金额自 ${n.fromMonth} 起调整为 ${(n.amount ?? 0).toFixed(2)} 元。理由：`,
        numbered(n.reasons),
        '',
        REMEDY,
        '',
        n.date,
      ].join('\n');
    case 'RECHECK_INCREASED':
      return [
        `${what}金额调整通知书`,
        '',
        `经复核，你户${what}月保障金额自 ${n.fromMonth} 起调整为 ${(n.amount ?? 0).toFixed(2)} 元。`,
        ...(n.reasons.length ? ['说明：', numbered(n.reasons)] : []),
        '',
        n.date,
      ].join('\n');
    case 'PHASE_OUT_STARTED':
      return [
        `${what}渐退通知书`,
        '',
        `经复核，你户家庭人均收入已高于保障标准。根据渐退政策，保障金继续发放至 ${n.endsOn} 止，期满后经复核仍不符合条件的，将停止发放。理由：`,
        numbered(n.reasons),
        '',
        REMEDY,
        '',
        n.date,
      ].join('\n');
    case 'EXITED':
      return [
        `停止${what}通知书`,
        '',
        `经复核，你户自下月起停止享受${what}。理由：`,
        numbered(n.reasons),
        '',
        REMEDY,
        '',
        n.date,
      ].join('\n');
    case 'EXPIRED':
      return [
        `${what}认定期满终止通知书`,
        '',
        `你户${what}认定有效期已于 ${n.endsOn} 届满，期满前未经复核确认仍符合条件，自期满之日起不再认定为${what}，相关专项救助随之停止。理由：`,
        numbered(n.reasons),
        '',
        '家庭仍有困难的，可以重新提出申请。',
        REMEDY,
        '',
        n.date,
      ].join('\n');
  }
}

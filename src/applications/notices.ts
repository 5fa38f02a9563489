import type { ApplicationCategory } from '../core/contracts/application';
import { CATEGORY_NAMES_ZH } from '../core/contracts/household-facts';
import { ENTITLEMENTS_ZH, paidMonthly } from '../core/entitlements';
import type { NoticeKind } from '../core/notice-kinds';

// Notices to the household, in Simplified Chinese, built from the case and the policy
// engine's explanation. Plain text: the county prints it on its letterhead.

export interface NoticeContent {
  kind: NoticeKind;
  category: ApplicationCategory;
  /** Missing materials, for a supplement request. */
  items?: readonly string[];
  reasons?: readonly string[];
  monthlyAmount?: number | null;
  startMonth?: string;
  /** The engine's explanation lines (Chinese), for decisions. */
  explanation?: readonly string[];
  date: string;
}

const numbered = (lines: readonly string[]) => lines.map((l, i) => `  ${i + 1}. ${l}`).join('\n');
const REMEDY = '如对本决定不服，可以自收到本通知之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。';

export function noticeText(n: NoticeContent): string {
  const what = CATEGORY_NAMES_ZH[n.category];
  const reasons = n.reasons ?? [];
  switch (n.kind) {
    case 'SUPPLEMENT_REQUEST':
      return [
        `${what}申请补充材料一次性告知书`,
        '',
        `你户提出的${what}申请，经审查材料不齐全，请一次性补充以下材料：`,
        numbered(n.items ?? []),
        ...(reasons.length ? ['', `说明：${reasons.join('；')}`] : []),
        '',
        '逾期未补齐的，申请将终止办理。',
        '',
        n.date,
      ].join('\n');
    case 'SUPPLEMENT_EXPIRED':
      return [
        `${what}申请终止办理通知书`,
        '',
        `你户提出的${what}申请，因未在规定期限内补齐材料，终止办理。你户可在材料齐备后重新申请。`,
        '',
        n.date,
      ].join('\n');
    case 'INADMISSIBLE':
      return [
        `${what}申请不予受理通知书`,
        '',
        `你户提出的${what}申请，经审查不予受理。理由：`,
        numbered(reasons),
        '',
        REMEDY,
        '',
        n.date,
      ].join('\n');
    case 'WITHDRAWN':
      return [
        `${what}申请撤回确认书`,
        '',
        `你户已撤回${what}申请，本申请终止办理。`,
        ...(reasons.length ? [`撤回原因：${reasons.join('；')}`] : []),
        '',
        n.date,
      ].join('\n');
    case 'TERMINATED_NON_COOPERATION':
      return [
        `${what}申请终止审核确认通知书`,
        '',
        `你户提出的${what}申请，因申请家庭无正当理由拒不配合家庭经济状况调查，终止审核确认。理由：`,
        numbered(reasons),
        '',
        REMEDY,
        '',
        n.date,
      ].join('\n');
    case 'DECISION_APPROVED':
      return [
        `${what}审核确认决定书`,
        '',
        paidMonthly(n.category)
          ? `你户提出的${what}申请，经审核确认，符合条件，自 ${n.startMonth} 起纳入${what}，月保障金额 ${(n.monthlyAmount ?? 0).toFixed(2)} 元。`
          : `你户提出的${what}申请，经审核确认，符合条件，自 ${n.startMonth} 起认定为${what}，${ENTITLEMENTS_ZH}。`,
        ...(reasons.length ? [`金额说明：${reasons.join('；')}`] : []),
        '审核确认依据：',
        numbered(n.explanation ?? []),
        '',
        '家庭人口、收入、财产状况发生变化的，应当及时告知乡镇人民政府（街道办事处）。',
        '',
        n.date,
      ].join('\n');
    case 'DECISION_REFUSED':
      return [
        `${what}不予确认通知书`,
        '',
        `你户提出的${what}申请，经审核，不符合条件，不予确认。理由：`,
        numbered([...reasons, ...(n.explanation ?? [])]),
        '',
        REMEDY,
        '',
        n.date,
      ].join('\n');
  }
}

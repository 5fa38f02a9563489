import { DEPARTMENT_NAMES_ZH, type DeliberationResult, type Measure } from '../core/contracts/deliberation';
import { isEmergencyAid } from '../core/deliberated-aid';

// Notices to the person helped (Simplified Chinese), generated from the decision. Codes
// (departments, outcomes) never reach the text: each is named from its *_NAMES_ZH table.
export type EmergencyNoticeKind = 'PAID' | 'REFUSED' | 'DELIBERATED' | 'CLOSED_BY_SUPERVISOR';

/** What a 一事一议 decided on the case (its result, as the workflow passes it). */
export type DeliberatedDecision = Pick<DeliberationResult, 'outcome' | 'measures' | 'closedReason'>;

const yuan = (n: number) => `${n.toFixed(2)} 元`;
const REMEDY = '如对本决定有异议，可自收到本通知之日起 60 日内依法申请行政复议，或在 6 个月内依法提起行政诉讼。';
const ASK = '如有疑问，可向乡镇（街道）人民政府咨询。';

/** One measure as the notice names it: item, amount, responsible department and due date. */
export const measureZh = (m: Measure): string =>
  `${m.item}${m.amount !== null ? ` ${yuan(m.amount)}` : ''}（责任单位：${DEPARTMENT_NAMES_ZH[m.department]}，${m.dueOn} 前落实）`;

/** The decision in words, for the notice and the audit row's reason. */
export function deliberationReasonsZh(d: DeliberatedDecision): string[] {
  if (d.outcome === 'APPROVE') return [`决定给予救助：${d.measures.map(measureZh).join('；')}`];
  if (d.outcome === 'REJECT') return ['经集体研究，决定不予救助'];
  return [d.closedReason ?? '召集人已结束议事'];
}

/**
 * @param amount the amount approved (PAID: paid) on the case; for a 一事一议, its civil-affairs
 * measures' total, paid by the case
 */
export function emergencyNotice(
  kind: EmergencyNoticeKind,
  amount: number | null,
  reasons: string[],
  deliberation?: DeliberatedDecision,
): string {
  const why = reasons.length ? `理由：${reasons.join('；')}。` : '';
  switch (kind) {
    case 'PAID':
      return `临时救助决定通知：经审批，给予您临时救助金 ${yuan(amount ?? 0)}，已按规定发放。${why}${ASK}`;
    case 'REFUSED':
      return `临时救助不予救助通知：经审核，您的临时救助申请不符合条件，不予救助。${why}${REMEDY}`;
    case 'DELIBERATED':
      return deliberatedNotice(amount, deliberation ?? null, why);
    case 'CLOSED_BY_SUPERVISOR':
      return `临时救助办结通知：${why}${ASK}`;
  }
}

function deliberatedNotice(amount: number | null, d: DeliberatedDecision | null, why: string): string {
  const head = '临时救助一事一议结果通知：县级困难群众基本生活保障工作协调机制已对您的急难情况集体研究，';
  if (d === null) return `${head}${why}${ASK}`;
  if (d.outcome === 'REJECT') return `${head}决定不予救助。${why}${REMEDY}`;
  if (d.outcome === null) return `${head}召集人已结束议事：${d.closedReason ?? '未作出决定'}。${ASK}`;
  const measures = d.measures.map((m, i) => `${i + 1}. ${measureZh(m)}`).join('；');
  const paid = amount !== null ? `经批准的临时救助金共计 ${yuan(amount)}，已按规定发放。` : '';
  const others = d.measures.some((m) => !isEmergencyAid(m)) ? '其他救助措施由责任单位按决定落实。' : '';
  return `${head}决定给予救助。救助措施：${measures}。${paid}${others}${why}${ASK}`;
}

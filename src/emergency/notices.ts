// Notices to the person helped (Simplified Chinese), generated from the decision.
export type EmergencyNoticeKind = 'PAID' | 'REFUSED' | 'DELIBERATED' | 'CLOSED_BY_SUPERVISOR';

const yuan = (n: number) => `${n.toFixed(2)} 元`;

export function emergencyNotice(kind: EmergencyNoticeKind, amount: number | null, reasons: string[]): string {
  const why = reasons.length ? `理由：${reasons.join('；')}。` : '';
  switch (kind) {
    case 'PAID':
      return `临时救助决定通知：经审批，给予您临时救助金 ${yuan(amount ?? 0)}，已按规定发放。${why}如有疑问，可向乡镇（街道）人民政府咨询。`;
    case 'REFUSED':
      return `临时救助不予救助通知：经审核，您的临时救助申请不符合条件，不予救助。${why}如对本决定有异议，可自收到本通知之日起 60 日内依法申请行政复议，或在 6 个月内依法提起行政诉讼。`;
    case 'DELIBERATED':
      return `临时救助一事一议结果通知：县级困难群众基本生活保障工作协调机制已对您的急难情况集体研究，${why}相关部门将按决定落实救助措施。`;
    case 'CLOSED_BY_SUPERVISOR':
      return `临时救助办结通知：${why}如有疑问，可向乡镇（街道）人民政府咨询。`;
  }
}

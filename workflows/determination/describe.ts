import type { DeterminationAction } from '../../src/core/contracts/determination';

/** The human-readable gist of an action for the timeline (no personal data). */
export function describe(command: DeterminationAction): string | null {
  switch (command.action) {
    case 'requestSupplement':
      return `一次性告知需补充：${command.missing.join('；')}`;
    case 'supplement':
      return `已补充：${command.items.join('；')}`;
    case 'submitOpinion':
      return `${command.proposal === 'APPROVE' ? '拟同意' : '拟不同意'}：${command.reasons.join('；')}${command.disagreementReason ? `（与测算不一致的理由：${command.disagreementReason}）` : ''}`;
    case 'refuse':
      return command.reasons.join('；');
    case 'confirm':
      return command.amountReason ?? null;
    case 'declineInadmissible':
    case 'dismissObjection':
      return command.reason;
    case 'reinvestigate':
    case 'holdAppraisal':
    case 'accept':
      return command.note ?? null;
    case 'startInvestigation':
      return command.appointmentDate ? `已启动调查，首次入户预约日期：${command.appointmentDate}` : '已启动调查';
    case 'recordAppraisal':
      return `民主评议 ${command.participants} 人参加，结论：${command.result === 'SUPPORT' ? '同意' : '不同意'}`;
    default:
      return null;
  }
}

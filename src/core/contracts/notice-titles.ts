/** The heading of each kind of notice as printed and in the console's print view (the body is the notice's generated text). */
const TITLES: Record<string, string> = {
  SUPPLEMENT_REQUEST: '补齐材料一次性告知书',
  SUPPLEMENT_EXPIRED: '逾期未补齐材料告知书',
  INADMISSIBLE: '不予受理告知书',
  WITHDRAWN: '撤回申请确认书',
  TERMINATED_NON_COOPERATION: '终止审核确认告知书',
  DECISION_APPROVED: '审核确认通知书',
  DECISION_REFUSED: '不予确认告知书',
  PHASE_OUT_STARTED: '渐退期告知书',
  RECHECK_UNCHANGED: '复核结果告知书',
  RECHECK_ADJUST: '救助金额调整告知书',
  RECHECK_PHASE_OUT: '渐退告知书',
  RECHECK_EXIT: '退出告知书',
  EXPIRED: '认定有效期届满告知书',
  EXITED: '退出告知书',
  EMERGENCY: '临时救助告知书',
  RECOVERY: '追缴告知书',
  STANDARD_ADJUSTED: '救助标准调整告知书',
};

export const noticeTitle = (kind: string): string => TITLES[kind] ?? '通知书';

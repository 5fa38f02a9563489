// Chinese names of the escalation board's codes (督办看板).

export const ESCALATION_KIND_NAMES: Record<string, string> = {
  OVERDUE_STEP: '办理环节超期',
  MISSING_EXPLANATION: '未作情况说明',
  PAPERWORK_OVERDUE: '补办手续超期',
  FUND_REFUSAL: '备用金拒付',
  DELIBERATION_STALLED: '一事一议停滞',
  FOLLOW_UP_OVERDUE: '落实跟踪超期',
  DELIBERATION: '一事一议',
};

export const SLA_NAMES: Record<string, string> = { BREACHED: '已超期', AT_RISK: '即将到期', ON_TIME: '按期' };

export const ESCALATION_DECISION_NAMES: Record<string, string> = {
  RESOLVE: '督办办结（环节仍由原经办人办理）',
  RETRY_PAYMENT: '备用金补足后重新支付',
  PAY_FROM_COUNTY_BUDGET: '改由县级资金支付',
  CLOSE_CASE: '结案',
};

/** The decisions a reserve-fund refusal takes; any other escalation is resolved with a reason (一事一议 is started from its own screen). */
export const FUND_DECISIONS = ['RETRY_PAYMENT', 'PAY_FROM_COUNTY_BUDGET', 'CLOSE_CASE'] as const;

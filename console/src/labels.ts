import type { TaskStatus, TaskType } from '@contracts/task';

// Chinese names the console shows for the API's codes (the API answers with codes; staff read names).

export const TASK_TYPE_NAMES: Record<TaskType, string> = {
  ACCEPT: '受理审查',
  SUPPLY: '补充材料',
  START_INVESTIGATION: '启动调查',
  HOME_VISIT: '入户调查',
  REVIEW: '乡镇审核',
  RESOLVE_OBJECTION: '异议处理',
  DEMOCRATIC_APPRAISAL: '民主评议',
  COUNTY_HOME_VISIT: '县级入户核查',
  CONFIRM: '审核确认',
  ESCALATION: '督办事项',
  RECHECK_INVESTIGATE: '复核调查',
  RECHECK_DECIDE: '复核决定',
  PAYMENT_FAILED: '发放失败处理',
  GRANT_AID: '先行救助发放',
  EXPLAIN: '情况说明',
  REGISTER_AND_COMPLETE: '登记补办手续',
  EMERGENCY_ACCEPT: '临时救助受理',
  EMERGENCY_INVESTIGATE: '临时救助调查',
  EMERGENCY_REVIEW: '临时救助审核',
  EMERGENCY_CONFIRM: '临时救助审批',
  CONVENE: '召集一事一议',
  OPINION: '部门意见',
  DELIBERATION_DECIDE: '一事一议决定',
  FOLLOW_UP: '落实跟踪',
  WARNING_VERIFICATION: '预警上门核查',
  COMPLAINT_HANDLE: '投诉举报办理',
  COMPLAINT_HOME_VISIT: '投诉举报入户核查',
  RECOVERY_INSTALMENT_OVERDUE: '追缴分期逾期催缴',
  FUND_DISCREPANCY: '资金发放问题核查',
  OUTREACH_VISIT: '日常走访',
  REFERRAL: '部门转介救助帮扶',
  ENTER_STATISTIC: '录入年度统计',
  APPROVE_PARAMETER: '审批参数调整',
};

export const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  OPEN: '待认领',
  CLAIMED: '已认领',
  DONE: '已办结',
  CANCELLED: '已取消',
};

export const CHANNEL_NAMES: Record<string, string> = {
  SELF: '本人申请',
  ON_BEHALF: '村（居）委会代为申请',
  WARNING: '监测预警转办',
};

export const COUNTY_NAMES: Record<string, string> = {
  '410502': '文峰区',
  '410503': '北关区',
  '410505': '殷都区',
  '410506': '龙安区',
  '410522': '安阳县',
  '410523': '汤阴县',
  '410526': '滑县',
  '410527': '内黄县',
  '410581': '林州市',
};

/** Emergency aid's approval paths (临时救助审批路径). */
export const EMERGENCY_PATH_NAMES: Record<string, string> = {
  SMALL_AMOUNT: '小金额先行救助',
  AID_FIRST: '先行救助',
  EXPENSE_TYPE: '支出型临时救助',
  DELIBERATION: '一事一议',
};

export const RELATION_NAMES: Record<string, string> = {
  APPLICANT: '申请人',
  SPOUSE: '配偶',
  CHILD: '子女',
  PARENT: '父母',
  SIBLING: '兄弟姐妹',
  GRANDPARENT: '祖父母',
  GRANDCHILD: '孙子女',
  OTHER: '其他',
};

export const LABOUR_NAMES: Record<string, string> = { FULL: '有劳动能力', PARTIAL: '部分劳动能力', NONE: '无劳动能力' };

/** A name for a code, or the code itself when the console does not know it yet. */
export const nameOf = (names: Record<string, string>, code: string | null | undefined): string =>
  code ? (names[code] ?? code) : '—';

/** An ISO instant as China Standard Time, to the minute. */
export function cst(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export const REFERRAL_STAGE_NAMES: Record<string, string> = {
  OPEN: '待接收',
  ACCEPTED: '办理中',
  INFO_REQUESTED: '待民政补充信息',
  CLOSED: '已办结',
};

export const REFERRAL_OUTCOME_NAMES: Record<string, string> = { DELIVERED: '已落实', DECLINED: '不予落实' };

export const REFERRAL_ORIGIN_NAMES: Record<string, string> = {
  ENROLMENT: '纳入保障时转介',
  CASE_CHANGE: '复核后转介',
  WARNING: '监测预警转介',
  RENEWAL: '年度续转介',
  EMERGENCY: '急难救助转介',
};

export const WARNING_STAGE_NAMES: Record<string, string> = {
  RAISED: '已预警',
  VERIFICATION: '上门核查中',
  REFERRED: '已转介',
  DELIBERATION: '一事一议',
  CASE_SIGNALLED: '已通知保障案件',
  CLOSED: '已处置',
};

export const WARNING_OUTCOME_NAMES: Record<string, string> = {
  APPLICATION_ADVISED: '建议申请救助',
  DELIBERATED: '一事一议',
  REFERRED: '转介相关部门',
  CASE_SIGNALLED: '转保障案件复核',
  DISMISSED: '无需处置',
};

/** An amount of money in yuan, always with two decimals (a number or the API's decimal text). */
export function money(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toFixed(2) : String(v);
}

export const COMPLAINT_SUBJECT_NAMES: Record<string, string> = {
  CASE: '救助案件',
  HOUSEHOLD: '救助家庭',
  STAFF: '工作人员',
  PROCEDURE: '办理程序',
};

export const COMPLAINT_CHANNEL_NAMES: Record<string, string> = { PUBLIC: '网上提交', HOTLINE: '热线电话' };

export const RECOVERY_CAUSE_NAMES: Record<string, string> = {
  HOUSEHOLD: '家庭未如实申报',
  STAFF_ERROR: '工作人员失误',
};

export const RECOVERY_CLOSURE_NAMES: Record<string, string> = { REPAID: '已退还', WRITTEN_OFF: '已核销' };

export const SUPERVISION_SOURCE_NAMES: Record<string, string> = {
  RECHECK: '复核',
  WARNING: '监测预警',
  COMPLAINT: '投诉举报',
};

export const FINDING_KIND_NAMES: Record<string, string> = {
  DEATH: '家庭成员死亡',
  INCOME: '收入变化',
  ASSETS: '财产超标',
  MEMBERS: '家庭成员迁出',
  OTHER: '其他不符合条件情形',
};

/** Timeline events of complaints and recoveries (the API's event types). */
export const SUPERVISION_EVENT_NAMES: Record<string, string> = {
  REGISTERED: '已登记',
  ASSIGNED: '已交办',
  INVESTIGATED: '已调查核实',
  ANSWERED: '已答复',
  RECHECK_OPENED: '已启动复核',
  ESCALATED: '逾期督办',
  CLOSED: '已办结',
  FOUND: '已查实立案',
  NOTIFIED: '已告知家庭',
  REPAYMENT: '登记还款',
  INSTALMENT_PLAN_SET: '制定分期计划',
  INSTALMENT_OVERDUE: '分期逾期',
  REPAID: '已全部退还',
  WRITTEN_OFF: '已核销',
  CORRECTED: '容错纠错',
};

/** Units of policy parameters (参数管理), as a person reads them. */
export const PARAMETER_UNIT_NAMES: Record<string, string> = {
  YUAN_PER_PERSON_MONTH: '元/人·月',
  YUAN_PER_PERSON_YEAR: '元/人·年',
  YUAN: '元',
  RATIO: '倍数/比例',
  YEARS: '年',
  MONTHS: '个月',
  WORKING_DAYS: '个工作日',
  NATURAL_DAYS: '个自然日',
  MINUTES: '分钟',
  SQUARE_METRES_PER_PERSON: '平方米/人',
  COUNT: '个（次）',
  ENUM: '选项',
  LIST: '列表',
  TABLE: '分档表',
};

/** The city (a default of every county) and the nine counties: where a parameter version applies. */
export const DIVISION_NAMES: Record<string, string> = { '410500': '安阳市（全市）', ...COUNTY_NAMES };

export const AREA_NAMES: Record<string, string> = { URBAN: '城镇', RURAL: '农村' };

export const PROPOSAL_STATUS_NAMES: Record<string, string> = {
  PENDING: '待审批',
  APPROVED: '已批准',
  REJECTED: '已驳回',
};

/** A run's status (政策模拟, 调标). */
export const RUN_STATUS_NAMES: Record<string, string> = {
  RUNNING: '运行中',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  FAILED: '失败',
};

export const INCIDENT_STATUS_NAMES: Record<string, string> = {
  OPEN: '待处理',
  RETRYING: '重试中',
  RESOLVED: '已恢复',
  CLOSED: '已结案',
};

export const INCIDENT_CASE_KIND_NAMES: Record<string, string> = {
  APPLICATION: '救助申请',
  ENROLLED_CASE: '在保案件',
  RECHECK: '复核',
  EMERGENCY: '临时救助',
  DELIBERATION: '一事一议',
  CAMPAIGN: '复核活动',
  CALENDAR: '节假日安排',
  WARNING: '监测预警',
  DATA_BATCH: '数据比对',
  COMPLAINT: '投诉举报',
  RECOVERY: '追缴',
};

/** A parameter's value as a person reads it: a number with its unit, a list or a table in short. */
export function parameterValue(value: unknown, unit: string): string {
  if (typeof value === 'number') return `${value} ${PARAMETER_UNIT_NAMES[unit] ?? unit}`;
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join('；');
  return String(value ?? '—');
}

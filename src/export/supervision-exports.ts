import type { ReferralService } from '../assistance/referral.service';
import type { WarningService } from '../monitoring/warnings/warning.service';
import type { ComplaintService } from '../supervision/complaints/complaint.service';
import type { RecoveryService } from '../supervision/recovery/recovery.service';
import type { ExportColumn } from './list-workbook';

// The referral, warning, complaint and recovery lists as workbooks: the columns their screens
// show, under the screens' Chinese headers. No names, and no ID number, not even masked.
// The API answers codes; these Chinese names are the console's (console/src/labels.ts).

type Item<S extends { list(...args: never[]): Promise<{ items: unknown[] }> }> = Awaited<
  ReturnType<S['list']>
>['items'][number];

const named = (names: Record<string, string>, code: string | null | undefined) => (code ? (names[code] ?? code) : null);
const overdue = (o: boolean) => (o ? '已逾期' : '');

const REFERRAL_STAGES: Record<string, string> = {
  OPEN: '待接收',
  ACCEPTED: '办理中',
  INFO_REQUESTED: '待民政补充信息',
  CLOSED: '已办结',
};
const REFERRAL_OUTCOMES: Record<string, string> = { DELIVERED: '已落实', DECLINED: '不予落实' };
export const REFERRAL_EXPORT_COLUMNS: readonly ExportColumn<Item<ReferralService>>[] = [
  { header: '转介编号', cell: (r) => r.id, width: 38 },
  { header: '救助帮扶事项', cell: (r) => r.entitlementName, width: 24 },
  { header: '责任部门', cell: (r) => r.departmentName, width: 20 },
  { header: '县（市、区）', cell: (r) => r.countyCode },
  { header: '阶段', cell: (r) => named(REFERRAL_STAGES, r.stage) },
  { header: '办理结果', cell: (r) => named(REFERRAL_OUTCOMES, r.outcome) },
  { header: '反馈期限', cell: (r) => r.dueAt, width: 20 },
  { header: '是否逾期', cell: (r) => overdue(r.overdue) },
  { header: '转介时间', cell: (r) => r.openedAt, width: 20 },
];

const WARNING_STAGES: Record<string, string> = {
  RAISED: '已预警',
  VERIFICATION: '上门核查中',
  REFERRED: '已转介',
  DELIBERATION: '一事一议',
  CASE_SIGNALLED: '已通知保障案件',
  CLOSED: '已处置',
};
export const WARNING_EXPORT_COLUMNS: readonly ExportColumn<Item<WarningService>>[] = [
  { header: '预警编号', cell: (w) => w.id, width: 38 },
  { header: '预警类别', cell: (w) => w.warningClassName, width: 24 },
  { header: '数据来源', cell: (w) => w.sourceName, width: 20 },
  { header: '县（市、区）', cell: (w) => w.countyCode },
  { header: '乡镇（街道）', cell: (w) => w.townshipCode },
  { header: '处置阶段', cell: (w) => named(WARNING_STAGES, w.stage) },
  { header: '核查期限', cell: (w) => w.dueAt, width: 20 },
  { header: '是否逾期', cell: (w) => overdue(w.overdue) },
  { header: '预警时间', cell: (w) => w.raisedAt, width: 20 },
];

const COMPLAINT_CHANNELS: Record<string, string> = { PUBLIC: '网上提交', HOTLINE: '热线电话' };
const COMPLAINT_SUBJECTS: Record<string, string> = {
  CASE: '救助案件',
  HOUSEHOLD: '救助家庭',
  STAFF: '工作人员',
  PROCEDURE: '办理程序',
};
export const COMPLAINT_EXPORT_COLUMNS: readonly ExportColumn<Item<ComplaintService>>[] = [
  { header: '投诉举报编号', cell: (c) => c.id, width: 38 },
  { header: '登记时间', cell: (c) => c.registeredAt, width: 20 },
  { header: '渠道', cell: (c) => named(COMPLAINT_CHANNELS, c.channel) },
  { header: '投诉举报对象', cell: (c) => named(COMPLAINT_SUBJECTS, c.subject) },
  { header: '县（市、区）', cell: (c) => c.countyCode },
  { header: '阶段', cell: (c) => c.stageName },
  { header: '办理期限', cell: (c) => c.dueAt, width: 20 },
  { header: '是否逾期', cell: (c) => overdue(c.overdue) },
];

const RECOVERY_CAUSES: Record<string, string> = { HOUSEHOLD: '家庭未如实申报', STAFF_ERROR: '工作人员失误' };
export const RECOVERY_EXPORT_COLUMNS: readonly ExportColumn<Item<RecoveryService>>[] = [
  { header: '追缴编号', cell: (r) => r.id, width: 38 },
  { header: '立案时间', cell: (r) => r.openedAt, width: 20 },
  { header: '县（市、区）', cell: (r) => r.countyCode },
  { header: '多发原因', cell: (r) => named(RECOVERY_CAUSES, r.cause) },
  { header: '阶段', cell: (r) => r.stageName },
  { header: '应退还（元）', cell: (r) => r.total },
  { header: '已退还（元）', cell: (r) => r.repaid },
  { header: '尚欠（元）', cell: (r) => r.remaining },
];

import { EMERGENCY_STAGE_NAMES_ZH } from '../core/contracts/emergency';
import type { DeliberationService } from '../deliberation/deliberation.service';
import type { EmergencyService } from '../emergency/emergency.service';
import type { ExportColumn } from './list-workbook';

// The emergency-aid (临时救助) and 一事一议 lists as workbooks: the columns their screens show,
// under the screens' Chinese headers. No applicant's name, no ID number (not even masked) and no
// question's free text (it may name the household): a workbook leaves the system, the page does not.

type Item<S extends { list(...args: never[]): Promise<{ items: unknown[] }> }> = Awaited<
  ReturnType<S['list']>
>['items'][number];

const named = (names: Record<string, string>, code: string | null | undefined) => (code ? (names[code] ?? code) : null);
const yuan = (v: { toString(): string } | null) => (v === null ? null : Number(v.toString()));

const PATHS: Record<string, string> = {
  SMALL_AMOUNT: '小金额先行救助',
  AID_FIRST: '先行救助',
  EXPENSE_TYPE: '支出型临时救助',
  DELIBERATION: '一事一议',
};
const KINDS: Record<string, string> = { SUDDEN: '急难型', EXPENSE: '支出型' };

export const EMERGENCY_EXPORT_COLUMNS: readonly ExportColumn<Item<EmergencyService>>[] = [
  { header: '案件编号', cell: (c) => c.id, width: 38 },
  { header: '县（市、区）', cell: (c) => c.countyCode },
  { header: '乡镇（街道）', cell: (c) => c.townshipCode },
  { header: '救助类型', cell: (c) => named(KINDS, c.kind) },
  { header: '审批路径', cell: (c) => named(PATHS, c.path), width: 20 },
  { header: '阶段', cell: (c) => named(EMERGENCY_STAGE_NAMES_ZH, c.stage), width: 24 },
  { header: '申请金额（元）', cell: (c) => yuan(c.requestedAmount) },
  { header: '批准金额（元）', cell: (c) => yuan(c.approvedAmount) },
  { header: '已发放（元）', cell: (c) => yuan(c.paidAmount) },
  { header: '登记时间', cell: (c) => c.createdAt, width: 20 },
];

const DELIBERATION_STAGES: Record<string, string> = {
  CONVENING: '待召集',
  OPINIONS: '征求意见',
  DECIDED: '已决定',
  FOLLOW_UP: '落实跟踪',
  CLOSED: '已办结',
};
const DELIBERATION_SOURCES: Record<string, string> = {
  EMERGENCY: '临时救助',
  DETERMINATION: '审核确认',
  RECHECK: '复核',
  ESCALATION: '督办事项',
  WARNING: '监测预警',
  DIRECT: '直接提请',
};
const OUTCOMES: Record<string, string> = { APPROVE: '同意救助', REJECT: '不予救助' };

export const DELIBERATION_EXPORT_COLUMNS: readonly ExportColumn<Item<DeliberationService>>[] = [
  { header: '一事一议编号', cell: (d) => d.id, width: 38 },
  { header: '县（市、区）', cell: (d) => d.countyCode },
  { header: '来源', cell: (d) => named(DELIBERATION_SOURCES, d.sourceKind) },
  { header: '阶段', cell: (d) => named(DELIBERATION_STAGES, d.stage) },
  { header: '意见截止时间', cell: (d) => d.deadlineAt, width: 20 },
  { header: '会商结果', cell: (d) => named(OUTCOMES, d.outcome) },
  { header: '提请时间', cell: (d) => d.createdAt, width: 20 },
];

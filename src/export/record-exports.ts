import type { PaymentBatch } from '../funds/payment-batch';
import type { OutreachService } from '../monitoring/outreach/outreach.service';
import type { SimulationService } from '../policy-admin/simulation.service';
import type { StandardAdjustmentService } from '../policy-admin/standard-adjustment.service';
import type { ExportColumn } from './list-workbook';

// The record lists (政策模拟记录, 调标记录, 发放批次, 随机调查记录) as workbooks: the columns their
// screens show, under the screens' Chinese headers. Who started a run or drew a survey is left
// out: a workbook leaves the system, the page does not.

type Item<T extends (...args: never[]) => Promise<{ items: unknown[] }>> = Awaited<ReturnType<T>>['items'][number];

const RUN_STATUS_NAMES: Record<string, string> = {
  RUNNING: '运行中',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  FAILED: '失败',
};
const status = (code: string) => RUN_STATUS_NAMES[code] ?? code;
/** The services answer instants as ISO text; the workbook writes them in China Standard Time. */
const instant = (iso: string | null) => (iso === null ? null : new Date(iso));
const progress = (p: { processed: number; total: number }) => `${p.processed} / ${p.total}`;
const counties = (scope: unknown) => {
  const list = (scope as { counties?: unknown } | null)?.counties;
  return Array.isArray(list) ? list.join('、') : null;
};

export const SIMULATION_EXPORT_COLUMNS: readonly ExportColumn<Item<SimulationService['list']>>[] = [
  { header: '测算编号', cell: (r) => r.id, width: 38 },
  { header: '发起时间', cell: (r) => instant(r.createdAt), width: 20 },
  { header: '生效日期', cell: (r) => r.effectiveDate },
  {
    header: '参数草案',
    cell: (r) => (r.drafts as { parameterId: string }[]).map((d) => d.parameterId).join('、'),
    width: 40,
  },
  { header: '县（市、区）', cell: (r) => counties(r.scope), width: 30 },
  { header: '进度', cell: (r) => progress(r.progress) },
  { header: '状态', cell: (r) => status(r.status) },
  { header: '结束时间', cell: (r) => instant(r.finishedAt), width: 20 },
];

interface AdjustmentReport {
  changed: number;
  unchanged: number;
  rechecksOpened: number;
  backPayTotal: number;
}
const report = (r: { report: unknown }) => r.report as AdjustmentReport | null;

export const ADJUSTMENT_EXPORT_COLUMNS: readonly ExportColumn<Item<StandardAdjustmentService['list']>>[] = [
  { header: '调标编号', cell: (r) => r.id, width: 38 },
  { header: '发起时间', cell: (r) => instant(r.createdAt), width: 20 },
  { header: '参数', cell: (r) => r.parameterId, width: 30 },
  { header: '生效日期', cell: (r) => r.effectiveDate },
  { header: '县（市、区）', cell: (r) => counties(r.scope), width: 30 },
  { header: '进度', cell: (r) => progress(r.progress) },
  { header: '调整户数', cell: (r) => report(r)?.changed ?? null },
  { header: '未变户数', cell: (r) => report(r)?.unchanged ?? null },
  { header: '转复核户数', cell: (r) => report(r)?.rechecksOpened ?? null },
  { header: '补发（元）', cell: (r) => report(r)?.backPayTotal ?? null },
  { header: '状态', cell: (r) => status(r.status) },
  { header: '结束时间', cell: (r) => instant(r.finishedAt), width: 20 },
];

export const PAYMENT_BATCH_EXPORT_COLUMNS: readonly ExportColumn<PaymentBatch>[] = [
  { header: '月份', cell: (b) => b.month },
  { header: '县（市、区）', cell: (b) => b.countyCode },
  { header: '指令数', cell: (b) => b.instructions },
  { header: '已发放', cell: (b) => b.paid },
  { header: '发放失败', cell: (b) => b.failed },
  { header: '待发放', cell: (b) => b.pending },
  { header: '应发金额（元）', cell: (b) => Number(b.amount) },
  { header: '实发金额（元）', cell: (b) => Number(b.paidAmount) },
];

export const SURVEY_EXPORT_COLUMNS: readonly ExportColumn<Item<OutreachService['surveys']>>[] = [
  { header: '随机调查编号', cell: (s) => s.id, width: 38 },
  { header: '抽取时间', cell: (s) => instant(s.createdAt), width: 20 },
  { header: '县（市、区）', cell: (s) => s.countyCode },
  { header: '抽样范围', cell: (s) => s.scopeCode },
  { header: '抽取户数', cell: (s) => s.sampleSize },
  { header: '范围内户数', cell: (s) => s.scopeSize },
];

import { z } from 'zod';
import { CountyCode } from './division';
import { Month } from './funds';

// The lists of past runs and records staff open again: policy simulations (政策模拟记录),
// yearly adjustments (调标记录), payment batches (发放批次: a county's instructions of a month)
// and random surveys (随机调查记录). Numbered pages, bounded like every deep list.

/** Rows a numbered page may reach (as src/common/keyset.ts's MAX_OFFSET_ROWS). */
const MAX_OFFSET_ROWS = 10_000;
const page = z.coerce
  .number({ error: '页码须为整数' })
  .int({ error: '页码须为整数' })
  .min(1, { error: '页码至少为 1' })
  .default(1);
const pageSize = z.coerce
  .number({ error: '每页条数须为整数' })
  .int({ error: '每页条数须为整数' })
  .min(1, { error: '每页条数至少为 1' })
  .max(100, { error: '每页条数最多 100' })
  .default(20);
/** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
const format = z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json');
function checkPaging(q: { page: number; pageSize: number }, ctx: z.RefinementCtx) {
  if (q.page * q.pageSize > MAX_OFFSET_ROWS)
    ctx.addIssue({ code: 'custom', path: ['page'], message: `按页码最多翻到第 ${MAX_OFFSET_ROWS} 条，请缩小查询条件` });
}

export const SimulationListQuery = z
  .strictObject({
    status: z
      .enum(['RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED'], {
        error: '状态须为 RUNNING、COMPLETED、CANCELLED 或 FAILED',
      })
      .optional(),
    format,
    page,
    pageSize,
  })
  .superRefine(checkPaging);
export type SimulationListQuery = z.infer<typeof SimulationListQuery>;

export const AdjustmentListQuery = z
  .strictObject({
    status: z.enum(['RUNNING', 'COMPLETED', 'FAILED'], { error: '状态须为 RUNNING、COMPLETED 或 FAILED' }).optional(),
    parameterId: z.string({ error: '须为参数编号' }).min(1, { error: '须为参数编号' }).max(100).optional(),
    format,
    page,
    pageSize,
  })
  .superRefine(checkPaging);
export type AdjustmentListQuery = z.infer<typeof AdjustmentListQuery>;

export const SurveyListQuery = z
  .strictObject({ county: CountyCode.optional(), format, page, pageSize })
  .superRefine(checkPaging);
export type SurveyListQuery = z.infer<typeof SurveyListQuery>;

/** The most months one list of payment batches spans: a county's three years of payments. */
export const PAYMENT_BATCH_MAX_MONTHS = 36;

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

export const PaymentBatchListQuery = z
  .strictObject({
    county: CountyCode.optional(),
    /** The first and last month listed (YYYY-MM); the last twelve months up to `to` when `from` is absent. */
    from: Month.optional(),
    to: Month.optional(),
    format,
    page,
    pageSize,
  })
  .superRefine((q, ctx) => {
    checkPaging(q, ctx);
    if (q.from !== undefined && q.to !== undefined) {
      if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '截止月份不能早于起始月份' });
      else if (monthIndex(q.to) - monthIndex(q.from) >= PAYMENT_BATCH_MAX_MONTHS)
        ctx.addIssue({ code: 'custom', path: ['from'], message: `一次最多查询 ${PAYMENT_BATCH_MAX_MONTHS} 个月` });
    }
  });
export type PaymentBatchListQuery = z.infer<typeof PaymentBatchListQuery>;

/** The month `n` months before `month` (YYYY-MM), no earlier than 0000-01 so the answer is still a month. */
export function monthsBefore(month: string, n: number): string {
  const i = Math.max(0, monthIndex(month) - n);
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

// The enrolled case's side of a standard adjustment (调标): its row of the adjustment (the
// per-case idempotency key), back pay for months already paid at the old amount, the
// household's notice and the timeline row, in one transaction. A second call for the same
// case and adjustment writes nothing and answers what the first one recorded.
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import { drillNotice } from '../common/drill-notice';
import type { AdjustmentOutcome, CaseAdjustmentResult } from '../core/contracts/standard-adjustment';
import type { PrismaClient } from '../prisma/prisma-client';

export interface RecordAdjustmentInput {
  adjustmentId: string;
  enrolledCaseId: string;
  applicationId: string;
  countyCode: string;
  outcome: AdjustmentOutcome;
  /** YYYY-MM: the first month the new standard applies. */
  effectiveMonth: string;
  /** YYYY-MM: the first month whose instruction is not yet written (it is paid at the new amount). */
  fromMonth: string;
  oldAmount: number;
  newAmount: number;
  reason: string;
}

const yuan = (n: number) => n.toFixed(2);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The household's adjustment notice (Simplified Chinese). */
export function adjustmentNoticeText(r: RecordAdjustmentInput, backPay: number, months: string[]): string {
  const lines = [
    '调整保障标准告知书',
    `根据新的保障标准，自 ${r.effectiveMonth} 起，您家庭的月保障金由 ${yuan(r.oldAmount)} 元调整为 ${yuan(r.newAmount)} 元。`,
  ];
  if (backPay > 0) lines.push(`${months.join('、')} 已按原标准发放，差额共计 ${yuan(backPay)} 元将予以补发。`);
  lines.push(`调整依据：${r.reason}`);
  lines.push('如对调整结果有异议，可自收到本告知书之日起向县级民政部门提出。');
  return lines.join('\n');
}

export function createAdjustmentCaseActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    async recordStandardAdjustment(r: RecordAdjustmentInput): Promise<CaseAdjustmentResult> {
      return prisma.$transaction(async (tx) => {
        const existing = await tx.standardAdjustmentCase.findUnique({
          where: { adjustmentId_enrolledCaseId: { adjustmentId: r.adjustmentId, enrolledCaseId: r.enrolledCaseId } },
        });
        if (existing)
          return {
            outcome: existing.outcome as AdjustmentOutcome,
            oldAmount: Number(existing.oldAmount),
            newAmount: Number(existing.newAmount),
            backPay: Number(existing.backPay),
          };
        let backPay = 0;
        const months: string[] = [];
        if (r.outcome === 'CHANGED' && r.newAmount > r.oldAmount) {
          // Months already instructed since the effective month, paid below the new amount.
          const paid = await tx.paymentInstruction.findMany({
            where: { enrolledCaseId: r.enrolledCaseId, month: { gte: r.effectiveMonth, lt: r.fromMonth } },
            orderBy: { month: 'asc' },
          });
          const rows = paid
            .filter((p) => Number(p.amount) < r.newAmount)
            .map((p) => ({
              id: randomUUID(),
              adjustmentId: r.adjustmentId,
              enrolledCaseId: r.enrolledCaseId,
              month: p.month,
              paidAmount: p.amount,
              newAmount: r.newAmount,
              amount: round2(r.newAmount - Number(p.amount)),
              countyCode: r.countyCode,
            }));
          if (rows.length > 0) await tx.adjustmentBackPay.createMany({ data: rows, skipDuplicates: true });
          backPay = round2(rows.reduce((s, x) => s + x.amount, 0));
          months.push(...rows.map((x) => x.month));
        }
        await tx.standardAdjustmentCase.create({
          data: {
            adjustmentId: r.adjustmentId,
            enrolledCaseId: r.enrolledCaseId,
            countyCode: r.countyCode,
            outcome: r.outcome,
            oldAmount: r.oldAmount,
            newAmount: r.newAmount,
            backPay,
            reason: r.reason.slice(0, 500),
          },
        });
        if (r.outcome === 'CHANGED') {
          const c = await tx.enrolledCase.findUniqueOrThrow({
            where: { id: r.enrolledCaseId },
            select: { drill: true },
          });
          await tx.notice.createMany({
            data: [
              {
                applicationId: r.applicationId,
                noticeKey: `adjustment#${r.adjustmentId}`,
                kind: 'STANDARD_ADJUSTED',
                text: drillNotice(adjustmentNoticeText(r, backPay, months), c.drill),
              },
            ],
            skipDuplicates: true,
          });
        }
        // The case's timeline: what the adjustment did to it.
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: `ENROLLED_CASE_STANDARD_${r.outcome}`,
          targetType: 'EnrolledCase',
          targetId: r.enrolledCaseId,
          reason: r.reason.slice(0, 500),
          details: {
            adjustmentId: r.adjustmentId,
            effectiveMonth: r.effectiveMonth,
            oldAmount: yuan(r.oldAmount),
            newAmount: yuan(r.newAmount),
            backPay: yuan(backPay),
          },
        });
        return { outcome: r.outcome, oldAmount: r.oldAmount, newAmount: r.newAmount, backPay };
      });
    },
  };
}

export type AdjustmentCaseActivities = ReturnType<typeof createAdjustmentCaseActivities>;

import { monthStart } from '../core/months';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import type { MonthInstruction, OwedCase } from './fund-findings';

type Db = PrismaClient | Prisma.TransactionClient;

/** Categories paid a monthly amount (低保, 特困); the others receive entitlements, not money. */
export const PAID_CATEGORIES = ['MINIMUM_LIVING', 'DESTITUTE'];

/**
 * The county's cases owed the month: a paid category, started on or before it, and either
 * still paid (in force, under recheck, in phase-out) or exited during or after it.
 * A suspended case is owed nothing while suspended.
 */
export async function owedCases(db: Db, countyCode: string, month: string): Promise<OwedCase[]> {
  const rows = await db.enrolledCase.findMany({
    where: {
      countyCode,
      category: { in: PAID_CATEGORIES },
      startMonth: { lte: month },
      OR: [
        { status: { in: ['ACTIVE', 'RECHECKING', 'PHASE_OUT'] } },
        { status: 'EXITED', exitedAt: { gte: new Date(monthStart(month)) } },
      ],
    },
    select: { id: true, category: true, monthlyAmount: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({ id: r.id, category: r.category, monthlyAmount: r.monthlyAmount.toFixed(2) }));
}

/** The county's payment instructions of the month. */
export async function monthInstructions(db: Db, countyCode: string, month: string): Promise<MonthInstruction[]> {
  const rows = await db.paymentInstruction.findMany({
    where: { countyCode, month },
    select: {
      id: true,
      enrolledCaseId: true,
      amount: true,
      status: true,
      paidAmount: true,
      paidOn: true,
      paidTimes: true,
      enrolledCase: { select: { category: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    enrolledCaseId: r.enrolledCaseId,
    category: r.enrolledCase.category,
    amount: r.amount.toFixed(2),
    status: r.status,
    paidAmount: r.paidAmount?.toFixed(2) ?? null,
    paidOn: r.paidOn,
    paidTimes: r.paidTimes,
  }));
}

/** Every county with an enrolled case of a paid category (the ones the Schedule checks). */
export async function countiesWithCases(db: Db): Promise<string[]> {
  const rows = await db.enrolledCase.findMany({
    where: { category: { in: PAID_CATEGORIES } },
    distinct: ['countyCode'],
    select: { countyCode: true },
    orderBy: { countyCode: 'asc' },
  });
  return rows.map((r) => r.countyCode);
}

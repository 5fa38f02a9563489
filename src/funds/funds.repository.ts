import { addMonths, monthStart } from '../core/months';
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

/** The first result of a bank return file already applied for the county (same content hash). */
export function bankReturnByHash(db: Db, countyCode: string, sha256: string) {
  return db.bankReturn.findUnique({ where: { countyCode_sha256: { countyCode, sha256 } } });
}

export function bankReturnCreate(tx: Prisma.TransactionClient, data: Prisma.BankReturnUncheckedCreateInput) {
  return tx.bankReturn.create({ data, select: { id: true } });
}

/** The instructions a bank return names, with what a failure task needs of their case. */
export function instructionsByIds(tx: Prisma.TransactionClient, ids: string[]) {
  return tx.paymentInstruction.findMany({
    where: { id: { in: ids } },
    include: { enrolledCase: { select: { applicationId: true, workflowId: true, townshipCode: true } } },
  });
}

export type ReturnedInstruction = Awaited<ReturnType<typeof instructionsByIds>>[number];

export function instructionUpdate(
  tx: Prisma.TransactionClient,
  id: string,
  data: Prisma.PaymentInstructionUncheckedUpdateInput,
) {
  return tx.paymentInstruction.update({ where: { id }, data, select: { id: true } });
}

export async function applicationTownship(tx: Prisma.TransactionClient, applicationId: string): Promise<string> {
  const a = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { townshipCode: true } });
  return a.townshipCode;
}

export function taskCreate(tx: Prisma.TransactionClient, data: Prisma.TaskUncheckedCreateInput) {
  return tx.task.create({ data, select: { id: true } });
}

/** A live task → DONE with the outcome, only if still live: 0 when another request closed it first. */
export function taskClose(tx: Prisma.TransactionClient, id: string, outcome: string, completedBy: string) {
  return tx.task
    .updateMany({
      where: { id, status: { in: ['OPEN', 'CLAIMED'] } },
      data: { status: 'DONE', outcome, completedBy, completedAt: new Date() },
    })
    .then((r) => r.count);
}

export function fundCheckOf(db: Db, countyCode: string, month: string) {
  return db.fundCheck.findUnique({ where: { countyCode_month: { countyCode, month } } });
}

/** The live PAYMENT_FAILED tasks of an instruction (their key starts with its id). */
export function liveFailureTasks(tx: Prisma.TransactionClient, paymentInstructionId: string) {
  return tx.task.findMany({
    where: { taskKey: { startsWith: `PAYMENT_FAILED#${paymentInstructionId}#` }, status: { in: ['OPEN', 'CLAIMED'] } },
    select: { id: true },
  });
}

/** Money households repaid on recoveries (追缴) in the month, by the category of the case each was recovered from. */
export async function recoveredInMonth(db: Db, countyCode: string, month: string): Promise<RecoveredAmount[]> {
  const first = `${month}-01`;
  const next = `${addMonths(month, 1)}-01`;
  return db.$queryRaw<RecoveredAmount[]>`
    SELECT c.category, sum(r.amount)::numeric(14, 2)::text AS amount
      FROM recovery_repayment r
      JOIN recovery v ON v.id = r.recovery_id
      JOIN enrolled_case c ON c.id = v.enrolled_case_id
     WHERE r.county_code = ${countyCode} AND r.paid_on >= ${first}::date AND r.paid_on < ${next}::date
     GROUP BY c.category`;
}

/** What was recovered in a month for one category. */
export interface RecoveredAmount {
  category: string;
  amount: string;
}

/** A county's payment instructions of a month by status: how many, what was instructed, what the bank paid. */
export function paymentBatchCounts(
  db: Db,
  countyCode: string | { gte: string; lt?: string },
  from: string,
  to: string,
) {
  return db.paymentInstruction.groupBy({
    by: ['countyCode', 'month', 'status'],
    where: { countyCode, month: { gte: from, lte: to } },
    _count: { _all: true },
    _sum: { amount: true, paidAmount: true },
  });
}

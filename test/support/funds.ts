import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/prisma/prisma-client';
import { insertApplication } from './applications';

/** An enrolled case written straight to the table (no workflow): what the fund check and report read. */
export async function enrolledCaseRow(
  prisma: PrismaClient,
  opts: {
    countyCode: string;
    category?: string;
    monthlyAmount?: string;
    startMonth?: string;
    status?: 'ACTIVE' | 'RECHECKING' | 'PHASE_OUT' | 'SUSPENDED' | 'EXITED';
    exitedAt?: Date;
    /** Also an application of this household (an existing one, e.g. the seeded household): tasks about the case need it. */
    householdId?: string;
    /** The members the case pays for (their member ids); one placeholder by default. */
    members?: readonly string[];
    /** The application's household facts (with `householdId`). */
    facts?: object;
  },
): Promise<string> {
  const id = randomUUID();
  const applicationId = randomUUID();
  const townshipCode = `${opts.countyCode}002`;
  const category = opts.category ?? 'MINIMUM_LIVING';
  if (opts.householdId)
    await insertApplication(prisma, {
      id: applicationId,
      householdId: opts.householdId,
      category,
      stage: 'ENROLLED',
      workflowId: `determination-${applicationId}`,
      townshipCode,
      submittedBy: 'test',
      facts: opts.facts,
    });
  await prisma.enrolledCase.create({
    data: {
      id,
      applicationId,
      householdId: opts.householdId ?? randomUUID(),
      category,
      monthlyAmount: opts.monthlyAmount ?? '600.00',
      membersIncluded: [...(opts.members ?? ['p1'])],
      startMonth: opts.startMonth ?? '2026-01',
      countyCode: opts.countyCode,
      townshipCode,
      status: opts.status ?? 'ACTIVE',
      exitedAt: opts.exitedAt ?? null,
    },
  });
  return id;
}

/** The case's instruction of the month, in the state the test needs. */
export async function instructionRow(
  prisma: PrismaClient,
  enrolledCaseId: string,
  countyCode: string,
  month: string,
  opts: {
    id?: string;
    amount?: string;
    status?: 'PENDING' | 'PAID' | 'FAILED';
    paidAmount?: string;
    paidOn?: string;
    paidTimes?: number;
    failureReason?: string;
  } = {},
): Promise<string> {
  const id = opts.id ?? randomUUID();
  const paid = opts.status === 'PAID';
  await prisma.paymentInstruction.create({
    data: {
      id,
      enrolledCaseId,
      month,
      amount: opts.amount ?? '600.00',
      members: ['p1'],
      countyCode,
      status: opts.status ?? 'PENDING',
      failureReason: opts.failureReason ?? null,
      paidAmount: paid ? (opts.paidAmount ?? opts.amount ?? '600.00') : null,
      paidOn: paid ? (opts.paidOn ?? `${month}-05`) : null,
      paidTimes: paid ? (opts.paidTimes ?? 1) : 0,
    },
  });
  return id;
}

import type { FundFinding } from '../core/contracts/funds';

/** An enrolled case owed the month's payment (paid category, started, not exited before it). */
export interface OwedCase {
  id: string;
  category: string;
  monthlyAmount: string;
}

/** A payment instruction of the month as the check reads it. */
export interface MonthInstruction {
  id: string;
  enrolledCaseId: string;
  category: string;
  amount: string;
  status: 'PENDING' | 'PAID' | 'FAILED';
  paidAmount: string | null;
  /** YYYY-MM-DD */
  paidOn: string | null;
  paidTimes: number;
}

/** Money in fen: decimals compared as integers, never as floats. */
export const fen = (yuan: string): number => Math.round(Number(yuan) * 100);

/** Not paid by the deadline: still pending (once the deadline is past) or booked after it. */
export function isLate(i: MonthInstruction, deadline: string, today: string): boolean {
  if (i.status === 'PENDING') return today > deadline;
  return i.status === 'PAID' && i.paidOn !== null && i.paidOn > deadline;
}

export const isPartial = (i: MonthInstruction): boolean =>
  i.status === 'PAID' && i.paidAmount !== null && fen(i.paidAmount) < fen(i.amount);

/**
 * What the monthly check finds: every owed case without an instruction, and every
 * instruction failed, late, short or paid twice. Pure: the activity reads, this decides.
 */
export function fundFindings(
  owed: readonly OwedCase[],
  instructions: readonly MonthInstruction[],
  deadline: string,
  today: string,
): FundFinding[] {
  const byCase = new Map<string, MonthInstruction[]>();
  for (const i of instructions) byCase.set(i.enrolledCaseId, [...(byCase.get(i.enrolledCaseId) ?? []), i]);
  const findings: FundFinding[] = [];
  for (const c of owed) {
    if (!byCase.has(c.id))
      findings.push({
        kind: 'MISSING',
        enrolledCaseId: c.id,
        paymentInstructionId: null,
        category: c.category,
        amount: c.monthlyAmount,
        paidAmount: null,
      });
  }
  for (const list of byCase.values()) {
    for (const i of list) {
      const finding = (kind: FundFinding['kind']): FundFinding => ({
        kind,
        enrolledCaseId: i.enrolledCaseId,
        paymentInstructionId: i.id,
        category: i.category,
        amount: i.amount,
        paidAmount: i.paidAmount,
      });
      if (i.status === 'FAILED') findings.push(finding('FAILED'));
      else if (isLate(i, deadline, today)) findings.push(finding('LATE'));
      if (isPartial(i)) findings.push(finding('PARTIAL'));
      // Two instructions for one case-month, or one paid twice by the bank.
      if (i.paidTimes > 1 || list.length > 1) findings.push(finding('DUPLICATED'));
    }
  }
  return findings;
}

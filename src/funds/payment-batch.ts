// A payment batch (发放批次): a county's payment instructions of one month, as the bank received
// them, with how many were paid, failed or are still pending.

export interface BatchCount {
  countyCode: string;
  month: string;
  status: string;
  _count: { _all: number };
  _sum: { amount: { toString(): string } | null; paidAmount: { toString(): string } | null };
}

export interface PaymentBatch {
  countyCode: string;
  month: string;
  instructions: number;
  pending: number;
  paid: number;
  failed: number;
  /** Instructed (yuan, 2 decimals). */
  amount: string;
  /** What the bank paid (yuan, 2 decimals). */
  paidAmount: string;
}

const cents = (v: { toString(): string } | null) => (v === null ? 0 : Math.round(Number(v.toString()) * 100));

/** One batch per county and month, the newest month first, counties in code order. */
export function paymentBatches(counts: readonly BatchCount[]): PaymentBatch[] {
  const batches = new Map<string, PaymentBatch & { amountCents: number; paidCents: number }>();
  for (const c of counts) {
    const key = `${c.month}#${c.countyCode}`;
    const b = batches.get(key) ?? {
      countyCode: c.countyCode,
      month: c.month,
      instructions: 0,
      pending: 0,
      paid: 0,
      failed: 0,
      amount: '0.00',
      paidAmount: '0.00',
      amountCents: 0,
      paidCents: 0,
    };
    b.instructions += c._count._all;
    if (c.status === 'PENDING') b.pending += c._count._all;
    if (c.status === 'PAID') b.paid += c._count._all;
    if (c.status === 'FAILED') b.failed += c._count._all;
    b.amountCents += cents(c._sum.amount);
    b.paidCents += cents(c._sum.paidAmount);
    batches.set(key, b);
  }
  return [...batches.values()]
    .sort((a, b) => (a.month === b.month ? a.countyCode.localeCompare(b.countyCode) : b.month.localeCompare(a.month)))
    .map(({ amountCents, paidCents, ...b }) => ({
      ...b,
      amount: (amountCents / 100).toFixed(2),
      paidAmount: (paidCents / 100).toFixed(2),
    }));
}

// What each instalment of a plan has been paid: the repayments since the plan was set, applied to
// the instalments in due order (the workflow's rule for the first unpaid one). The plan summed to
// what was owed when it was set, so what had been repaid by then is the total less the plan's sum.

export interface InstalmentRow {
  dueOn: string;
  amount: string;
}

export interface InstalmentProgress extends InstalmentRow {
  /** Paid towards this instalment (yuan, 2 decimals). */
  paid: string;
  /** Fully paid. */
  settled: boolean;
}

const cents = (yuan: string | number): number => Math.round(Number(yuan) * 100);
const yuan = (c: number): string => (c / 100).toFixed(2);

export function instalmentProgress(
  plan: readonly InstalmentRow[],
  total: string | number,
  repaid: string | number,
): InstalmentProgress[] {
  const planned = plan.reduce((s, i) => s + cents(i.amount), 0);
  let left = Math.max(0, cents(repaid) - (cents(total) - planned));
  return plan.map((i) => {
    const due = cents(i.amount);
    const paid = Math.min(due, left);
    left -= paid;
    return { dueOn: i.dueOn, amount: i.amount, paid: yuan(paid), settled: paid === due };
  });
}

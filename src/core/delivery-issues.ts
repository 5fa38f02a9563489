import type { ReferralInput } from './contracts/referral';

// Zod-free, so the workflow bundle can import it without building schemas in each workflow.

/** What a delivery lacks for its entitlement, per field (the API answers these as a 400 before any Update). */
export function deliveryIssues(
  input: Pick<ReferralInput, 'amountRequired' | 'periodicity' | 'entitlement'>,
  command: { amount?: number; periodFrom?: string; periodTo?: string; employment?: unknown },
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (command.employment !== undefined && input.entitlement !== 'EMPLOYMENT_ASSISTANCE')
    out.push({ path: 'employment', message: '仅就业救助事项可填写就业安置情况' });
  if (input.amountRequired && command.amount === undefined)
    out.push({ path: 'amount', message: '该事项须填写落实金额（元）' });
  if (input.periodicity === 'YEARLY') {
    if (command.periodFrom === undefined) out.push({ path: 'periodFrom', message: '该事项按年度落实，须填写起始日期' });
    if (command.periodTo === undefined) out.push({ path: 'periodTo', message: '该事项按年度落实，须填写截止日期' });
  }
  if (command.periodFrom !== undefined && command.periodTo !== undefined && command.periodTo < command.periodFrom)
    out.push({ path: 'periodTo', message: '截止日期不能早于起始日期' });
  return out;
}

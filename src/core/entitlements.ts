import type { ApplicationCategory } from './contracts/application';

/**
 * Categories civil affairs pays a monthly amount to (低保, 特困). 低保边缘 and 刚性支出
 * households receive entitlements (medical, education, housing, employment assistance)
 * that the responsible departments deliver (domain.md §4.6): no monthly payment, no amount
 * on their notices.
 */
const PAID_MONTHLY: ReadonlySet<ApplicationCategory> = new Set(['MINIMUM_LIVING', 'DESTITUTE']);

export const paidMonthly = (category: ApplicationCategory): boolean => PAID_MONTHLY.has(category);

/** What an unpaid category's notices say instead of an amount. */
export const ENTITLEMENTS_ZH =
  '不按月发放保障金，依规享受的医疗、教育、住房、就业等专项救助和帮扶措施由相关部门按规定落实';

// Chinese names of temporary assistance's codes (临时救助).

/** Where a payment came from: the township's reserve fund (备用金) or the county's budget. */
export const FUND_SOURCE_NAMES: Record<string, string> = { RESERVE_FUND: '乡镇备用金', COUNTY_BUDGET: '县级资金' };

/** An amount in yuan with two decimals (the API sends decimals as strings). */
export const money = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === '' ? '—' : Number(v).toFixed(2);

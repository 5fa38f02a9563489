// Money in integer cents (see src/core/contracts/household-facts.ts for why). Helpers to enter
// and leave cents and to print yuan with two decimals in explanations.

export function toCents(yuan: number): number {
  return Math.round(yuan * 100);
}

export function toYuan(cents: number): number {
  return cents / 100;
}

/** '512.40' from 51240 cents (thousands not grouped: notices print plain figures). */
export function formatYuan(cents: number): string {
  const neg = cents < 0;
  const c = Math.abs(Math.round(cents));
  const yuan = Math.floor(c / 100);
  const rest = c - yuan * 100;
  return `${neg ? '-' : ''}${yuan}.${rest < 10 ? '0' : ''}${rest}`;
}

/** A share or multiplier printed with two decimals ('1.50', '0.30'). */
export function formatRatio(x: number): string {
  return x.toFixed(2);
}

/** Percentage with two decimals ('50.00%'). */
export function formatPercent(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

/** Multiplies cents by a rate and rounds half up to the cent (one rounding per rule). */
export function mulCents(cents: number, rate: number): number {
  return Math.round(cents * rate + 1e-9);
}

// Zod-free, so the workflow bundle can import it without building schemas in each workflow.
// GB/T 2260 codes: 6 digits for province/city/county (trailing 00 pairs = higher level),
// 9 for township, 12 for village. A jurisdiction covers every code it prefixes.

export const ANYANG_CITY = '410500';

/** The significant prefix of a division code: 410500 -> 4105, 410502 -> 410502. */
export function divisionPrefix(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function divisionCovers(jurisdiction: string, target: string): boolean {
  return target.startsWith(divisionPrefix(jurisdiction));
}

export const countyOf = (code: string): string => code.slice(0, 6);
export const townshipOf = (code: string): string | null => (code.length >= 9 ? code.slice(0, 9) : null);

/** Anyang city (the whole installation's jurisdiction). */
export const ANYANG_CITY_CODE = ANYANG_CITY;

import { z } from 'zod';

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

/** A county-level division code (GB/T 2260, 6 digits), as every API input names it. */
export const CountyCode = z.string().regex(/^\d{6}$/, { error: '须为 6 位县级区划代码' });
/** A township-level division code (9 digits). */
export const TownshipCode = z.string().regex(/^\d{9}$/, { error: '须为 9 位乡镇区划代码' });

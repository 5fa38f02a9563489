import { divisionPrefix } from '../core/contracts/division';

// A jurisdiction's rows, read through the county and township columns every case table keeps
// (and indexes), never through a `LIKE 'prefix%'`: a pattern is an index range only under the C
// collation, and production databases are created with a language's collation. Codes are digits,
// so every code a prefix covers lies in [prefix, the prefix's successor) under any collation.

/** The codes a prefix covers, as a range a B-tree index reads: 4105 → [4105, 4106). */
export function codeRange(prefix: string): { gte: string; lt?: string } {
  const kept = prefix.replace(/9+$/, '');
  if (kept === '') return { gte: prefix };
  return { gte: prefix, lt: kept.slice(0, -1) + String(Number(kept.at(-1)) + 1) };
}

/** A county-level jurisdiction's own code, or the range of a wider one (the city, the province). */
function countyScope(prefix: string): string | { gte: string; lt?: string } {
  return prefix.length === 6 ? prefix : codeRange(prefix);
}

/**
 * Rows of a table with `countyCode` and `townshipCode` inside a jurisdiction: a county or wider
 * by its county column, a township or a village by its township column (a village's own rows
 * are narrowed further by the caller, who knows where the village code is kept).
 */
export function jurisdictionScope(jurisdiction: string): {
  countyCode?: string | { gte: string; lt?: string };
  townshipCode?: string;
} {
  const prefix = divisionPrefix(jurisdiction);
  return prefix.length <= 6 ? { countyCode: countyScope(prefix) } : { townshipCode: prefix.slice(0, 9) };
}

/** The county codes a jurisdiction covers (a county or wider) or lies in (a township, a village). */
export function countiesOf(jurisdiction: string): string | { gte: string; lt?: string } {
  const prefix = divisionPrefix(jurisdiction);
  return prefix.length >= 6 ? prefix.slice(0, 6) : codeRange(prefix);
}

/**
 * The same scope for a table that keeps the county code alone: what is kept at the county is
 * not a township's (a township's code equals no county code, so it finds nothing).
 */
export function countyScopeOf(jurisdiction: string): { countyCode: string | { gte: string; lt?: string } } {
  const prefix = divisionPrefix(jurisdiction);
  return { countyCode: prefix.length > 6 ? prefix : countyScope(prefix) };
}

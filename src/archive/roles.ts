import type { Role } from '../core/contracts/roles';
import type { CaseKind } from '../core/contracts/case-document';

/** Who files documents on a case: the staff who handle it (the village assistant files on behalf of the household). */
export const FILERS: Role[] = [
  'VILLAGE_ASSISTANT',
  'TOWNSHIP_CASEWORKER',
  'COUNTY_OFFICER',
  'COUNTY_SUPERVISOR',
  'CITY_SUPERVISOR',
];
/** Who reads them: the same, and the auditor. */
export const READERS: Role[] = [...FILERS, 'AUDITOR'];

/**
 * The city supervisor answers the complaints about county staff: their evidence is its to
 * file and read, no other case is.
 */
export const KINDS_OF_ROLE: Partial<Record<Role, readonly CaseKind[]>> = { CITY_SUPERVISOR: ['COMPLAINT'] };

import type { Role } from '../core/contracts/roles';

/** Who files documents on a case: the staff who handle it (the village assistant files on behalf of the household). */
export const FILERS: Role[] = ['VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR'];
/** Who reads them: the same, and the auditor. */
export const READERS: Role[] = [...FILERS, 'AUDITOR'];

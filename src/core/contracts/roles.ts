import { z } from 'zod';

/** The roles of domain.md §5. */
export const Role = z.enum([
  'VILLAGE_ASSISTANT',
  'TOWNSHIP_CASEWORKER',
  'COUNTY_OFFICER',
  'COUNTY_SUPERVISOR',
  'CITY_SUPERVISOR',
  'DEPARTMENT_LIAISON',
  'AUDITOR',
  'ADMINISTRATOR',
  'SECURITY_ADMINISTRATOR',
  'AUDIT_ADMINISTRATOR',
]);
export type Role = z.infer<typeof Role>;

export { ROLE_NAMES_ZH } from '../role-names';

/**
 * 三员分立 (等级保护 level 3): the system administrator configures the service, the security
 * administrator alone manages accounts and roles, the audit administrator alone reads the
 * audit trail. A user record holds one role, so no one holds two.
 */
export const THREE_ADMINISTRATORS: readonly Role[] = ['ADMINISTRATOR', 'SECURITY_ADMINISTRATOR', 'AUDIT_ADMINISTRATOR'];

/** Who acts: carried by the bearer token, recorded on every audit row. */
export interface Actor {
  userId: string;
  role: Role;
  /** GB/T 2260 division code of the actor's jurisdiction. */
  jurisdiction: string;
  /**
   * A department liaison's department, from the user record at the request (not the token):
   * what they see of referrals and their tasks. Absent for other roles.
   */
  department?: string | null;
}

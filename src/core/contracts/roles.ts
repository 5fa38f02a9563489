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

export const ROLE_NAMES_ZH: Record<Role, string> = {
  VILLAGE_ASSISTANT: '村（社区）协理员',
  TOWNSHIP_CASEWORKER: '乡镇（街道）经办人',
  COUNTY_OFFICER: '县级民政经办人',
  COUNTY_SUPERVISOR: '县级主管（协调机制召集人）',
  CITY_SUPERVISOR: '市级民政主管',
  DEPARTMENT_LIAISON: '部门联络员',
  AUDITOR: '监督人员',
  ADMINISTRATOR: '系统管理员',
  SECURITY_ADMINISTRATOR: '安全管理员',
  AUDIT_ADMINISTRATOR: '审计管理员',
};

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

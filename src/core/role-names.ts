import type { Role } from './contracts/roles';

// Zod-free, so the workflow bundle can import it without building schemas in each workflow.

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

import type { Department } from './contracts/deliberation';

// Zod-free, so the workflow bundle can import it without building schemas in each workflow.

export const DEPARTMENT_NAMES_ZH: Record<Department, string> = {
  CIVIL_AFFAIRS: '民政',
  FINANCE: '财政',
  HR_SOCIAL_SECURITY: '人力资源和社会保障',
  HEALTH: '卫生健康',
  MEDICAL_INSURANCE: '医疗保障',
  EDUCATION: '教育',
  HOUSING: '住房和城乡建设',
  EMERGENCY_MANAGEMENT: '应急管理',
  DISABLED_PERSONS_FEDERATION: '残疾人联合会',
  CHARITY_FEDERATION: '慈善总会',
};

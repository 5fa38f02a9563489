import type { Category } from './contracts/household-facts';

// Zod-free, so the workflow bundle can import it without building schemas in each workflow.

export const CATEGORY_NAMES_ZH: Record<Category, string> = {
  MINIMUM_LIVING: '最低生活保障',
  DESTITUTE: '特困人员救助供养',
  RELAPSE_MONITORED: '防止返贫监测对象',
  NEAR_MINIMUM: '低保边缘家庭',
  RIGID_EXPENSE: '刚性支出困难家庭',
  OTHER_HARDSHIP: '其他困难人员',
};

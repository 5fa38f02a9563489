import { CATEGORY_NAMES_ZH } from '../../core/contracts/household-facts';

// The Chinese names of the database's codes, for the search's answer and the provincial export.

export const ORIGIN_NAMES_ZH: Record<string, string> = {
  ENROLMENT: '本系统认定',
  IMPORT: '存量导入（不再重复认定）',
  RURAL_REVITALISATION: '乡村振兴部门推送',
  SELF_DECLARATION: '自主申报',
  OUTREACH: '走访发现',
};
export const SUBTYPE_NAMES_ZH: Record<string, string> = {
  UNSTABLE_OUT_OF_POVERTY: '脱贫不稳定户',
  MARGINAL_AT_RISK: '边缘易致贫户',
  SUDDEN_HARDSHIP: '突发严重困难户',
};
export const CATEGORY_ZH: Record<string, string> = {
  ...CATEGORY_NAMES_ZH,
  RELAPSE_MONITORED: '防止返贫监测对象',
  UNCATEGORISED: '尚未纳入救助类别',
};

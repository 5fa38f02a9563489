import { SurveyRequest } from '@contracts/outreach';
import type { ActionForm } from './fields';

// A random survey (随机调查) drawn by the county supervisor: a county or township, how many
// households, and optionally the seed (the same seed over the same households draws the same sample).

export const SURVEY_FORM: ActionForm = {
  action: '',
  title: '抽取样本',
  schema: SurveyRequest,
  fields: [
    { key: 'scope', label: '抽样范围（县级 6 位或乡镇 9 位区划代码）', kind: 'text' },
    { key: 'sampleSize', label: '抽取户数', kind: 'number' },
    { key: 'seed', label: '随机种子', kind: 'text', optional: true, hint: '不填则自动生成；用同一种子可复现同一样本' },
  ],
};

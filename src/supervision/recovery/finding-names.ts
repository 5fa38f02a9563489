import type { FindingKind } from '../../core/contracts/recovery';

/** What a finding is, as a notice and the timeline say it. */
export const FINDING_NAMES_ZH: Record<FindingKind, string> = {
  DEATH: '家庭成员死亡后未及时报告，仍按原人数领取救助金',
  INCOME: '家庭收入增加后未如实申报',
  ASSETS: '家庭财产超过规定标准',
  MEMBERS: '家庭成员迁出后仍按原人数领取救助金',
  OTHER: '存在不符合保障条件的情况',
};

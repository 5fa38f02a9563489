// Single-person household rule (单人户, seed 二(二)1; seed 二(一)1): an adult, unemployed,
// severely disabled person who depends on siblings or on people aged 60+ may apply alone;
// their support is exempt, only the applicant's own income and assets are assessed.
import type { HouseholdFacts } from '../../core/contracts/household-facts';
import type { PolicySnapshot } from '../parameters/snapshot';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { age, isSeverelyDisabled } from './person';

export const SINGLE_PERSON_APPLIES: ReasonTemplate = {
  ruleId: 'MINIMUM_LIVING.SINGLE_PERSON',
  zh: (a) =>
    `成员 ${a[0]} 为依靠兄弟姐妹或 60 周岁及以上老年人供养的成年无业重度残疾人，参照单人户核算：供养费用豁免，只计算本人收入和财产`,
  en: (a) =>
    `member ${a[0]} is an adult unemployed severely disabled person supported by siblings or people aged 60+: assessed as a single-person household (support exempt, own income and assets only)`,
};

export const SINGLE_PERSON_NOT_MET: ReasonTemplate = {
  ruleId: 'MINIMUM_LIVING.SINGLE_PERSON',
  zh: (a) => `成员 ${a[0]} 不符合单人户条件（${a[1]}），按全部共同生活家庭成员核算`,
  en: (a) => `member ${a[0]} does not meet the single-person rule (${a[2]}); the whole household is assessed`,
};

export interface SinglePersonResult {
  applies: boolean;
  index: number;
  reason: Reason | undefined;
}

const NOT_ASKED: SinglePersonResult = { applies: false, index: -1, reason: undefined };

export function singlePersonRule(facts: HouseholdFacts, snap: PolicySnapshot): SinglePersonResult {
  const id = facts.singlePersonApplicantId;
  return id === undefined ? NOT_ASKED : assessSinglePerson(facts, snap, id);
}

// Separate from singlePersonRule: its closures would cost a context on every household.
function assessSinglePerson(facts: HouseholdFacts, snap: PolicySnapshot, id: string): SinglePersonResult {
  const ms = facts.members;
  const i = ms.findIndex((m) => m.id === id);
  const refs = snap.citing.singlePerson;
  const zh: string[] = [];
  const en: string[] = [];
  if (i < 0) {
    zh.push('申请人不在家庭成员中');
    en.push('applicant is not a member');
  } else {
    const m = ms[i];
    if (age(m, facts.applicationDate) < snap.adultAge.value) {
      zh.push('未成年');
      en.push('not an adult');
    }
    if (m.employment.employed) {
      zh.push('有就业');
      en.push('employed');
    }
    if (!isSeverelyDisabled(m, snap)) {
      zh.push('非重度残疾');
      en.push('not severely disabled');
    }
    const supported =
      ms.some(
        (o, j) =>
          j !== i &&
          o.coResident &&
          (o.relation === 'SIBLING' || age(o, facts.applicationDate) >= snap.elderlyAge.value),
      ) ||
      facts.legalSupporters.some((s) => s.relation === 'SIBLING') ||
      facts.income.some((it) => it.memberId === id && (it.type === 'SIBLING_SUPPORT' || it.type === 'ELDERLY_SUPPORT'));
    if (!supported) {
      zh.push('无兄弟姐妹或 60 周岁及以上老年人供养');
      en.push('not supported by siblings or people aged 60+');
    }
  }
  if (zh.length === 0) return { applies: true, index: i, reason: reason(SINGLE_PERSON_APPLIES, 'pass', [id], refs) };
  return {
    applies: false,
    index: i,
    reason: reason(SINGLE_PERSON_NOT_MET, 'fail', [id, zh.join('、'), en.join(', ')], refs),
  };
}

// Whole-household inclusion (seed 二(二)1 "不得仅将个别家庭成员纳入"; N1 Art.4, Art.7):
// the assessment unit of 低保 is every co-resident member, never a subset, except under
// the single-person rule and the individual inclusion of seed 二(四)1.
import type { HouseholdFacts } from '../../core/contracts/household-facts';
import { reason, type Reason, type ReasonTemplate } from '../reason';

/** Who is assessed: mask[i] = members[i] belongs to the unit. */
export interface AssessedMembers {
  readonly mask: readonly boolean[];
  readonly size: number;
}

export interface Unit extends AssessedMembers {
  mask: boolean[];
  size: number;
  ids: string[];
}

export const WHOLE_HOUSEHOLD: ReasonTemplate = {
  ruleId: 'MINIMUM_LIVING.WHOLE_HOUSEHOLD',
  zh: (a) => `以全部共同生活家庭成员 ${a[0]} 人为单位核算（不得仅将个别成员纳入）`,
  en: (a) => `all ${a[0]} co-resident members assessed together (never only some of them)`,
};

const NO_PARAMETERS: readonly never[] = [];

// The household's mask, reused: only the evaluation reads it (results keep the ids). Cells
// past the household's member count are left from earlier households: readers index members only.
const householdMask: boolean[] = [];

/** The co-resident members; the mask is valid until the next call (one evaluation). */
export function coResidentUnit(facts: HouseholdFacts): Unit {
  const ms = facts.members;
  // The ids in an array of its final length (no growth while filling).
  let size = 0;
  for (let i = 0; i < ms.length; i++) if (ms[i].coResident) size++;
  const mask = householdMask;
  const ids = new Array<string>(size);
  for (let i = 0, k = 0; i < ms.length; i++) {
    const m = ms[i];
    mask[i] = m.coResident;
    if (m.coResident) ids[k++] = m.id;
  }
  return { mask, size, ids };
}

export function singleMemberUnit(facts: HouseholdFacts, index: number): Unit {
  const mask = new Array<boolean>(facts.members.length).fill(false);
  mask[index] = true;
  return { mask, size: 1, ids: [facts.members[index].id] };
}

// One member alone, by (household size, index): shared constants, so assessing each 特困
// candidate allocates nothing.
const singles: AssessedMembers[][] = [];

export function singleMember(size: number, index: number): AssessedMembers {
  const bySize = (singles[size] ??= []);
  return (bySize[index] ??= { mask: onlyMask(size, index), size: 1 });
}

// Separate from singleMember: a closure there would cost a context on every call.
function onlyMask(size: number, index: number): boolean[] {
  return Array.from({ length: size }, (_, i) => i === index);
}

export function wholeHouseholdReason(size: number): Reason {
  return reason(WHOLE_HOUSEHOLD, 'info', [size], NO_PARAMETERS);
}

// Person-level predicates shared by several rules.
import type { Member } from '../../contracts/household-facts';
import { ageOn } from '../dates';
import type { PolicySnapshot } from '../parameters/snapshot';

/**
 * Severe disability: grades 1–2 of any type, and grade 3 intellectual or mental
 * disability (N1 Art.8(一); seed 二(二)1 / 二(四)1 "重度残疾").
 */
export function isSeverelyDisabled(m: Member, snap: PolicySnapshot): boolean {
  const d = m.disability;
  if (d === undefined) return false;
  if (d.grade <= snap.severeDisabilityMaxGrade.value) return true;
  return d.grade === snap.severeDisabilityMaxGrade.value + 1 && (d.type === 'INTELLECTUAL' || d.type === 'MENTAL');
}

export function age(m: Member, date: string): number {
  return ageOn(m.birthDate, date);
}

/** Members whose owner list includes a unit member; no owner list = household property. */
export function ownedByUnit(
  owners: readonly string[] | string | undefined,
  memberIds: readonly string[],
  unit: readonly boolean[],
  householdPropertyCounts: boolean,
): boolean {
  if (owners === undefined) return householdPropertyCounts;
  if (typeof owners === 'string') {
    const i = memberIds.indexOf(owners);
    return i >= 0 && unit[i];
  }
  for (const o of owners) {
    const i = memberIds.indexOf(o);
    if (i >= 0 && unit[i]) return true;
  }
  return false;
}

// Person-level predicates shared by several rules.
import type { HouseholdFacts, Member } from '../../core/contracts/household-facts';
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

/** Index of the first member with this id, -1 if none (duplicate ids: the first wins). */
export function memberIndex(facts: HouseholdFacts, id: string): number {
  const ms = facts.members;
  for (let i = 0; i < ms.length; i++) if (ms[i].id === id) return i;
  return -1;
}

/** Members whose owner list includes a unit member; no owner list = household property. */
export function ownedByUnit(
  owners: readonly string[] | string | undefined,
  facts: HouseholdFacts,
  unit: readonly boolean[],
  householdPropertyCounts: boolean,
): boolean {
  if (owners === undefined) return householdPropertyCounts;
  if (typeof owners === 'string') {
    const i = memberIndex(facts, owners);
    return i >= 0 && unit[i];
  }
  for (const o of owners) {
    const i = memberIndex(facts, o);
    if (i >= 0 && unit[i]) return true;
  }
  return false;
}

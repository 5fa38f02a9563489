// 零就业家庭 (plan 二(四)5): a household with members of working age who can work, none of
// whom is employed. Pure, so the enrolment hook and its tests read the same rule. The registry
// holds no "wishes to work" flag, so every working-age member with labour capacity counts.

export interface WorkingAgeMember {
  /** The registry's member id (never a name or an ID number). */
  memberRef: string;
  /** Age in whole years on the date of the check. */
  age: number;
  labourCapacity: string;
  employed: boolean;
  student: boolean;
}

export interface ZeroEmploymentCheck {
  /** True when someone can work and nobody in the household is employed. */
  zero: boolean;
  /** Working-age members with labour capacity (between `adultAge` and `elderlyAge`, not at school). */
  capable: string[];
  /** Someone in the household is employed (a tracked household leaves 零就业). */
  anyoneEmployed: boolean;
}

/** Working age: from the adult age (person.adult_age) up to, not including, the elderly age (person.elderly_age). */
export function checkZeroEmployment(
  members: readonly WorkingAgeMember[],
  ages: { adultAge: number; elderlyAge: number },
): ZeroEmploymentCheck {
  const capable = members
    .filter((m) => m.labourCapacity !== 'NONE' && !m.student && m.age >= ages.adultAge && m.age < ages.elderlyAge)
    .map((m) => m.memberRef);
  const anyoneEmployed = members.some((m) => m.employed);
  return { zero: capable.length > 0 && !anyoneEmployed, capable, anyoneEmployed };
}

/** Whole years to a date: the policy engine's own rule (the birthday counts). */
export { ageOn } from '../policy/dates';

// A member's situations as the entitlement matrix reads them (domain.md §4.6), from what the
// case knows of the member: a student, seriously ill, severely disabled (grade within the
// parameter), or of working age with labour capacity and no work. Disaster and an elderly
// person unable to care for themselves come from warnings, not from these facts.
import type { MemberSituation } from '../core/contracts/referral';
import { ageOn } from '../policy/dates';

export interface MemberFactsForMatrix {
  birthDate: string;
  student: boolean;
  seriousIllness: boolean;
  disabilityGrade: number | null;
  labourCapacity: string;
  employed: boolean;
}

export interface SituationLimits {
  /** The highest disability grade that counts as severe (grades 1 and 2 by default). */
  severeMaxGrade: number;
  adultAge: number;
  elderlyAge: number;
}

export function memberSituations(m: MemberFactsForMatrix, date: string, limits: SituationLimits): MemberSituation[] {
  const s: MemberSituation[] = [];
  const age = ageOn(m.birthDate, date);
  if (m.student) s.push('STUDENT');
  if (m.seriousIllness) s.push('SERIOUSLY_ILL');
  if (m.disabilityGrade !== null && m.disabilityGrade <= limits.severeMaxGrade) s.push('SEVERELY_DISABLED');
  if (m.labourCapacity !== 'NONE' && !m.employed && !m.student && age >= limits.adultAge && age < limits.elderlyAge)
    s.push('UNEMPLOYED_CAPABLE');
  return s;
}

import type { ApplicationCategory } from '../../core/contracts/application';
import {
  DISABILITY_TYPES,
  RELATIONS,
  type HouseholdFacts,
  type Member,
  type Relation,
} from '../../core/contracts/household-facts';

/** A registry member as far as an application's facts need it. */
export interface RegistryMember {
  id: string;
  birthDate: Date;
  relation: string;
  labourCapacity: string;
  disabilityType: string | null;
  disabilityGrade: number | null;
  seriousIllness: boolean;
  employed: boolean;
  student: boolean;
}

/**
 * The facts of an application opened from a warning, pre-filled from what the registry knows:
 * its members (the head as the applicant, as the console's intake form takes it), its county
 * and area; income, assets and expenses are the township's to gather at acceptance (补充材料).
 */
export function prefilledFacts(
  household: { countyCode: string; area: 'URBAN' | 'RURAL'; members: readonly RegistryMember[] },
  category: ApplicationCategory,
  applicationDate: string,
): HouseholdFacts {
  const relation = (r: string): Relation =>
    r === 'HEAD' ? 'APPLICANT' : (RELATIONS as readonly string[]).includes(r) ? (r as Relation) : 'OTHER';
  const members = household.members.map((m): Member => {
    const member: Member = {
      id: m.id,
      birthDate: m.birthDate.toISOString().slice(0, 10),
      relation: relation(m.relation),
      labourCapacity: m.labourCapacity === 'NONE' || m.labourCapacity === 'PARTIAL' ? m.labourCapacity : 'FULL',
      seriousIllness: m.seriousIllness,
      employment: { employed: m.employed },
      student: m.student,
      coResident: true,
    };
    if (m.disabilityType && m.disabilityGrade && (DISABILITY_TYPES as readonly string[]).includes(m.disabilityType))
      member.disability = { type: m.disabilityType as (typeof DISABILITY_TYPES)[number], grade: m.disabilityGrade };
    return member;
  });
  return {
    applicationDate,
    residence: { county: household.countyCode, area: household.area },
    members,
    income: [],
    assets: { financial: [], homes: [], vehicles: [], enterprises: [], nonResidentialProperties: [] },
    expenses: [],
    legalSupporters: [],
    categoriesRequested: [category],
  };
}

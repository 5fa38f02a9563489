/** A household member as the registry answers (GET /households/:id), masked. */
export interface RegistryMember {
  id: string;
  name: string;
  idNumberMasked: string;
  relation: string;
  birthDate: string;
  labourCapacity?: 'FULL' | 'PARTIAL' | 'NONE' | null;
  seriousIllness?: boolean | null;
}
export interface RegistryHousehold {
  id: string;
  divisionCode: string;
  area: 'URBAN' | 'RURAL';
  address: string;
  members: RegistryMember[];
}

/** What the intake form edits per member (the rest comes from the registry). */
export interface MemberDraft {
  id: string;
  label: string;
  birthDate: string;
  relation: string;
  labourCapacity: 'FULL' | 'PARTIAL' | 'NONE';
  seriousIllness: boolean;
  employed: boolean;
  student: boolean;
  coResident: boolean;
}
export interface IncomeDraft {
  memberId: string;
  type: string;
  month: string;
  amount: number | null;
}

export interface ApplicationDraft {
  householdId: string;
  category: string;
  channel: string;
  applicationDate: string;
  area: string;
  county: string;
  closeRelativeFlag: boolean;
  members: MemberDraft[];
  income: IncomeDraft[];
  economicCheck: boolean;
  truthfulnessPromise: boolean;
}

/** Today in China Standard Time, as the API dates an application. */
export const todayCst = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The registry names relations to the household head, the facts to the applicant: the head is
 * taken as the applicant (the person edits it when someone else applies).
 */
export function membersFrom(h: RegistryHousehold): MemberDraft[] {
  return h.members.map((m) => ({
    id: m.id,
    label: `${m.name}（${m.idNumberMasked}）`,
    birthDate: m.birthDate.slice(0, 10),
    relation: m.relation === 'HEAD' ? 'APPLICANT' : m.relation,
    labourCapacity: m.labourCapacity ?? 'FULL',
    seriousIllness: m.seriousIllness ?? false,
    employed: false,
    student: false,
    coResident: true,
  }));
}

/** The request body (SubmitApplication): assets, expenses and supporters are left empty in this first form. */
export function requestOf(d: ApplicationDraft): Record<string, unknown> {
  return {
    householdId: d.householdId,
    category: d.category,
    channel: d.channel,
    closeRelativeFlag: d.closeRelativeFlag,
    facts: {
      applicationDate: d.applicationDate,
      residence: { county: d.county, area: d.area },
      members: d.members.map((m) => ({
        id: m.id,
        birthDate: m.birthDate,
        relation: m.relation,
        labourCapacity: m.labourCapacity,
        seriousIllness: m.seriousIllness,
        employment: { employed: m.employed },
        student: m.student,
        coResident: m.coResident,
      })),
      income: d.income.map((i) => ({
        memberId: i.memberId,
        type: i.type,
        month: i.month,
        amount: i.amount ?? undefined,
      })),
      assets: { financial: [], homes: [], vehicles: [], enterprises: [], nonResidentialProperties: [] },
      expenses: [],
      legalSupporters: [],
      categoriesRequested: [d.category],
    },
    consent: { economicCheck: d.economicCheck, truthfulnessPromise: d.truthfulnessPromise },
  };
}

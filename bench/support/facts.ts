import type { HouseholdFacts, Member } from '../../src/core/contracts/household-facts';

// The household facts of the e2e approve path (test/e2e/determination.e2e.spec.ts):
// a couple in 文峰区 applying on 2024-03-15, one wage of 600.00 a month over the
// 12-month window: eligible for 低保 at 300.00 per capita.

const member = (id: string, birthDate: string, extra: Partial<Member> = {}): Member => ({
  id,
  birthDate,
  relation: 'APPLICANT',
  labourCapacity: 'FULL',
  seriousIllness: false,
  employment: { employed: false },
  student: false,
  coResident: true,
  ...extra,
});

const WINDOW = Array.from({ length: 12 }, (_, k) =>
  k < 10 ? `2023-${String(k + 3).padStart(2, '0')}` : `2024-0${k - 9}`,
);

export const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';

export const FACTS: HouseholdFacts = {
  applicationDate: '2024-03-15',
  residence: { county: '410502', area: 'URBAN' },
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: WINDOW.map((month) => ({ memberId: 'p1', type: 'WAGE' as const, month, amount: 600 })),
  assets: { financial: [], homes: [], vehicles: [], enterprises: [], nonResidentialProperties: [] },
  expenses: [],
  legalSupporters: [],
  categoriesRequested: ['MINIMUM_LIVING'],
};

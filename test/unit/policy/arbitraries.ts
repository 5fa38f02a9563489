// fast-check generators of schema-valid household facts (shared by property tests).
import fc from 'fast-check';
import { ANYANG_COUNTY_CODES, type HouseholdFacts, type Member } from '../../../src/contracts/household-facts';
import { windowMonths } from './fixtures';

const DATES = ['2024-03-15', '2024-06-30', '2024-07-01', '2025-01-10', '2025-12-31'];
const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);

const memberArb = (id: string): fc.Arbitrary<Member> =>
  fc.record({
    id: fc.constant(id),
    birthDate: fc.constantFrom('1940-06-01', '1964-03-15', '1964-07-01', '1975-02-28', '1990-12-31', '2008-03-15', '2012-01-01', '2020-05-05'),
    relation: fc.constantFrom('APPLICANT', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'GRANDCHILD', 'OTHER'),
    disability: fc.option(fc.record({ type: fc.constantFrom('VISUAL', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'HEARING'), grade: fc.integer({ min: 1, max: 4 }) }), { nil: undefined }),
    labourCapacity: fc.constantFrom('FULL', 'PARTIAL', 'NONE'),
    seriousIllness: fc.boolean(),
    employment: fc.record({ employed: fc.boolean() }),
    student: fc.boolean(),
    coResident: fc.boolean(),
  }) as fc.Arbitrary<Member>;

export const factsArb: fc.Arbitrary<HouseholdFacts> = fc
  .record({
    date: fc.constantFrom(...DATES),
    county: fc.constantFrom(...ANYANG_COUNTY_CODES),
    area: fc.constantFrom('URBAN' as const, 'RURAL' as const),
    n: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.record({ m: fc.nat(), type: fc.constantFrom('WAGE', 'BUSINESS', 'OTHER', 'PENSION_BASIC', 'SPECIAL_CARE_PENSION', 'SIBLING_SUPPORT', 'TRANSFER'), k: fc.nat(11), amount: cents(3000) }), { maxLength: 20 }),
    expenses: fc.array(fc.record({ type: fc.constantFrom('MEDICAL', 'EDUCATION', 'BASIC_LIVING', 'DISABILITY_REHAB'), k: fc.nat(11), amount: cents(5000), m: fc.nat() }), { maxLength: 6 }),
    financial: cents(40000),
    homes: fc.array(fc.integer({ min: 10, max: 120 }), { maxLength: 2 }),
    car: fc.boolean(),
    supporter: fc.boolean(),
    single: fc.boolean(),
    individual: fc.boolean(),
    members: fc.array(memberArb('x'), { minLength: 5, maxLength: 5 }),
    categories: fc.subarray(['MINIMUM_LIVING', 'DESTITUTE', 'NEAR_MINIMUM', 'RIGID_EXPENSE'] as const, { minLength: 1 }),
  })
  .map((r) => {
    const members = r.members.slice(0, r.n).map((m, i) => ({ ...m, id: `m${i}`, coResident: i === 0 ? true : m.coResident }));
    const months = windowMonths(r.date);
    return {
      applicationDate: r.date,
      residence: { county: r.county, area: r.area },
      members,
      income: r.seed.map((s) => ({ memberId: members[s.m % members.length].id, type: s.type, month: months[s.k], amount: s.amount })),
      assets: {
        financial: [{ memberId: 'm0', amount: r.financial }],
        homes: r.homes.map((floorArea) => ({ floorArea })),
        vehicles: r.car ? [{ kind: 'PRIVATE_CAR' as const }] : [],
        enterprises: [],
        nonResidentialProperties: [],
      },
      expenses: r.expenses.map((e) => ({ memberId: members[e.m % members.length].id, type: e.type, month: months[e.k], amount: e.amount })),
      legalSupporters: r.supporter ? [{ relation: 'CHILD' as const, ableToSupport: true }] : [],
      categoriesRequested: [...r.categories],
      singlePersonApplicantId: r.single ? 'm0' : undefined,
      individualInclusionRequested: r.individual,
    } as HouseholdFacts;
  });

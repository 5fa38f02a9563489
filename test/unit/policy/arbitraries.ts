// fast-check generators of schema-valid household facts (shared by property tests).
import fc from 'fast-check';
import {
  ANYANG_COUNTY_CODES,
  AREA_TYPES,
  DISABILITY_TYPES,
  EXPENSE_TYPES,
  INCOME_TYPES,
  RELATIONS,
  VEHICLE_KINDS,
  type HouseholdFacts,
  type Member,
} from '../../../src/core/contracts/household-facts';
import { windowMonths } from './fixtures';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
/** Any day the rules can apply to: from N1/N2's start (2021-07-01) to a year after today, change dates included. */
const FIRST_DAY = Date.UTC(2021, 6, 1);
const LAST_DAY = Date.now() + 366 * DAY;
export const applicationDateArb = fc.oneof(
  fc.integer({ min: 0, max: Math.floor((LAST_DAY - FIRST_DAY) / DAY) }).map((d) => isoDay(FIRST_DAY + d * DAY)),
  fc.constantFrom(
    '2021-07-01',
    '2023-12-31',
    '2024-01-01',
    '2024-06-30',
    '2024-07-01',
    '2025-12-31',
    '2026-01-01',
    isoDay(Date.now()),
  ),
);
/** Age in days on the application date, 0 to 100 years, with the 16 / 18 / 60 birthdays and the days around them. */
const ageDaysArb = fc.oneof(
  fc.integer({ min: 0, max: 36_600 }),
  fc
    .constantFrom(16, 18, 60)
    .chain((years) => fc.integer({ min: -1, max: 1 }).map((d) => Math.round(years * 365.2425) + d)),
);
const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);

const memberArb = (id: string): fc.Arbitrary<Member> =>
  fc.record({
    id: fc.constant(id),
    birthDate: ageDaysArb.map(String), // replaced by a date once the application date is drawn
    relation: fc.constantFrom(...RELATIONS),
    disability: fc.option(
      fc.record({ type: fc.constantFrom(...DISABILITY_TYPES), grade: fc.integer({ min: 1, max: 4 }) }),
      { nil: undefined },
    ),
    labourCapacity: fc.constantFrom('FULL', 'PARTIAL', 'NONE'),
    seriousIllness: fc.boolean(),
    employment: fc.record(
      {
        employed: fc.boolean(),
        placeOfWorkCounty: fc.constantFrom(...ANYANG_COUNTY_CODES),
        placeOfWorkArea: fc.constantFrom(...AREA_TYPES),
      },
      { requiredKeys: ['employed'] },
    ),
    student: fc.boolean(),
    coResident: fc.boolean(),
  }) as fc.Arbitrary<Member>;

export const factsArb: fc.Arbitrary<HouseholdFacts> = fc
  .record({
    date: applicationDateArb,
    county: fc.constantFrom(...ANYANG_COUNTY_CODES),
    area: fc.constantFrom('URBAN' as const, 'RURAL' as const),
    n: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(
      fc.record({ m: fc.nat(), type: fc.constantFrom(...INCOME_TYPES), k: fc.nat(11), amount: cents(3000) }),
      { maxLength: 20 },
    ),
    expenses: fc.array(
      fc.record({ type: fc.constantFrom(...EXPENSE_TYPES), k: fc.nat(11), amount: cents(5000), m: fc.nat() }),
      { maxLength: 6 },
    ),
    financial: cents(40000),
    homes: fc.array(fc.integer({ min: 10, max: 120 }), { maxLength: 2 }),
    vehicles: fc.array(
      fc.record({ kind: fc.constantFrom(...VEHICLE_KINDS), owner: fc.option(fc.nat(), { nil: undefined }) }),
      { maxLength: 2 },
    ),
    enterprises: fc.array(fc.record({ capital: cents(400000), owner: fc.option(fc.nat(), { nil: undefined }) }), {
      maxLength: 2,
    }),
    nonResidential: fc.array(fc.record({ converted: fc.boolean(), owner: fc.option(fc.nat(), { nil: undefined }) }), {
      maxLength: 2,
    }),
    order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    supporter: fc.boolean(),
    single: fc.boolean(),
    individual: fc.boolean(),
    members: fc.array(memberArb('x'), { minLength: 5, maxLength: 5 }),
    categories: fc.subarray(['MINIMUM_LIVING', 'DESTITUTE', 'NEAR_MINIMUM', 'RIGID_EXPENSE'] as const, {
      minLength: 1,
    }),
  })
  .map((r) => {
    const born = (ageDays: string) => isoDay(Date.parse(r.date) - Number(ageDays) * DAY);
    const ordered = r.members
      .slice(0, r.n)
      .map((m, i) => ({ ...m, id: `m${i}`, birthDate: born(m.birthDate), coResident: i === 0 ? true : m.coResident }));
    // Member order shuffled: the applicant need not come first, and no rule may depend on the order.
    const members = ordered
      .map((m, i) => ({ m, k: r.order[i] }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.m);
    const months = windowMonths(r.date);
    const owner = (o: number | undefined) => (o === undefined ? undefined : members[o % members.length].id);
    return {
      applicationDate: r.date,
      residence: { county: r.county, area: r.area },
      members,
      income: r.seed.map((s) => ({
        memberId: members[s.m % members.length].id,
        type: s.type,
        month: months[s.k],
        amount: s.amount,
      })),
      assets: {
        financial: [{ memberId: 'm0', amount: r.financial }],
        homes: r.homes.map((floorArea) => ({ floorArea })),
        vehicles: r.vehicles.map((v) => ({ kind: v.kind, ownerMemberId: owner(v.owner) })),
        enterprises: r.enterprises.map((e) => ({ subscribedCapital: e.capital, ownerMemberId: owner(e.owner) })),
        nonResidentialProperties: r.nonResidential.map((p) => ({
          onlyHomeConvertedToBusiness: p.converted,
          ownerMemberId: owner(p.owner),
        })),
      },
      expenses: r.expenses.map((e) => ({
        memberId: members[e.m % members.length].id,
        type: e.type,
        month: months[e.k],
        amount: e.amount,
      })),
      legalSupporters: r.supporter ? [{ relation: 'CHILD' as const, ableToSupport: true }] : [],
      categoriesRequested: [...r.categories],
      singlePersonApplicantId: r.single ? 'm0' : undefined,
      individualInclusionRequested: r.individual,
    } as HouseholdFacts;
  });

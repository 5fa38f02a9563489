// Seeded synthetic households for the golden test (golden.spec.ts): a wide mix of every
// input the engine reads (single-person applicants, individual inclusion, supporters per
// member, owners of assets, out-of-window and outside-unit items, parameter change dates,
// a stale yearly statistic and the earliest dates). Own PRNG so the set never depends on a library version.
import type { Category, HouseholdFacts, IncomeType, Member } from '../../../src/core/contracts/household-facts';
import { ANYANG_COUNTY_CODES, EXPENSE_TYPES, INCOME_TYPES } from '../../../src/core/contracts/household-facts';
import { prng } from '../../../bench/support/prng';

// Around the 2024-07-01 standard change, year ends (statistics change), a leap day; at the
// edges, a year whose statistic is not entered (used, marked stale) and a date before 2023.
const DATES = [
  '2024-03-15',
  '2024-06-30',
  '2024-07-01',
  '2024-01-01',
  '2023-12-31',
  '2024-02-29',
  '2025-04-08',
  '2025-12-31',
];
const EDGE_DATES = ['2026-01-05', '2022-06-01'];
const RELATIONS = ['SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'GRANDPARENT', 'GRANDCHILD', 'OTHER'] as const;
const DISABILITIES = ['VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE'] as const;
const VEHICLES = ['LIVELIHOOD_SMALL_VEHICLE', 'ORDINARY_MOTORCYCLE', 'DISABILITY_VEHICLE', 'PRIVATE_CAR'] as const;
const CATS: Category[] = ['MINIMUM_LIVING', 'DESTITUTE', 'NEAR_MINIMUM', 'RIGID_EXPENSE'];

function monthAt(date: string, back: number): string {
  const idx = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - back;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

/** A birth date giving an age at or next to a boundary (16, 18, 60) or anywhere. */
function birthDate(r: () => number, date: string): string {
  const y = Number(date.slice(0, 4));
  const md = date.slice(4);
  const u = r();
  if (u < 0.3) {
    const age = [16, 18, 60][Math.floor(r() * 3)];
    const day = r() < 0.5 ? md : '-12-31';
    return md === '-02-29' && day === md ? `${y - age}-03-01` : `${y - age}${day}`;
  }
  return `${1935 + Math.floor(r() * 88)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
}

function yuan(r: () => number, max: number): number {
  return Math.round(r() * max * 100) / 100;
}

export function goldenHousehold(r: () => number): HouseholdFacts {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const date = r() < 0.04 ? pick(EDGE_DATES) : pick(DATES);
  const n = 1 + Math.floor(r() * 8);
  const single = r() < 0.25;
  // Half the households are of working age, so 特困 does not mask 边缘 and 刚性支出.
  const working = r() < 0.5;
  const members: Member[] = [];
  for (let i = 0; i < n; i++) {
    const m: Member = {
      id: `p${i}`,
      birthDate: working
        ? `${1966 + Math.floor(r() * 38)}-0${1 + Math.floor(r() * 9)}-2${Math.floor(r() * 9)}`
        : birthDate(r, date),
      relation: i === 0 ? 'APPLICANT' : pick(RELATIONS),
      labourCapacity: working ? pick(['FULL', 'PARTIAL'] as const) : pick(['FULL', 'PARTIAL', 'NONE'] as const),
      seriousIllness: r() < (working ? 0.25 : 0.15),
      employment: { employed: r() < 0.35 },
      student: r() < 0.2,
      coResident: i === 0 || r() < 0.85,
    };
    if (r() < 0.25) m.disability = { type: pick(DISABILITIES), grade: 1 + Math.floor(r() * 4) };
    if (m.employment.employed && r() < 0.4)
      m.employment = {
        employed: true,
        placeOfWorkCounty: pick(ANYANG_COUNTY_CODES),
        placeOfWorkArea: r() < 0.5 ? 'URBAN' : 'RURAL',
      };
    members.push(m);
  }
  if (single) {
    // Make the single-person rule likely to apply (adult, unemployed, severely disabled, supported).
    const m = members[0];
    if (r() < 0.8) {
      m.birthDate = '1985-05-05';
      m.employment = { employed: false };
      m.disability = { type: pick(DISABILITIES), grade: 1 + Math.floor(r() * 2) };
    }
  }
  const ids = members.map((m) => m.id);
  const someone = () => (r() < 0.03 ? 'nobody' : pick(ids));

  const income: HouseholdFacts['income'] = [];
  const sources = Math.floor(r() * (n + 2));
  for (let s = 0; s < sources; s++) {
    const memberId = someone();
    const type: IncomeType =
      single && s === 0 ? pick(['SIBLING_SUPPORT', 'ELDERLY_SUPPORT'] as const) : pick(INCOME_TYPES);
    const amount = yuan(r, r() < 0.3 ? 1500 : 600);
    const steady = r() < 0.6;
    // Months 1–12 back are the window; 0 and 13–14 back are outside it.
    for (let k = steady ? 1 : 0; k <= (steady ? 12 : 14); k++) {
      if (!steady && r() < 0.5) continue;
      income.push({ memberId, type, month: monthAt(date, k), amount: steady ? amount : yuan(r, 1200) });
    }
  }
  const expenses: HouseholdFacts['expenses'] = [];
  if (working && r() < 0.3) {
    // Above 1.5 × the standard but with heavy medical spending: the 刚性支出 boundary.
    const earner = pick(ids);
    const pay = 1000 + yuan(r, 1500) * n;
    const spend = pay * (0.3 + r() * 0.4);
    for (let k = 1; k <= 12; k++) {
      income.push({ memberId: earner, type: 'OTHER', month: monthAt(date, k), amount: Math.round(pay * 100) / 100 });
      expenses.push({
        memberId: earner,
        type: pick(EXPENSE_TYPES),
        month: monthAt(date, k),
        amount: Math.round(spend * 100) / 100,
      });
    }
  }
  const nExp = r() < (working ? 0.6 : 0.3) ? Math.floor(r() * 20) : 0;
  for (let k = 0; k < nExp; k++) {
    const e = { type: pick(EXPENSE_TYPES), month: monthAt(date, Math.floor(r() * 15)), amount: yuan(r, 3000) };
    expenses.push(r() < 0.2 ? e : { ...e, memberId: someone() });
  }
  const owners = () => (r() < 0.5 ? undefined : [someone()]);
  return {
    applicationDate: date,
    residence: { county: pick(ANYANG_COUNTY_CODES), area: r() < 0.5 ? 'URBAN' : 'RURAL' },
    members,
    income,
    assets: {
      financial: r() < 0.8 ? [{ memberId: someone(), amount: yuan(r, r() < 0.7 ? 20000 : 200000) }] : [],
      homes: Array.from({ length: Math.floor(r() * 3) }, () => {
        const o = owners();
        return o === undefined
          ? { floorArea: 20 + Math.floor(r() * 120) }
          : { floorArea: 20 + Math.floor(r() * 120), ownerMemberIds: o };
      }),
      vehicles:
        r() < 0.2 ? [r() < 0.5 ? { kind: pick(VEHICLES) } : { kind: pick(VEHICLES), ownerMemberId: someone() }] : [],
      enterprises: r() < 0.1 ? [{ subscribedCapital: yuan(r, 400000), ownerMemberId: someone() }] : [],
      nonResidentialProperties: r() < 0.1 ? [{ onlyHomeConvertedToBusiness: r() < 0.5, ownerMemberId: someone() }] : [],
    },
    expenses,
    legalSupporters:
      r() < 0.35
        ? [
            r() < 0.5
              ? { relation: pick(RELATIONS), ableToSupport: r() < 0.5 }
              : { relation: pick(RELATIONS), ableToSupport: r() < 0.7, forMemberIds: [someone()] },
          ]
        : [],
    categoriesRequested: CATS.filter(() => r() < 0.5)
      .concat(['MINIMUM_LIVING'])
      .slice(0, 3),
    ...(single ? { singlePersonApplicantId: r() < 0.9 ? 'p0' : 'nobody' } : {}),
    ...(r() < 0.4 ? { individualInclusionRequested: r() < 0.6 } : {}),
    ...(r() < 0.25 ? { currentCategories: CATS.filter(() => r() < 0.4) } : {}),
  };
}

export function goldenHouseholds(n: number, seed = 6): HouseholdFacts[] {
  const r = prng(seed);
  return Array.from({ length: n }, () => goldenHousehold(r));
}

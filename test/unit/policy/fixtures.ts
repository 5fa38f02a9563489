// Builders for household facts in policy tests: defaults are a valid urban 文峰区 household
// applying on 2024-03-15 (window 2023-03 … 2024-02, standard 630.00 placeholder).
import type { HouseholdFacts, IncomeItem, ExpenseItem, Member } from '../../../src/core/contracts/household-facts';

export const APP = '2024-03-15';

export function member(id: string, birthDate: string, extra: Partial<Member> = {}): Member {
  return {
    id,
    birthDate,
    relation: 'APPLICANT',
    labourCapacity: 'FULL',
    seriousIllness: false,
    employment: { employed: false },
    student: false,
    coResident: true,
    ...extra,
  };
}

/** The 12 months before the application month, oldest first ('YYYY-MM'). */
export function windowMonths(app = APP, n = 12): string[] {
  const y = Number(app.slice(0, 4));
  const m = Number(app.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let k = n; k >= 1; k--) {
    const idx = y * 12 + m - k;
    const yy = Math.floor(idx / 12);
    out.push(`${yy}-${String(idx - yy * 12 + 1).padStart(2, '0')}`);
  }
  return out;
}

export function monthly(memberId: string, type: IncomeItem['type'], amount: number, app = APP): IncomeItem[] {
  return windowMonths(app).map((month) => ({ memberId, type, month, amount }));
}

export function expenseMonthly(type: ExpenseItem['type'], amount: number, memberId?: string, app = APP): ExpenseItem[] {
  return windowMonths(app).map((month) =>
    memberId === undefined ? { type, month, amount } : { memberId, type, month, amount },
  );
}

export function household(p: Partial<HouseholdFacts> & { members: Member[] }): HouseholdFacts {
  return {
    applicationDate: APP,
    residence: { county: '410502', area: 'URBAN' },
    income: [],
    assets: { financial: [], homes: [], vehicles: [], enterprises: [], nonResidentialProperties: [] },
    expenses: [],
    legalSupporters: [],
    categoriesRequested: ['MINIMUM_LIVING'],
    ...p,
  };
}

export function assets(p: Partial<HouseholdFacts['assets']>): HouseholdFacts['assets'] {
  return { financial: [], homes: [], vehicles: [], enterprises: [], nonResidentialProperties: [], ...p };
}

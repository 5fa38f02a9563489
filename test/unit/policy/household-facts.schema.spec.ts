// Bad input is refused with field-level reasons, never coerced.
import { HouseholdFacts } from '../../../src/core/contracts/household-facts';
import { PolicyInputError, defaultParameterStore, evaluateHousehold } from '../../../src/policy';
import { household, member, monthly } from './fixtures';

const ok = household({ members: [member('a', '1984-01-01')], income: monthly('a', 'OTHER', 100) });
const issues = (f: unknown) => {
  const r = HouseholdFacts.safeParse(f);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('HouseholdFacts schema', () => {
  it('accepts a valid household', () => expect(issues(ok)).toEqual([]));

  it('refuses a negative amount at its field', () => {
    const f = { ...ok, income: [{ memberId: 'a', type: 'OTHER', month: '2023-05', amount: -1 }] };
    expect(issues(f)).toEqual([expect.objectContaining({ path: 'income.0.amount', message: '金额不能为负数' })]);
  });

  it('refuses fractions of a cent instead of rounding', () => {
    expect(issues({ ...ok, income: [{ memberId: 'a', type: 'OTHER', month: '2023-05', amount: 1.005 }] })[0].path).toBe(
      'income.0.amount',
    );
  });

  it('refuses a duplicate member id', () => {
    expect(issues({ ...ok, members: [member('a', '1984-01-01'), member('a', '1990-01-01')] })).toEqual([
      expect.objectContaining({ path: 'members.1.id', message: '成员编号 a 重复' }),
    ]);
  });

  it('refuses references to unknown members', () => {
    const f = {
      ...ok,
      income: [{ memberId: 'zz', type: 'OTHER', month: '2023-05', amount: 1 }],
      assets: { ...ok.assets, financial: [{ memberId: 'q', amount: 1 }] },
      singlePersonApplicantId: 'nobody',
    };
    expect(
      issues(f)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['assets.financial.0.memberId', 'income.0.memberId', 'singlePersonApplicantId']);
  });

  it('refuses a county that is not an Anyang county code', () => {
    expect(issues({ ...ok, residence: { county: '410100', area: 'URBAN' } })).toEqual([
      expect.objectContaining({ path: 'residence.county' }),
    ]);
    expect(issues({ ...ok, residence: { county: '410500', area: 'URBAN' } })[0].path).toBe('residence.county');
  });

  it('refuses months outside the 12 months before the application month', () => {
    const f = {
      ...ok,
      income: [
        { memberId: 'a', type: 'OTHER', month: '2023-02', amount: 1 },
        { memberId: 'a', type: 'OTHER', month: '2024-03', amount: 1 },
        { memberId: 'a', type: 'OTHER', month: '2023-03', amount: 1 },
      ],
    };
    expect(issues(f).map((i) => i.path)).toEqual(['income.0.month', 'income.1.month']);
  });

  it('refuses impossible dates, unknown enums and empty members', () => {
    expect(issues({ ...ok, applicationDate: '2024-02-30' })[0].path).toBe('applicationDate');
    expect(issues({ ...ok, members: [{ ...member('a', '1984-01-01'), labourCapacity: 'SOME' }] })[0].path).toBe(
      'members.0.labourCapacity',
    );
    expect(issues({ ...ok, members: [] })[0].path).toBe('members');
    expect(
      issues({ ...ok, members: [member('a', '1984-01-01', { disability: { type: 'PHYSICAL', grade: 5 } })] })[0].path,
    ).toBe('members.0.disability.grade');
  });

  it('the engine refuses a date outside every parameter version with a typed error', () => {
    const f = household({ applicationDate: '2021-06-30', members: [member('a', '1984-01-01')] });
    expect(() => evaluateHousehold(f, defaultParameterStore())).toThrow(
      expect.objectContaining({ code: 'PARAMETER_NOT_IN_FORCE' }),
    );
    expect(() => evaluateHousehold(f, defaultParameterStore())).toThrow(PolicyInputError);
  });
});

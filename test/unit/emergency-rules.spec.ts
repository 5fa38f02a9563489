import { choosePath, emergencyLimits } from '../../src/emergency/emergency.service';
import { defaultParameterStore, temporaryAssistanceIncomeTest } from '../../src/policy';

// Pure rules of emergency aid and 一事一议 as tables: the emergency path from the county's limits, and the
// expense-type income test against the previous-year disposable income.

const params = defaultParameterStore();
const limits = emergencyLimits(params, '410502', '2026-11-29');

describe('emergency path (processes.md §3 RECEIVED)', () => {
  it('reads both limits, with their sources, from the parameter store', () => {
    expect(limits).toMatchObject({ townshipApprovalLimit: 2000, countyApprovalLimit: 30000 });
    expect(limits.refs.map((r) => r.id)).toEqual([
      'emergency_aid.township_approval_limit',
      'emergency_aid.county_approval_limit',
    ]);
  });

  it.each([
    [
      'ordinary, at the township limit',
      { kind: 'SUDDEN', severity: 'ORDINARY', amount: 2000, complex: false },
      'SMALL_AMOUNT',
    ],
    ['ordinary, just above it', { kind: 'SUDDEN', severity: 'ORDINARY', amount: 2000.01, complex: false }, 'AID_FIRST'],
    ['severe, small', { kind: 'SUDDEN', severity: 'SEVERE', amount: 500, complex: false }, 'AID_FIRST'],
    ['severe, at the county limit', { kind: 'SUDDEN', severity: 'SEVERE', amount: 30000, complex: false }, 'AID_FIRST'],
    [
      'above the county limit',
      { kind: 'SUDDEN', severity: 'SEVERE', amount: 30000.01, complex: false },
      'DELIBERATION',
    ],
    ['expense type', { kind: 'EXPENSE', severity: 'ORDINARY', amount: 8000, complex: false }, 'EXPENSE_TYPE'],
    [
      'expense type above the county limit',
      { kind: 'EXPENSE', severity: 'ORDINARY', amount: 40000, complex: false },
      'DELIBERATION',
    ],
    ['marked complex', { kind: 'SUDDEN', severity: 'ORDINARY', amount: 100, complex: true }, 'DELIBERATION'],
  ] as const)('%s → %s', (_name, body, path) => {
    expect(choosePath(body, limits)).toBe(path);
  });

  it('a requested small-amount path above the township limit is refused (403) naming the limit', () => {
    const error = (() => {
      try {
        choosePath(
          { kind: 'SUDDEN', severity: 'ORDINARY', amount: 2500, complex: false, path: 'SMALL_AMOUNT' },
          limits,
        );
      } catch (e) {
        return e as { getStatus(): number; message: string };
      }
      return null;
    })();
    expect(error?.getStatus()).toBe(403);
    expect(error?.message).toContain('2000.00 元');
  });
});

describe('expense-type income test (previous-year disposable income)', () => {
  it.each([
    ['rural 文峰区 2024, well below', '2024-06-01', 'RURAL', 3, 30000, 20000, true, 3333.33, 19700],
    ['rural, exactly at the threshold is not below', '2024-06-01', 'RURAL', 1, 19700, 0, false, 19700, 19700],
    ['urban 2023 uses the 2022 figure', '2023-06-01', 'URBAN', 2, 80000, 5000, true, 37500, 38500],
    ['expenses above income count as zero income', '2024-06-01', 'URBAN', 2, 10000, 50000, true, 0, 40000],
  ] as const)('%s', (_n, date, area, size, income, expenses, eligible, perCapita, threshold) => {
    const r = temporaryAssistanceIncomeTest(
      { date, county: '410502', area, householdSize: size, annualIncome: income, rigidExpenses: expenses },
      params,
    );
    expect(r).toMatchObject({ eligible, perCapitaIncome: perCapita, threshold });
    expect(r.parameter.id).toBe('statistics.previous_year_disposable_income');
    expect(r.reasonZh).toContain(eligible ? '低于' : '不低于');
  });

  it('a stale previous-year figure is named in the reason, as in every determination', () => {
    const stale = temporaryAssistanceIncomeTest(
      { date: '2026-12-01', county: '410502', area: 'URBAN', householdSize: 2, annualIncome: 30000, rigidExpenses: 0 },
      params,
    );
    expect(stale.parameter.stale).toEqual({ figureYear: 2023, expectedYear: 2025 });
    expect(stale.reasonZh).toBe(
      '家庭扣除刚性支出后的人均年收入 15000.00 元，低于上年度当地城镇居民人均可支配收入 40000.00 元，符合支出型临时救助收入条件（注：2025 年度统计数据尚未录入，暂按 2023 年度数据计算，已提醒管理员补录）',
    );
    const current = temporaryAssistanceIncomeTest(
      { date: '2024-06-01', county: '410502', area: 'URBAN', householdSize: 2, annualIncome: 30000, rigidExpenses: 0 },
      params,
    );
    expect(current.parameter.stale).toBeUndefined();
    expect(current.reasonZh).not.toContain('注：');
  });
});

// The engine decides on the dates staff use: today, this year, next year. A yearly statistic
// that is not entered yet is used with a STALE marker, never a refusal.
import {
  ParameterStore,
  DEFAULT_PARAMETERS,
  PARAMETER_IDS as P,
  defaultParameterStore,
  evaluateHousehold,
  PolicyInputError,
} from '../../../src/policy';
import { expenseMonthly, household, member, monthly } from './fixtures';

const store = defaultParameterStore();
const isoToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // China Standard Time

describe("determinations on today's date", () => {
  it("a household asking only for 低保 on today's date gets a determination", () => {
    const today = isoToday();
    const f = household({
      applicationDate: today,
      members: [member('a', '1950-01-01')],
      income: monthly('a', 'WAGE', 100, today),
    });
    const d = evaluateHousehold(f, store);
    expect(d.applicationDate).toBe(today);
    expect(d.categories.MINIMUM_LIVING.status).toBe('eligible');
  });

  it('on 2026-12-01 a 低保 household is decided and the 刚性支出 income test uses the 2023 figure, marked stale', () => {
    const date = '2026-12-01';
    const f = household({
      applicationDate: date,
      categoriesRequested: ['RIGID_EXPENSE'],
      members: [member('a', '1980-01-01'), member('b', '1982-01-01', { relation: 'SPOUSE' })],
      income: monthly('a', 'WAGE', 3000, date),
      expenses: expenseMonthly('MEDICAL', 2000, 'b', date),
    });
    const d = evaluateHousehold(f, store);
    const income = d.categories.RIGID_EXPENSE.reasons.find((r) => r.ruleId === 'RIGID_EXPENSE.INCOME');
    expect(income?.parameters[0]).toMatchObject({
      id: P.PREVIOUS_YEAR_DISPOSABLE_INCOME,
      version: '2023-figure',
      stale: { figureYear: 2023, expectedYear: 2025 },
    });
    expect(income?.zh).toBe(
      '家庭年人均收入 18000.00 元 < 上年度当地居民人均可支配收入 40000.00 元（注：2025 年度统计数据尚未录入，暂按 2023 年度数据计算，已提醒管理员补录）',
    );
    expect(d.categories.RIGID_EXPENSE.status).toBe('eligible');
    expect(d.parametersUsed.find((r) => r.id === P.PREVIOUS_YEAR_DISPOSABLE_INCOME)?.stale).toEqual({
      figureYear: 2023,
      expectedYear: 2025,
    });
  });

  it('every date from 2021-07-01 to the end of next year gets a determination', () => {
    const end = Date.UTC(new Date().getUTCFullYear() + 1, 11, 31);
    for (let t = Date.UTC(2021, 6, 1); t <= end; t += 86_400_000 * 7) {
      const date = new Date(t).toISOString().slice(0, 10);
      const f = household({
        applicationDate: date,
        residence: { county: '410527', area: 'RURAL' },
        categoriesRequested: ['MINIMUM_LIVING', 'DESTITUTE', 'NEAR_MINIMUM', 'RIGID_EXPENSE'],
        members: [member('a', '1950-01-01')],
      });
      expect(() => evaluateHousehold(f, store)).not.toThrow();
    }
  });

  it('a 低保 evaluation does not fail for a parameter only 刚性支出 reads', () => {
    // A store without any disposable-income figure: 低保 is still decided; 刚性支出 alone says why it cannot be.
    const without = new ParameterStore(DEFAULT_PARAMETERS.filter((v) => v.id !== P.PREVIOUS_YEAR_DISPOSABLE_INCOME));
    const f = household({ applicationDate: '2026-12-01', members: [member('a', '1950-01-01')] });
    const d = evaluateHousehold(f, without);
    expect(d.categories.MINIMUM_LIVING.status).toBe('eligible');
    expect(d.categories.RIGID_EXPENSE.status).toBe('needs_review');
    expect(d.categories.RIGID_EXPENSE.reasons[0]).toMatchObject({ ruleId: 'PARAMETER.MISSING', outcome: 'review' });
    expect(d.categories.RIGID_EXPENSE.reasons[0].zh).toContain('statistics.previous_year_disposable_income');
  });

  it("the engine's refusals carry Chinese text for the person", () => {
    const f = household({ applicationDate: '2021-06-30', members: [member('a', '1950-01-01')] });
    expect(() => evaluateHousehold(f, store)).toThrow(PolicyInputError);
    expect(() => evaluateHousehold(f, store)).toThrow(/没有生效的版本/);
  });
});

describe('employment cost 同期 (seed 二(四)5)', () => {
  it('each wage month deducts 30% of the urban standard in force in that month, one line per standard version', () => {
    // Window 2023-10 … 2024-09 across the 2024-07-01 change: 9 months × 189.00 (30% of 630) + 3 months × 198.00 (30% of 660).
    const date = '2024-10-15';
    const f = household({
      applicationDate: date,
      members: [member('a', '1980-01-01', { employment: { employed: true } })],
      income: monthly('a', 'WAGE', 3000, date),
    });
    const lines = evaluateHousehold(f, store).categories.MINIMUM_LIVING.income.lines.filter(
      (l) => l.code === 'EMPLOYMENT_COST',
    );
    expect(lines.map((l) => l.amount)).toEqual([1701, 594]);
    const d = evaluateHousehold(f, store);
    expect(d.categories.MINIMUM_LIVING.income.total).toBe(36000 - 2295);
  });
});

describe('特困 minors (N2 Art.5)', () => {
  const date = '2026-12-01';
  const alone = (birthDate: string, extra: object = {}, current = true) =>
    household({
      applicationDate: date,
      categoriesRequested: ['DESTITUTE'],
      ...(current ? { currentCategories: ['DESTITUTE'] as const } : {}),
      members: [member('c', birthDate, { labourCapacity: 'FULL', ...extra })],
    });

  it('a 特困 minor of 17 stays covered; the same 17-year-old applying anew has capacity to work', () => {
    const covered = evaluateHousehold(alone('2009-06-01'), store).categories.DESTITUTE;
    expect(covered.status).toBe('eligible');
    expect(covered.reasons[0]).toMatchObject({
      ruleId: 'DESTITUTE.NO_WORK_CAPACITY',
      outcome: 'pass',
      zh: '成员 c（17 周岁）为特困人员中的未成年人，继续享受救助供养至 18 周岁（在校就读的可延长）',
    });
    expect(covered.reasons[0].parameters.map((p) => p.id)).toEqual([
      P.DESTITUTE_MINOR_AGE,
      P.DESTITUTE_MINOR_COVERAGE_AGE,
    ]);
    expect(evaluateHousehold(alone('2009-06-01', {}, false), store).categories.DESTITUTE.status).toBe('ineligible');
  });

  it('at 18 the coverage ends; still in school, the school is verified by a person', () => {
    expect(evaluateHousehold(alone('2008-06-01'), store).categories.DESTITUTE.status).toBe('ineligible');
    const student = evaluateHousehold(alone('2008-06-01', { student: true }), store).categories.DESTITUTE;
    expect(student.status).toBe('needs_review');
    expect(student.reasons[0]).toMatchObject({
      outcome: 'review',
      zh: '成员 c（18 周岁）为特困人员，年满 18 周岁仍在校就读：在义务教育、普通高中或中等职业学校就读的继续享受救助供养，须核实',
    });
  });
});

import { noticeText } from '../../src/applications/notices';
import type { NoticeKind } from '../../src/core/notice-kinds';
import { ApplicationCategory } from '../../src/core/contracts/application';
import { Department, DEPARTMENT_NAMES_ZH, type Measure } from '../../src/core/contracts/deliberation';
import { AREA_TYPES, CATEGORY_NAMES_ZH } from '../../src/core/contracts/household-facts';
import { deliberationReasonsZh, emergencyNotice, type EmergencyNoticeKind } from '../../src/emergency/notices';
import { lifecycleNoticeText, type LifecycleNoticeKind } from '../../src/enrolment/notices';
import { defaultParameterStore, evaluateHousehold, temporaryAssistanceIncomeTest } from '../../src/policy';
import { deliberatedAmount } from '../../src/core/deliberated-aid';
import { codesIn } from '../support/no-codes';
import { goldenHouseholds } from './policy/golden-households';

// Every notice builder, with every kind and every code it can name, and every reason the
// policy engine writes for the golden households: a person reads Chinese names, never a code.

const DATE = '2026-12-04';
const NOTICE_KINDS: NoticeKind[] = [
  'SUPPLEMENT_REQUEST',
  'SUPPLEMENT_EXPIRED',
  'INADMISSIBLE',
  'WITHDRAWN',
  'TERMINATED_NON_COOPERATION',
  'DECISION_APPROVED',
  'DECISION_REFUSED',
];
const LIFECYCLE_KINDS: LifecycleNoticeKind[] = [
  'RECHECK_REDUCED',
  'RECHECK_INCREASED',
  'PHASE_OUT_STARTED',
  'EXITED',
  'EXPIRED',
];
const EMERGENCY_KINDS: EmergencyNoticeKind[] = ['PAID', 'REFUSED', 'DELIBERATED', 'CLOSED_BY_SUPERVISOR'];
/** One measure per department, the civil-affairs ones carrying the case's amount. */
const measures: Measure[] = Department.options.map((department, i) => ({
  item: `救助措施${i + 1}`,
  amount: department === 'HEALTH' ? null : 1000 * (i + 1),
  department,
  dueOn: '2099-01-01',
}));

describe('notice builders name codes in Chinese', () => {
  it.each(ApplicationCategory.options)('application notices of %s', (category) => {
    for (const kind of NOTICE_KINDS) {
      const text = noticeText({
        kind,
        category,
        items: ['户口簿'],
        reasons: ['家庭人均收入高于保障标准'],
        monthlyAmount: 630,
        startMonth: '2026-12',
        explanation: ['共同生活家庭成员 3 人'],
        date: DATE,
      });
      expect(text).toContain(CATEGORY_NAMES_ZH[category]);
      expect({ kind, codes: codesIn(text) }).toEqual({ kind, codes: [] });
    }
  });

  it('an approval states the monthly amount for 低保 and 特困 only; 低保边缘 and 刚性支出 are told their entitlements come from departments', () => {
    const approval = (category: ApplicationCategory) =>
      noticeText({
        kind: 'DECISION_APPROVED',
        category,
        monthlyAmount: 0,
        startMonth: '2026-12',
        explanation: [],
        date: DATE,
      });
    for (const category of ['MINIMUM_LIVING', 'DESTITUTE'] as const)
      expect(approval(category)).toContain('月保障金额 0.00 元');
    for (const category of ['NEAR_MINIMUM', 'RIGID_EXPENSE'] as const) {
      expect(approval(category)).not.toMatch(/金额|元/);
      expect(approval(category)).toContain('不按月发放保障金');
      expect(approval(category)).toContain('由相关部门按规定落实');
    }
  });

  it('an expired recognition names the day it ended and that the household may apply again', () => {
    const text = lifecycleNoticeText({
      kind: 'EXPIRED',
      category: 'RIGID_EXPENSE',
      reasons: ['刚性支出困难家庭认定有效期已于 2027-12-01 届满，期满前未经复核确认仍符合条件'],
      endsOn: '2027-12-01',
      date: DATE,
    });
    expect(text).toContain('刚性支出困难家庭认定期满终止通知书');
    expect(text).toContain('认定有效期已于 2027-12-01 届满');
    expect(text).toContain('可以重新提出申请');
  });

  it.each(ApplicationCategory.options)('lifecycle notices of %s', (category) => {
    for (const kind of LIFECYCLE_KINDS) {
      const text = lifecycleNoticeText({
        kind,
        category,
        reasons: ['家庭人均收入变化'],
        amount: 300,
        fromMonth: '2027-01',
        endsOn: '2027-06-30',
        date: DATE,
      });
      expect(text).toContain(CATEGORY_NAMES_ZH[category]);
      expect({ kind, codes: codesIn(text) }).toEqual({ kind, codes: [] });
    }
  });

  it('emergency notices of every kind, and a 一事一议 decision naming every department', () => {
    for (const kind of EMERGENCY_KINDS) {
      for (const outcome of ['APPROVE', 'REJECT', null] as const) {
        const text = emergencyNotice(
          kind,
          2500,
          ['情况属实'],
          kind === 'DELIBERATED' ? { outcome, measures, closedReason: '召集人结案' } : undefined,
        );
        expect({ kind, outcome, codes: codesIn(text) }).toEqual({ kind, outcome, codes: [] });
      }
    }
    const approved = emergencyNotice('DELIBERATED', deliberatedAmount(measures), [], {
      outcome: 'APPROVE',
      measures,
      closedReason: null,
    });
    for (const department of Department.options)
      expect(approved).toContain(`责任单位：${DEPARTMENT_NAMES_ZH[department]}`);
    expect(approved).toContain('经批准的临时救助金共计 1000.00 元，已按规定发放');
    expect(deliberationReasonsZh({ outcome: 'APPROVE', measures, closedReason: null }).flatMap(codesIn)).toEqual([]);
  });

  it('the 一事一议 amount of the case: the civil-affairs measures with an amount, to the cent', () => {
    const m = (department: Department, amount: number | null): Measure => ({
      item: 'x',
      amount,
      department,
      dueOn: '2099-01-01',
    });
    expect(deliberatedAmount([m('CIVIL_AFFAIRS', 40_000)])).toBe(40_000);
    expect(deliberatedAmount([m('CIVIL_AFFAIRS', 0.1), m('CIVIL_AFFAIRS', 0.2), m('HEALTH', 15_000)])).toBe(0.3);
    expect(deliberatedAmount([m('HEALTH', 15_000), m('CIVIL_AFFAIRS', null)])).toBeNull();
  });

  it.each(AREA_TYPES)('the emergency income test of a %s household names its area in Chinese', (area) => {
    const r = temporaryAssistanceIncomeTest(
      { date: '2024-06-30', county: '410502', area, householdSize: 3, annualIncome: 30_000, rigidExpenses: 0 },
      defaultParameterStore(),
    );
    expect(codesIn(r.reasonZh)).toEqual([]);
  });

  it('every Chinese reason of the golden households (rigid-expense exclusion included) names categories in Chinese', () => {
    const texts = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string') {
        if (/[\u4e00-\u9fff]/.test(v)) texts.add(v);
      } else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x);
    };
    for (const facts of goldenHouseholds(400)) {
      try {
        collect(JSON.parse(JSON.stringify(evaluateHousehold(facts, defaultParameterStore()))));
      } catch (e) {
        collect((e as Error).message);
      }
    }
    const exclusions = [...texts].filter((t) => t.startsWith('已属于或符合'));
    expect(exclusions.length).toBeGreaterThan(0);
    expect(exclusions.some((t) => t.includes(CATEGORY_NAMES_ZH.MINIMUM_LIVING))).toBe(true);
    expect([...texts].filter((t) => codesIn(t).length > 0)).toEqual([]);
  });
});

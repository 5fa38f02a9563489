import type { RecheckEngineResult } from '../../src/core/contracts/enrolment';
import { addRefusals, endStreaks, workRefusalReduction } from '../../workflows/enrolment/rules';

// Three unjustified work refusals (seed 二(四)5, N1): the refusing member's share is withdrawn.

const engine = (over: Partial<RecheckEngineResult> = {}): RecheckEngineResult => ({
  factsVersion: 1,
  status: 'eligible',
  monthlyAmount: 1001,
  membersIncluded: ['p1', 'p2', 'p3'],
  reasonsZh: [],
  ...over,
});

describe('work refusal reduction', () => {
  it('adds per-member counts', () => {
    expect(addRefusals({ p1: 2 }, { p1: 1, p2: 1 })).toEqual({ p1: 3, p2: 1 });
    expect(addRefusals(undefined, undefined)).toEqual({});
  });

  it('a member who accepted suitable work starts again from 0 (consecutive refusals, seed 二(四)5)', () => {
    expect(endStreaks({ p1: 3, p2: 2 }, ['p1'])).toEqual({ p2: 2 });
    expect(addRefusals(endStreaks({ p1: 2 }, ['p1']), { p1: 1 })).toEqual({ p1: 1 });
    expect(workRefusalReduction(engine(), addRefusals(endStreaks({ p2: 2 }, ['p2']), { p2: 1 }), 3)).toBeNull();
    expect(endStreaks(undefined, undefined)).toEqual({});
  });

  it('nothing below the limit, nor for a member the engine does not include, nor when ineligible', () => {
    expect(workRefusalReduction(engine(), { p1: 2 }, 3)).toBeNull();
    expect(workRefusalReduction(engine(), { p9: 5 }, 3)).toBeNull();
    expect(workRefusalReduction(engine({ status: 'ineligible' }), { p1: 3 }, 3)).toBeNull();
  });

  it('withdraws the per-capita share of each member at the limit (to the cent), stops when all are', () => {
    expect(workRefusalReduction(engine(), { p2: 3 }, 3)).toEqual({
      memberIds: ['p2'],
      membersIncluded: ['p1', 'p3'],
      monthlyAmount: 667.33,
      reasonZh: '家庭成员 p2 无正当理由连续拒绝就业达 3 次，减发其本人份额',
    });
    const all = workRefusalReduction(engine({ membersIncluded: ['p1'] }), { p1: 4 }, 3);
    expect(all).toMatchObject({ monthlyAmount: 0, membersIncluded: [] });
    expect(all?.reasonZh).toContain('停发');
  });
});

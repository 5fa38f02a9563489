// The determination builds its explanation (reasons, income lines, parameters cited) on
// first read or when serialised. Reading it as plain properties must give exactly the
// data of its JSON, whatever is read first, and serialising twice must give the same text.
import type { Determination } from '../../../src/core/contracts/policy-determination';
import { CATEGORY_PRECEDENCE } from '../../../src/core/contracts/policy-determination';
import { defaultParameterStore, evaluateHousehold } from '../../../src/policy';
import { goldenHouseholds } from './golden-households';

const store = defaultParameterStore();

function evaluated(): Determination[] {
  const out: Determination[] = [];
  for (const f of goldenHouseholds(120)) {
    try {
      out.push(evaluateHousehold(f, store));
    } catch {
      // refused facts: covered by the golden test
    }
  }
  return out;
}

/** The determination read field by field, as a consumer does, into plain data. */
function readAsPlainData(d: Determination): unknown {
  const categories: Record<string, unknown> = {};
  for (const c of CATEGORY_PRECEDENCE) {
    const r = d.categories[c];
    categories[c] = {
      category: r.category,
      requested: r.requested,
      status: r.status,
      basis: r.basis,
      membersIncluded: [...r.membersIncluded],
      monthlyPerCapitaIncome: r.monthlyPerCapitaIncome,
      income: { ...r.income, lines: r.income.lines.map((l) => ({ ...l })) },
      proposedMonthlyBenefit: r.proposedMonthlyBenefit,
      reasons: r.reasons.map((x) => ({
        ruleId: x.ruleId,
        outcome: x.outcome,
        zh: x.zh,
        en: x.en,
        parameters: x.parameters.map((p) => ({ ...p })),
      })),
    };
  }
  return {
    applicationDate: d.applicationDate,
    county: d.county,
    area: d.area,
    categories,
    recommendedCategory: d.recommendedCategory,
    notDetermined: d.notDetermined.map((n) => ({ ...n })),
    parametersUsed: d.parametersUsed.map((p) => ({ ...p })),
  };
}

describe('lazily explained determinations', () => {
  const determinations = evaluated();

  it('evaluates enough households to mean something', () => {
    expect(determinations.length).toBeGreaterThan(80);
  });

  it('property reads give the same data as the JSON (read before serialising)', () => {
    for (const d of determinations) {
      const read = readAsPlainData(d);
      expect(read).toEqual(JSON.parse(JSON.stringify(d)));
    }
  });

  it('serialising before or after reading gives the same text', () => {
    const households = goldenHouseholds(120);
    for (let i = 0; i < 40; i++) {
      let first: Determination;
      try {
        first = evaluateHousehold(households[i], store);
      } catch {
        continue;
      }
      const before = JSON.stringify(first);
      // A later evaluation reuses scratch buffers: the earlier result must not change.
      try {
        evaluateHousehold(households[i + 1], store);
      } catch {
        // a refused household still runs the engine's first steps
      }
      readAsPlainData(first);
      expect(JSON.stringify(first)).toBe(before);
    }
  });
});

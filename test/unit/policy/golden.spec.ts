// Golden test: the determinations of seeded synthetic households, serialised exactly as
// the API returns them, must not change when the engine is optimised or refactored.
// The fixture is gzipped JSON lines (one determination or refusal per household).
// Regenerate deliberately (after a reviewed rule change) with
//   UPDATE_GOLDEN=1 npx jest --selectProjects unit --testPathPatterns test/unit/policy/golden
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { HouseholdFacts } from '../../../src/core/contracts/household-facts';
import { DEFAULT_PARAMETERS, ParameterStore, defaultParameterStore, evaluateHousehold } from '../../../src/policy';
import { goldenHouseholds } from './golden-households';

const FIXTURE = join(__dirname, 'golden-determinations.jsonl.gz');
const N = 400;

// Two counties pay by tiers, so both benefit methods are covered.
const tiersStore = new ParameterStore([
  ...DEFAULT_PARAMETERS,
  {
    id: 'minimum_living.payment_method',
    version: 'test',
    validFrom: '2023-01-01',
    division: '410502',
    value: 'TIERS',
    unit: 'ENUM',
    citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT', note: '测试：县级选择分档' }],
  },
  {
    id: 'minimum_living.payment_method',
    version: 'test',
    validFrom: '2023-01-01',
    division: '410522',
    value: 'TIERS',
    unit: 'ENUM',
    citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT', note: '测试：县级选择分档' }],
  },
]);

/** The API's JSON for one household, or the refusal it raises (also part of the behaviour). */
function determinationJson(facts: HouseholdFacts, i: number): string {
  try {
    return JSON.stringify(evaluateHousehold(facts, i % 2 === 0 ? defaultParameterStore() : tiersStore));
  } catch (e) {
    const err = e as { name: string; code?: string; message: string; path?: unknown };
    return JSON.stringify({ error: { name: err.name, code: err.code, message: err.message, path: err.path } });
  }
}

function allLines(): string[] {
  return goldenHouseholds(N).map(determinationJson);
}

describe('golden determinations', () => {
  if (process.env.UPDATE_GOLDEN === '1') {
    it('writes the fixture', () => {
      writeFileSync(FIXTURE, gzipSync(allLines().join('\n') + '\n', { level: 9 }));
    });
    return;
  }

  const expected = gunzipSync(readFileSync(FIXTURE)).toString('utf8').trimEnd().split('\n');

  it(`covers ${N} households`, () => {
    expect(expected).toHaveLength(N);
  });

  it('every determination serialises exactly as recorded', () => {
    const actual = allLines();
    for (let i = 0; i < N; i++) {
      if (actual[i] !== expected[i])
        expect({ household: i, json: JSON.parse(actual[i]) as unknown }).toEqual({
          household: i,
          json: JSON.parse(expected[i]) as unknown,
        });
      expect(actual[i]).toBe(expected[i]);
    }
  });

  it('evaluating twice in a row gives the same JSON (no state leaks between households)', () => {
    const households = goldenHouseholds(N);
    for (const i of [0, 1, 7, 42]) expect(determinationJson(households[i], i)).toBe(expected[i]);
  });
});

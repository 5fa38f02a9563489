import { ApplicationCategory } from '../../src/core/contracts/application';
import { DEFAULT_PARAMETERS, PARAMETER_IDS } from '../../src/policy';
import { recheckLimit } from '../../workflows/enrolment/recheck-limits';

describe('recheck time limits', () => {
  it('every category the recheck workflow can meet has both step limits, each with its source', () => {
    for (const category of ApplicationCategory.options) {
      for (const step of ['investigation', 'decision'] as const) {
        const id = recheckLimit(step, category);
        expect(Object.values(PARAMETER_IDS)).toContain(id);
        const version = DEFAULT_PARAMETERS.find((v) => v.id === id);
        expect(version).toMatchObject({
          unit: 'WORKING_DAYS',
          citations: expect.arrayContaining([
            expect.objectContaining({ sourceId: expect.stringMatching(/^(MCA_|ANYANG_PLAN_)/) as unknown }),
          ]) as unknown,
        });
      }
    }
  });
});

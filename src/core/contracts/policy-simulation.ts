import { z } from 'zod';
import { ApplicationCategory } from './application';
import { ANYANG_CITY_CODE, ANYANG_COUNTY_CODES, AREA_TYPES, IsoDate } from './household-facts';
import { PARAMETER_UNITS, ParameterValueInput } from './parameter-change';
import { Text } from './text';

// What-if (policy administration): draft parameter versions from an effective date, run over
// every enrolled case and open application in scope from the facts on record. Read only.

export const DraftVersion = z.strictObject({
  parameterId: Text({ max: 100 }),
  value: ParameterValueInput,
  unit: z.enum(PARAMETER_UNITS),
  division: z.enum([ANYANG_CITY_CODE, ...ANYANG_COUNTY_CODES]),
  area: z.enum(AREA_TYPES).optional(),
});
export type DraftVersion = z.infer<typeof DraftVersion>;

export const SimulationBody = z.strictObject({
  effectiveDate: IsoDate,
  drafts: z.array(DraftVersion).min(1, '至少一个参数草案').max(20),
  scope: z
    .strictObject({
      /** Counties (all nine when absent). */
      counties: z.array(z.enum(ANYANG_COUNTY_CODES)).min(1).optional(),
      /** Categories (all four when absent). */
      categories: z.array(ApplicationCategory).min(1).optional(),
    })
    .default({}),
});
export type SimulationBody = z.infer<typeof SimulationBody>;

export interface SimulationScope {
  counties: string[];
  categories: ApplicationCategory[];
}

/** Where a run is in the registry: enrolled cases first, then open applications, by id. */
export interface SimulationCursor {
  kind: 'ENROLLED' | 'APPLICATION';
  after: string | null;
}

export interface SimulationInput {
  simulationId: string;
  /** Where a continued run resumes (absent at the start). */
  cursor?: SimulationCursor;
}

export type SimulationStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

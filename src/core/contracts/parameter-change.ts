import { z } from 'zod';
import { ANYANG_CITY_CODE, ANYANG_COUNTY_CODES, AREA_TYPES, IsoDate } from './household-facts';
import type { ActorRef } from './determination';
import { Text } from './text';

// A parameter change (policy administration): an administrator proposes a new version of a
// policy parameter, a second person approves or rejects it (four eyes). The proposal's
// content is checked by the API before anything is stored; the workflow holds the decision.

export const PARAMETER_UNITS = [
  'YUAN_PER_PERSON_MONTH',
  'YUAN_PER_PERSON_YEAR',
  'YUAN',
  'RATIO',
  'YEARS',
  'MONTHS',
  'WORKING_DAYS',
  'NATURAL_DAYS',
  'MINUTES',
  'SQUARE_METRES_PER_PERSON',
  'COUNT',
  'ENUM',
  'LIST',
  'TABLE',
] as const;

const TableRow = z.record(Text({ max: 50, trim: false }), z.union([z.number(), Text({ max: 200 })]));

/** The value of a version: a number, a code, a list of codes or a table (tiers). */
export const ParameterValueInput = z.union([
  z.number(),
  Text({ max: 200 }),
  z.array(Text({ max: 100 })).max(100),
  z.array(TableRow).min(1).max(50),
]);

/** The document that decides the change (文号、标题、发文机关、日期). */
export const DecidingDocument = z.strictObject({
  docNo: Text({ max: 100 }),
  title: Text({ max: 200 }),
  issuer: Text({ max: 100 }).optional(),
  issuedOn: IsoDate,
});
export type DecidingDocument = z.infer<typeof DecidingDocument>;

/** A further citation of the registry (src/policy/sources.ts) by id and article. */
export const CitationInput = z.strictObject({
  sourceId: Text({ max: 100 }),
  article: Text({ max: 100 }).optional(),
  note: Text({ max: 200 }).optional(),
});

export const ParameterProposalBody = z.strictObject({
  value: ParameterValueInput,
  unit: z.enum(PARAMETER_UNITS),
  validFrom: IsoDate,
  /** The city (410500) for the default of every county, or one county's own value. */
  division: z.enum([ANYANG_CITY_CODE, ...ANYANG_COUNTY_CODES]),
  area: z.enum(AREA_TYPES).optional(),
  document: DecidingDocument,
  /** The article of the deciding document the figure is in. */
  article: Text({ max: 100 }).optional(),
  citations: z.array(CitationInput).max(10).optional(),
  note: Text({ max: 500, multiline: true }).optional(),
});
export type ParameterProposalBody = z.infer<typeof ParameterProposalBody>;

export const ParameterDecisionBody = z.strictObject({
  decision: z.enum(['APPROVE', 'REJECT']),
  reason: Text({ max: 500, multiline: true, tooShort: '须填写审批理由' }),
});
export type ParameterDecision = z.infer<typeof ParameterDecisionBody>;

export type ProposalStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** What the parameter-change workflow is started with (no personal data: ids and codes). */
export interface ParameterChangeInput {
  proposalId: string;
  parameterId: string;
  division: string;
  validFrom: string;
  /** The proposer's user id: may not decide (four eyes). */
  proposedBy: string;
}

export interface ParameterChangeState {
  proposalId: string;
  status: ProposalStatus;
  taskId: string;
  decidedBy?: string;
}

/** What the approval activity is told (the decision as the workflow accepted it). */
export interface ParameterDecided {
  proposalId: string;
  decision: ParameterDecision['decision'];
  reason: string;
  actor: ActorRef;
  requestId: string;
}

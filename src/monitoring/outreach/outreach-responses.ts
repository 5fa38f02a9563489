import { z } from 'zod';

// The success bodies of the outreach routes, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

const Id = z.guid();
const Division = z.string().regex(/^\d{6,12}$/);
const Kind = z.enum(['ROUTINE', 'SURVEY']);
const Outcome = z.enum(['NO_CHANGE', 'RAISE_WARNING', 'CHANGE_REPORT']);

export const OutreachVisitsBody = z.looseObject({
  householdId: Id,
  items: z.array(
    z.looseObject({
      id: Id,
      kind: Kind,
      surveyId: Id.nullable(),
      taskId: Id,
      villageCode: Division,
      visitor: z.string(),
      visitedOn: z.iso.date(),
      findings: z.string(),
      changes: z.string().nullable(),
      outcome: Outcome,
      warningId: Id.nullable(),
      changeReportId: Id.nullable(),
      recordedAt: z.iso.datetime({ offset: true }),
    }),
  ),
});

export const SurveyBody = z.looseObject({
  id: Id,
  scopeCode: Division,
  countyCode: Division,
  sampleSize: z.int().min(1),
  scopeSize: z.int().min(1),
  seed: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  visited: z.int().min(0),
  households: z.array(
    z.looseObject({
      householdId: Id,
      villageCode: Division,
      position: z.int().min(0),
      taskId: Id.nullable(),
      visitedOn: z.iso.date().nullable(),
      outcome: Outcome.nullable(),
    }),
  ),
});

export const SurveyPage = z.looseObject({
  items: z.array(
    z.looseObject({
      id: Id,
      scopeCode: Division,
      countyCode: Division,
      sampleSize: z.int().min(1),
      scopeSize: z.int().min(1),
      createdBy: z.string(),
      createdAt: z.iso.datetime({ offset: true }),
    }),
  ),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
});

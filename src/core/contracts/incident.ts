// Incidents (architecture.md rule 11): a step that cannot complete stops its case visibly
// and waits for a person, instead of retrying out of sight.
import { z } from 'zod';

export const INCIDENT_CASE_KINDS = [
  'APPLICATION',
  'ENROLLED_CASE',
  'RECHECK',
  'EMERGENCY',
  'DELIBERATION',
  'CAMPAIGN',
  'CALENDAR',
  'WARNING',
  'DATA_BATCH',
  'COMPLAINT',
  'RECOVERY',
] as const;
export type IncidentCaseKind = (typeof INCIDENT_CASE_KINDS)[number];

export const INCIDENT_STATUSES = ['OPEN', 'RETRYING', 'RESOLVED', 'CLOSED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What a workflow says about itself once, so every incident it raises can be found and routed. */
export interface IncidentScope {
  caseKind: IncidentCaseKind;
  caseId: string | null;
  /** The county whose supervisor handles it; the city code for city-wide work. */
  countyCode: string;
}

/** Written by the workflow when a guarded activity fails for good. */
export interface IncidentRaised extends IncidentScope {
  incidentId: string;
  workflowId: string;
  step: string;
  errorCode: string;
  message: string;
  /** 1 for the first failure of the call, 2 after one retry failed again, …: makes the write idempotent. */
  occurrence: number;
}

/** A person's decision on an open incident, sent to its workflow as an Update. */
export interface IncidentResolution {
  incidentId: string;
  action: 'RETRY' | 'CLOSE';
  userId: string;
}

export const IncidentDecision = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, { error: '请填写处理说明' })
    .max(500, { error: '处理说明不能超过 500 字' })
    .optional(),
});
export type IncidentDecision = z.infer<typeof IncidentDecision>;

export const IncidentListQuery = z.strictObject({
  status: z.enum(INCIDENT_STATUSES).optional(),
  county: z
    .string()
    .regex(/^\d{6}$/, { error: '须为 6 位县级区划代码' })
    .optional(),
  caseKind: z.enum(INCIDENT_CASE_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

/** The refusal type a workflow ends with when a person closes the case on an incident. */
export const CLOSED_ON_INCIDENT = 'CLOSED_ON_INCIDENT';

import { z } from 'zod';
import type { ApplicationCategory } from './application';
import type { Role } from './roles';

// Plain-JSON shapes that cross the workflow boundary (ISO strings, no Dates or classes).

export type DeterminationStage =
  | 'SUBMITTED'
  | 'INVESTIGATION';

export interface ActorRef {
  userId: string;
  role: Role;
  jurisdiction: string;
}

export interface DeterminationInput {
  applicationId: string;
  householdId: string;
  category: ApplicationCategory;
  channel: 'SELF' | 'ON_BEHALF' | 'WARNING';
  countyCode: string;
  townshipCode: string;
  submittedBy: ActorRef;
  requestId: string;
  /** Acceptance time limit, already computed on the working-day calendar. */
  acceptanceDueAt: string;
}

export interface DeterminationState {
  applicationId: string;
  stage: DeterminationStage;
  acceptanceDueAt: string;
  acceptanceOverdue: boolean;
  acceptedBy: string | null;
}

export const AcceptCommand = z.strictObject({
  note: z.string().trim().max(500).optional(),
});
export type AcceptCommand = z.infer<typeof AcceptCommand>;

/** What an Update carries: the command plus who sends it (set by the API from the token). */
export interface Acting<T> {
  actor: ActorRef;
  requestId: string;
  command: T;
}

/** Machine-readable refusal types raised by workflow validators (ApplicationFailure.type). */
export const REFUSAL = {
  WRONG_STAGE: 'WRONG_STAGE',
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  OUT_OF_JURISDICTION: 'OUT_OF_JURISDICTION',
} as const;

import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../common/domain-error';
import type { ActorRef } from '../contracts/determination';
import type { Actor } from '../contracts/roles';

/**
 * A workflow validator's typed refusal becomes the HTTP status its process gives that type
 * (400/403/409, 409 when unlisted) with the validator's reason; an Update sent to a workflow
 * that has ended becomes `closed`; anything else stays an error.
 */
export function refusalToHttp(error: unknown, statuses: Readonly<Record<string, number>>, closed: () => DomainError): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type) {
    return new DomainError(statuses[error.cause.type] ?? 409, error.cause.type, error.cause.message);
  }
  if (error instanceof WorkflowNotFoundError) return closed();
  return error;
}

/** Who acts, as it crosses the workflow boundary (from the verified token). */
export const actorRef = (actor: Actor): ActorRef => ({ userId: actor.userId, role: actor.role, jurisdiction: actor.jurisdiction });

import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DATA_ERROR_TYPE } from '../common/data-error';
import { DomainError } from '../common/domain-error';
import { isRefusalCode, REFUSALS } from '../core/refusals';
import type { ActorRef } from '../core/contracts/determination';
import type { Actor } from '../core/contracts/roles';

/**
 * A workflow validator's typed refusal becomes the HTTP status the refusal registry gives
 * that type (src/core/refusals.ts; 409 when unlisted) with the validator's reason; an Update sent to a workflow
 * that has ended becomes `closed`; a step that failed on a data error (DATA_ERROR) is the
 * caller's input, a 400; anything else stays an error.
 */
export function refusalToHttp(error: unknown, closed: () => DomainError): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type) {
    const type = error.cause.type;
    const status = type === DATA_ERROR_TYPE ? 400 : isRefusalCode(type) ? REFUSALS[type].status : 409;
    return new DomainError(status, error.cause.type, error.cause.message);
  }
  if (error instanceof WorkflowNotFoundError) return closed();
  return error;
}

/** Who acts, as it crosses the workflow boundary (from the verified token). */
export const actorRef = (actor: Actor): ActorRef => ({
  userId: actor.userId,
  role: actor.role,
  jurisdiction: actor.jurisdiction,
});

import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../common/domain-error';
import { REFUSAL_STATUS } from '../contracts/determination';

/** A validator's typed refusal becomes 400/403/409 with its reason; anything else stays an error. */
export function refusalToHttp(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type) {
    const status = REFUSAL_STATUS[error.cause.type as keyof typeof REFUSAL_STATUS] ?? 409;
    return new DomainError(status, error.cause.type, error.cause.message);
  }
  if (error instanceof WorkflowNotFoundError) return new DomainError(409, 'CASE_CLOSED', '案件流程已结束，不能再执行此操作');
  return error;
}

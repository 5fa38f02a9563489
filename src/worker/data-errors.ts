import { ApplicationFailure } from '@temporalio/common';
import { DATA_ERROR_TYPE, dataErrorOf } from '../common/data-error';
import { PolicyInputError } from '../policy/errors';

/**
 * A data error (PostgreSQL class 22 or 23) or a refusal of the policy engine (a parameter
 * not in force, facts it cannot decide on) as a non-retryable activity failure: the same
 * call fails the same way on every attempt, so retrying only hides it. Anything else is
 * returned unchanged (business refusals are ApplicationFailures already; infrastructure
 * faults keep their retries). The original error stays out of the failure: its message can
 * quote the offending value, and the workflow history must carry no personal data.
 */
export function asActivityFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof PolicyInputError)
    return ApplicationFailure.create({
      type: error.code,
      message: error.message,
      nonRetryable: true,
      details: [{ path: error.path }],
    });
  const data = dataErrorOf(error);
  // A unique violation in an activity is most often two attempts of the same idempotent write
  // racing (an upsert is a read then an insert): the next attempt finds the row. It keeps its
  // bounded retries; a real duplicate then raises an incident like any fault past them.
  if (!data || data.sqlState === UNIQUE_VIOLATION) return error;
  return ApplicationFailure.create({
    type: DATA_ERROR_TYPE,
    message: `数据错误（SQLSTATE ${data.sqlState}）：${data.messageZh}。重试不会成功，请更正数据后再处理`,
    nonRetryable: true,
    details: [{ sqlState: data.sqlState, kind: data.kind }],
  });
}

const UNIQUE_VIOLATION = '23505';

type Activity = (...args: never[]) => Promise<unknown>;

/**
 * Every activity of a factory, with data errors made final (asActivityFailure). Applied
 * once where the worker gathers activities, so no activity has to remember it; errors an
 * activity catches on purpose (a unique key meaning "already done") never reach it.
 */
export function withFinalDataErrors<T extends Record<string, Activity>>(activities: T): T {
  const wrapped: Record<string, Activity> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (error) {
        throw asActivityFailure(error);
      }
    };
  }
  return wrapped as T;
}

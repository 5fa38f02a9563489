// Typed refusal of bad input: callers (API, workflows) map the code to a 400 / a
// non-retryable ApplicationFailure; a plain Error would look like a bug.
export type PolicyInputErrorCode =
  'PARAMETER_NOT_IN_FORCE' | 'PARAMETER_INVALID' | 'FACTS_INVALID' | 'DATE_INVALID' | 'CALENDAR_INVALID';

export class PolicyInputError extends Error {
  override readonly name = 'PolicyInputError';
  constructor(
    readonly code: PolicyInputErrorCode,
    message: string,
    /** Field path of the offending input, like zod's issue path. */
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
  }
}

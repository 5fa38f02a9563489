import { DomainError, type FieldError } from './domain-error';
import { REFUSALS, type RefusalCode } from '../core/refusals';

// The registry of codes lives in src/core (workflows validate with it too); these helpers turn a code into the API's error.

/** The refusal as an error: the registry's status and code, the detail (or the registry's message). */
export function refusal(
  code: RefusalCode,
  detail?: string,
  errors: FieldError[] = [],
  extra: Record<string, unknown> = {},
): DomainError {
  const r = REFUSALS[code];
  return new DomainError(r.status, code, detail ?? r.message, errors, extra);
}

/** Throws the refusal (see `refusal`). */
export function refuse(
  code: RefusalCode,
  detail?: string,
  errors: FieldError[] = [],
  extra: Record<string, unknown> = {},
): never {
  throw refusal(code, detail, errors, extra);
}

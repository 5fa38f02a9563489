import { HttpException } from '@nestjs/common';

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * A refusal the caller can act on: HTTP status, a machine-readable code (English) and a
 * message for the person reading it (Simplified Chinese).
 */
export class DomainError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    /** Machine-readable facts beside the message (e.g. the id of the record in the way). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super({ code, message, errors, ...extra }, status);
  }
}

export const notFound = (what: string, id: string) => new DomainError(404, 'NOT_FOUND', `${what}不存在：${id}`);

import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { ERROR_DESCRIPTIONS, ERROR_SCHEMA_NAME } from './error-body';

type Link = { operationId: string; parameters: Record<string, string>; description?: string };

/**
 * The success body of an operation, from a zod schema (documentation only: the handler's
 * value is sent as is, and the contract test checks that it conforms). `links` name the
 * operations a client (and Schemathesis' stateful phase) can call next with its values.
 */
export function ApiOk(
  schema: z.ZodType,
  options: { status?: number; description?: string; links?: Record<string, Link> } = {},
) {
  return ApiResponse({
    status: options.status ?? 200,
    description: options.description ?? '成功',
    standardSchema: schema,
    ...(options.links ? { links: options.links } : {}),
  });
}

/** A link to operation `operationId`, its `id` path parameter taken from this response's body field. */
export const linkById = (operationId: string, field = 'id'): Link => ({
  operationId,
  parameters: { id: `$response.body#/${field}` },
});

/**
 * Refusals beyond those every operation gets from its shape (see finishDocument): e.g.
 * 422 where the engine cannot decide, 503 when a dependency is down.
 */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? '请求被拒绝',
        schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` },
      }),
    ),
  );
}

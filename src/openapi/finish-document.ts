import type { OpenAPIObject } from '@nestjs/swagger';
import { IdempotencyKey } from '../core/contracts/application';
import { ERROR_DESCRIPTIONS, ERROR_SCHEMA_NAME, ErrorBody } from './error-body';
import { zodToOpenApi } from './json-schema';

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; schema?: Json; description?: string };
type Response = { description?: string; headers?: Json; content?: Json };
type Operation = {
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, Response>;
  security?: unknown[];
  [ext: `x-${string}`]: unknown;
};

/** Set on @Public() routes (auth/decorators): no token, so no 401/403. */
export const PUBLIC_EXTENSION = 'x-public';
/** Set by @Roles(...) (auth/decorators): the roles that may call; absent means any signed-in staff member. Kept in the document. */
export const ROLES_EXTENSION = 'x-roles';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** The same rule as the middleware in app.factory.ts. */
export const REQUEST_ID_PATTERN = '^[A-Za-z0-9_.:-]{1,100}$';

/**
 * The last pass over the generated document, for what every operation shares and no
 * controller should have to repeat: the error body and the refusals an operation can
 * give by its shape (input: 400; token: 401/403; an id in the path or a write: 404; a
 * write: 409; a body: 413/415; Temporal not answering in time: 503), bearer security unless public, the X-Request-Id header
 * on every request and response, the Idempotency-Key header's format.
 */
export function finishDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.openapi = '3.1.0';
  const components = (doc.components ??= {});
  const schemas = (components.schemas ??= {}) as Json;
  schemas[ERROR_SCHEMA_NAME] = zodToOpenApi(ErrorBody, 'output').schema;
  (components as Json).headers = {
    RequestId: {
      description: '请求编号：调用方给出的合法 X-Request-Id，否则由服务生成；错误体的 requestId 与之相同',
      schema: { type: 'string', pattern: REQUEST_ID_PATTERN },
    },
  };
  const idempotencyKey = zodToOpenApi(IdempotencyKey, 'input').schema;

  for (const item of Object.values(doc.paths) as Array<Record<string, Operation | undefined>>) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const isPublic = op[PUBLIC_EXTENSION] === true;
      delete op[PUBLIC_EXTENSION];
      const params = (op.parameters ??= []);
      const write = method !== 'get';
      const statuses = [
        ...(params.length > 0 || op.requestBody ? [400] : []),
        ...(isPublic ? [] : [401, 403]),
        ...(params.some((p) => p.in === 'path') || write ? [404] : []),
        ...(write ? [409] : []),
        ...(op.requestBody ? [413, 415] : []),
        503,
      ];
      for (const status of statuses) op.responses[status] ??= errorResponse(status);
      if (isPublic) delete op.security;
      else op.security = [{ bearer: [] }];

      for (const p of params) {
        if (p.in === 'header' && p.name.toLowerCase() === 'idempotency-key') p.schema = idempotencyKey;
      }
      if (!params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'x-request-id')) {
        params.push({
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          description: '调用方的请求编号（可选），原样回显',
          schema: { type: 'string', pattern: REQUEST_ID_PATTERN },
        });
      }
      for (const response of Object.values(op.responses)) {
        response.headers = { ...response.headers, 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };
      }
    }
  }
  return stripSchemaDialect(doc);
}

function errorResponse(status: number): Response {
  return {
    description: ERROR_DESCRIPTIONS[status] ?? '请求被拒绝',
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } },
  };
}

/** Bodies documented with z.toJSONSchema carry `$schema`; the document's dialect already says it. */
function stripSchemaDialect<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(stripSchemaDialect);
  else if (value && typeof value === 'object') {
    delete (value as Json).$schema;
    Object.values(value).forEach(stripSchemaDialect);
  }
  return value;
}

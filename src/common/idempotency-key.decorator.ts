import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { IdempotencyKey as KeySchema } from '../core/contracts/application';
import { canonicalJson } from './canonical-json';
import { refuse } from './refusals';

/** A request sent with an Idempotency-Key: the key, and what a retry under it must repeat. */
export interface IdempotentRequest {
  key: string;
  /** Method and path (no query), e.g. "POST /api/v1/reserve-funds/410502002/top-ups". */
  route: string;
  /** sha256 of the canonical JSON of the body as sent (key order and spacing do not matter). */
  requestHash: string;
}

/** Documents the header on the endpoint that takes the parameter (Swagger). */
const documented: ParameterDecorator = (target, method) => {
  if (method === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, method)!;
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '重试同一请求时携带相同的键，返回首次结果；同一键配不同的请求内容将被拒绝（422）',
  })(target, method, descriptor);
};

/**
 * The Idempotency-Key header of a creating endpoint, parsed once for every controller:
 * undefined when absent, 400 with the field named when malformed.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IdempotentRequest | undefined => {
    const req = ctx.switchToHttp().getRequest<Request>();
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return undefined;
    const key = KeySchema.safeParse(raw);
    if (!key.success) {
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'header.Idempotency-Key', code: 'invalid_format', message: '须为 8–200 个字母、数字或 _.:- 字符' },
      ]);
    }
    return {
      key: key.data,
      route: `${req.method} ${req.originalUrl.split('?')[0]}`,
      requestHash: createHash('sha256')
        .update(canonicalJson(req.body ?? null))
        .digest('hex'),
    };
  },
  [documented],
);

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { DomainError, FieldError } from './domain-error';

/** Every error leaves as { statusCode, code, message, errors[], requestId }; never a stack. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, '未处理的错误');
    }
    res.status(body.statusCode).json({ ...body, requestId: req.id });
  }

  private toBody(exception: unknown): { statusCode: number; code: string; message: string; errors: FieldError[] } & Record<string, unknown> {
    if (exception instanceof ZodValidationException) {
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: '请求内容校验未通过', errors: zodFieldErrors(exception.getZodError()) };
    }
    if (exception instanceof DomainError) {
      return { ...exception.extra, statusCode: exception.getStatus(), code: exception.code, message: exception.message, errors: exception.errors };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // body-parser's errors: malformed JSON, too large, wrong charset.
      const type = (exception.cause as { type?: string } | undefined)?.type;
      if (status === 400 && (type === 'entity.parse.failed' || /JSON/i.test(exception.message))) {
        return { statusCode: 400, code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON', errors: [] };
      }
      return { statusCode: status, code: HTTP_CODES[status] ?? 'HTTP_ERROR', message: HTTP_MESSAGES[status] ?? exception.message, errors: [] };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试或联系管理员', errors: [] };
  }
}

export function zodFieldErrors(error: unknown): FieldError[] {
  if (!(error instanceof ZodError)) return [];
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    code: issue.code,
    message: issue.message,
  }));
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};
const HTTP_MESSAGES: Record<number, string> = {
  404: '请求的资源不存在',
  413: '请求体过大',
  415: '不支持的请求内容类型',
};

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { temporalDidNotAnswer } from '../temporal/temporal-deadline';
import { DATA_ERROR_TYPE, dataErrorOf } from './data-error';
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
    } else if (body.code === 'INVALID_DATA' || body.code === 'DATA_CONFLICT' || body.code === DATA_ERROR_TYPE) {
      // Input the door should have refused: worth a look, but the caller's fault, not a 500.
      this.logger.warn({ code: body.code, errors: body.errors, requestId: req.id }, '数据库拒绝了请求中的数据');
    }
    res.status(body.statusCode).json({ ...body, requestId: req.id });
  }

  private toBody(
    exception: unknown,
  ): { statusCode: number; code: string; message: string; errors: FieldError[] } & Record<string, unknown> {
    if (exception instanceof ZodValidationException) {
      return {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: '请求内容校验未通过',
        errors: zodFieldErrors(exception.getZodError()),
      };
    }
    if (exception instanceof DomainError) {
      return {
        ...exception.extra,
        statusCode: exception.getStatus(),
        code: exception.code,
        message: exception.message,
        errors: exception.errors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // body-parser's errors: malformed JSON, too large, wrong charset.
      const type = (exception.cause as { type?: string } | undefined)?.type;
      if (status === 400 && (type === 'entity.parse.failed' || /JSON/i.test(exception.message))) {
        return { statusCode: 400, code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON', errors: [] };
      }
      return {
        statusCode: status,
        code: HTTP_CODES[status] ?? 'HTTP_ERROR',
        message: HTTP_MESSAGES[status] ?? exception.message,
        errors: [],
      };
    }
    const data = dataErrorOf(exception);
    if (data) {
      const errors = [{ path: '(body)', code: data.sqlState, message: data.messageZh }];
      return data.kind === 'DATA_EXCEPTION'
        ? { statusCode: 400, code: 'INVALID_DATA', message: `请求中的数据无法保存：${data.messageZh}`, errors }
        : { statusCode: 409, code: 'DATA_CONFLICT', message: `请求与已有数据冲突：${data.messageZh}`, errors };
    }
    const failure = dataFailureOf(exception);
    if (failure) return { statusCode: 400, code: DATA_ERROR_TYPE, message: failure.message, errors: [] };
    if (temporalDidNotAnswer(exception)) {
      return {
        statusCode: 503,
        code: 'TEMPORAL_UNAVAILABLE',
        message: '办理流程服务暂时没有响应，请稍后重试；重试前可先查看案件，确认操作是否已经生效',
        errors: [],
      };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试或联系管理员', errors: [] };
  }
}

/** A workflow step that failed on a data error (an activity's DATA_ERROR failure, e.g. behind an Update). */
function dataFailureOf(error: unknown): ApplicationFailure | null {
  let e: unknown = error;
  for (let depth = 0; depth < 10 && e instanceof Error; depth++, e = e.cause) {
    if (e instanceof ApplicationFailure && e.type === DATA_ERROR_TYPE) return e;
  }
  return null;
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

import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** gRPC status codes of a Temporal server that does not answer: DEADLINE_EXCEEDED, UNAVAILABLE. */
const NO_ANSWER = new Set([4, 14]);

/**
 * Every Temporal call a request makes shares one deadline: a Temporal server that accepts
 * connections but never answers (paused, overloaded, cut off) must not hold the request for
 * minutes of keepalives and retries. The caller then gets a 503 it may retry as it is.
 */
export function withTemporalDeadline<T>(client: Client, ms: number, fn: () => Promise<T>): Promise<T> {
  return client.withDeadline(Date.now() + ms, fn);
}

/** True for an error (or one in its cause chain) saying Temporal did not answer in time. */
export function temporalDidNotAnswer(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 10 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && NO_ANSWER.has(code) && 'details' in e) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs each HTTP handler inside the deadline (global interceptor). */
@Injectable()
export class TemporalDeadlineInterceptor implements NestInterceptor {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(
      withTemporalDeadline(this.client, this.config.TEMPORAL_CALL_TIMEOUT_MS, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    );
  }
}

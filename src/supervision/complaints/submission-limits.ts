import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { refuse } from '../../common/refusals';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { clientOf } from '../../common/client';

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before the idle ones (full again) are dropped: a flood of addresses cannot grow the map without bound. */
const MAX_BUCKETS = 10_000;

/**
 * The public complaint endpoint takes submissions from anyone, so one client (by IP address)
 * is limited by a token bucket: a burst, then so many a minute. In memory, per API process: a
 * brake on floods, not an accounting. A guard, so a flood is refused before its body is read.
 */
@Injectable()
export class ComplaintSubmissionLimit implements CanActivate {
  private readonly buckets = new Map<string, Bucket>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<{ ip?: string; headers: Record<string, string | undefined> }>();
    const maxBytes = this.config.COMPLAINT_BODY_MAX_KB * 1024;
    if (Number(req.headers['content-length'] ?? 0) > maxBytes)
      refuse('PAYLOAD_TOO_LARGE', `投诉举报请求体超过 ${this.config.COMPLAINT_BODY_MAX_KB} KB 的上限`);
    if (!this.take(clientOf(req))) refuse('COMPLAINT_RATE_LIMITED', '提交过于频繁，请稍后再试');
    return true;
  }

  /** One token from the client's bucket; false when it is empty. */
  take(client: string, now = Date.now()): boolean {
    const burst = this.config.COMPLAINT_RATE_BURST;
    const perMs = this.config.COMPLAINT_RATE_PER_MINUTE / 60_000;
    const b = this.buckets.get(client) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (now - b.at) * perMs);
    b.at = now;
    this.buckets.delete(client); // re-inserted last: the map's order is least recently used first
    if (this.buckets.size >= MAX_BUCKETS) this.evict();
    this.buckets.set(client, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private evict(): void {
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}

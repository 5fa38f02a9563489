import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * Where a completion's time goes inside the worker: per activity type, the wait between
 * scheduling and the worker starting it (queue + poll), and its execution (mostly the
 * database transaction). Installed as an activity interceptor; the activities are unchanged.
 */
export class ActivityTiming {
  readonly queued = new Map<string, number[]>();
  readonly executed = new Map<string, number[]>();
  enabled = false;

  readonly interceptor: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      execute: async (input, next) => {
        const start = Date.now();
        const t0 = performance.now();
        try {
          return await next(input);
        } finally {
          if (this.enabled) {
            const type = ctx.info.activityType;
            push(this.queued, type, start - ctx.info.currentAttemptScheduledTimestampMs);
            push(this.executed, type, performance.now() - t0);
          }
        }
      },
    },
  });

  reset(): void {
    this.queued.clear();
    this.executed.clear();
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

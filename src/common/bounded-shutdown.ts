import type { Server } from 'node:http';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * After SIGTERM/SIGINT the process exits anyway once `ms` have passed: a graceful stop that
 * hangs (a connection that will not close, an activity that never returns) must not leave
 * it to a SIGKILL. The timer is unref'd, so a stop that finishes sooner exits as usual.
 */
export function exitDeadlineOnSignal(what: string, ms: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(JSON.stringify({ level: 'info', msg: `收到 ${signal}，${what}正在停止` }));
    setTimeout(() => {
      console.error(JSON.stringify({ level: 'warn', msg: `${what}未能在 ${ms / 1000} 秒内停止，强制退出` }));
      process.exit(1);
    }, ms).unref();
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
}

/**
 * Nest's shutdown hooks close the HTTP server before Prisma and Temporal, and
 * server.close() waits for every request still open: a client stalled mid-request or an
 * update waiting for a worker that is down held the API up until SIGKILL. On a signal, idle
 * keep-alive sockets close at once and requests still running get `graceMs` to finish.
 */
export function boundHttpDrainOnSignal(server: Server, graceMs: number): void {
  const onSignal = () => {
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), graceMs).unref();
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
}

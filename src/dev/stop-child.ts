import type { ChildProcess } from 'node:child_process';

/** True once the process has exited (by code or by signal). */
export const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/**
 * SIGTERM to the child, then SIGKILL to its whole process group if it is still there after
 * the grace period: a child started with `detached: true` leads its own group, and what it
 * started itself (PostgreSQL under scripts/embedded-postgres.mjs) must not outlive it.
 */
export function stopChild(child: ChildProcess, graceMs = 10_000, onKill?: () => void): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return Promise.resolve(); // gone, or never started
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      onKill?.();
      killGroup(child, 'SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The signal to the child's process group, or to the child alone when it leads none. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

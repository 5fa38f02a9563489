import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { hasExited, stopChild } from './stop-child';

/** One long-running child process the supervisor keeps up. */
export interface ChildSpec {
  /** Shown in the log, e.g. `worker`, `api`. */
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  /** SIGTERM first; SIGKILL to its process group after this long. */
  stopGraceMs?: number;
  /** Log the SIGKILL after the grace period (default true); off for a child for which it is the usual end. */
  logForcedStop?: boolean;
  /** Called with each process started (the first and every restart), e.g. to read its piped output. */
  onSpawn?: (child: ChildProcess) => void;
}

export interface BackoffOptions {
  /** Wait before the first restart; doubled after each crash in a row. */
  initialMs: number;
  /** The wait never grows past this: a crash-looping child is retried at this pace for ever. */
  maxMs: number;
  /** A child that stayed up this long before crashing starts again from initialMs. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

/** The wait before restart number `crashesInARow` (1-based): 1 s, 2 s, 4 s … capped. */
export function restartDelay(crashesInARow: number, backoff: BackoffOptions): number {
  return Math.min(backoff.initialMs * 2 ** Math.max(0, crashesInARow - 1), backoff.maxMs);
}

export interface SupervisorEvents {
  spawn: [name: string, pid: number];
  crash: [
    name: string,
    info: { code: number | null; signal: NodeJS.Signals | null; delayMs: number; crashesInARow: number },
  ];
}

interface Slot {
  spec: ChildSpec;
  child: ChildProcess | null;
  startedAt: number;
  crashesInARow: number;
  restarts: number;
  timer: NodeJS.Timeout | null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} 秒`;

/**
 * Keeps child processes running: one that exits on its own is started again after a
 * backoff (each crash and restart logged), and the others are left alone. stop() ends
 * them one by one in the reverse of the order given, so the API stops before the worker.
 * Each child leads its own process group, so Ctrl-C reaches only the launcher.
 */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  private readonly slots: Slot[];
  private readonly backoff: BackoffOptions;
  private stopping: Promise<void> | null = null;

  constructor(
    specs: readonly ChildSpec[],
    private readonly opts: { log: (line: string) => void; backoff?: Partial<BackoffOptions> },
  ) {
    super();
    this.slots = specs.map((spec) => ({ spec, child: null, startedAt: 0, crashesInARow: 0, restarts: 0, timer: null }));
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
  }

  start(): void {
    for (const slot of this.slots) this.launch(slot);
  }

  /** The running process's id, or undefined while the child waits for its restart. */
  pid(name: string): number | undefined {
    const child = this.slot(name).child;
    return child && !hasExited(child) ? child.pid : undefined;
  }

  /** How often the child has been started again after a crash. */
  restarts(name: string): number {
    return this.slot(name).restarts;
  }

  /** Stops every child (last given first) and cancels pending restarts; safe to call twice. graceMs overrides each child's own. */
  stop(graceMs?: number): Promise<void> {
    this.stopping ??= (async () => {
      for (const slot of this.slots) if (slot.timer) clearTimeout(slot.timer);
      for (const slot of [...this.slots].reverse()) {
        const grace = graceMs ?? slot.spec.stopGraceMs ?? 5_000;
        const onKill =
          slot.spec.logForcedStop === false
            ? undefined
            : () => this.opts.log(`${slot.spec.name} 未在 ${seconds(grace)}内停止，已强制结束（SIGKILL）`);
        if (slot.child) await stopChild(slot.child, grace, onKill);
      }
    })();
    return this.stopping;
  }

  private slot(name: string): Slot {
    const slot = this.slots.find((s) => s.spec.name === name);
    if (!slot) throw new Error(`unknown child ${name}`);
    return slot;
  }

  private launch(slot: Slot): void {
    slot.timer = null;
    const { spec } = slot;
    const child = spawn(spec.command, spec.args, {
      env: spec.env ?? process.env,
      stdio: spec.stdio ?? 'inherit',
      detached: true,
    });
    slot.child = child;
    slot.startedAt = Date.now();
    spec.onSpawn?.(child);
    // A failed spawn (missing binary) may end in 'error' alone: a crash all the same.
    let settled = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      this.onExit(slot, code, signal);
    };
    child.once('exit', onEnd);
    // 'on', not 'once': a failed kill() also emits 'error', and an unheard one would end the launcher.
    child.on('error', (error) => {
      this.opts.log(`${spec.name} 进程出错：${error.message}`);
      if (child.pid === undefined) onEnd(null, null);
    });
    if (child.pid !== undefined) this.emit('spawn', spec.name, child.pid);
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const { name } = slot.spec;
    const upMs = Date.now() - slot.startedAt;
    slot.crashesInARow = upMs >= this.backoff.resetAfterMs ? 1 : slot.crashesInARow + 1;
    const delayMs = restartDelay(slot.crashesInARow, this.backoff);
    this.opts.log(
      `${name} 进程意外退出（代码 ${code ?? '-'}，信号 ${signal ?? '-'}，运行了 ${seconds(upMs)}），${seconds(delayMs)}后重启`,
    );
    if (delayMs >= this.backoff.maxMs) {
      this.opts.log(
        `${name} 已连续崩溃 ${slot.crashesInARow} 次：重启间隔已达上限 ${seconds(this.backoff.maxMs)}，将一直按此间隔重试，请查看上方日志排查原因`,
      );
    }
    this.emit('crash', name, { code, signal, delayMs, crashesInARow: slot.crashesInARow });
    slot.timer = setTimeout(() => {
      slot.restarts++;
      this.launch(slot);
      this.opts.log(`${name} 已重启（第 ${slot.restarts} 次，进程 ${slot.child?.pid ?? '-'}）`);
    }, delayMs);
  }
}

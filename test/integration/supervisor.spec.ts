import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartDelay, Supervisor, type ChildSpec } from '../../src/dev/supervisor';

// The launcher's supervisor with real child processes: small node scripts that run until
// told to stop, one that ignores SIGTERM and keeps a grandchild, one that dies at once.

const dir = mkdtempSync(join(tmpdir(), 'safetynet-supervisor-'));
const stopLog = join(dir, 'stopped.log');
const SCRIPTS = {
  // Runs until SIGTERM, then notes its name and exits a moment later (a graceful stop).
  service: `
    const { appendFileSync } = require('node:fs');
    process.on('SIGTERM', () => { appendFileSync(process.argv[2], process.argv[3] + '\\n'); setTimeout(() => process.exit(0), 100); });
    appendFileSync(process.argv[2] + '.ready', process.argv[3] + '\\n');
    setInterval(() => {}, 1000);`,
  // Ignores SIGTERM and starts a grandchild that ignores it too: only SIGKILL to the group ends them.
  stubborn: `
    const { spawn } = require('node:child_process');
    process.on('SIGTERM', () => {});
    spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
    setInterval(() => {}, 1000);`,
  crash: `process.exit(3);`,
};
for (const [name, code] of Object.entries(SCRIPTS)) writeFileSync(join(dir, `${name}.js`), code);

const spec = (name: string, script: keyof typeof SCRIPTS, extra: Partial<ChildSpec> = {}): ChildSpec => ({
  name,
  command: process.execPath,
  args: [join(dir, `${script}.js`), stopLog, name],
  stdio: 'ignore',
  ...extra,
});

/** Both names have registered their SIGTERM handler (a signal before that would just kill them). */
const ready = (...names: string[]) =>
  until(() => {
    const lines = readFileSync(`${stopLog}.ready`, { encoding: 'utf8', flag: 'a+' }).split('\n');
    return names.every((n) => lines.includes(n));
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A supervisor whose log lines and spawn times the test can read. */
function supervise(specs: ChildSpec[], backoff: { initialMs: number; maxMs: number; resetAfterMs: number }) {
  const lines: string[] = [];
  const spawns: Array<{ name: string; pid: number; at: number }> = [];
  const crashes: Array<{ name: string; at: number; delayMs: number }> = [];
  const supervisor = new Supervisor(specs, { log: (l) => lines.push(l), backoff });
  supervisor.on('spawn', (name, pid) => spawns.push({ name, pid, at: Date.now() }));
  supervisor.on('crash', (name, info) => crashes.push({ name, at: Date.now(), delayMs: info.delayMs }));
  supervisor.start();
  return { supervisor, lines, spawns, crashes };
}

let running: Supervisor[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
  rmSync(stopLog, { force: true });
  rmSync(`${stopLog}.ready`, { force: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Supervisor (real child processes)', () => {
  it('doubles the wait per crash in a row up to the cap', () => {
    const backoff = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartDelay(n, backoff))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('restarts a child killed with SIGKILL after the backoff, doubling it for a second crash, and leaves the other alone', async () => {
    const run = supervise([spec('worker', 'service'), spec('api', 'service')], {
      initialMs: 300,
      maxMs: 5_000,
      resetAfterMs: 60_000,
    });
    running.push(run.supervisor);
    const api = await until(() => run.supervisor.pid('api'));
    const first = await until(() => run.supervisor.pid('worker'));

    process.kill(first, 'SIGKILL');
    const killedAt = Date.now();
    const second = await until(() => run.supervisor.pid('worker') !== first && run.supervisor.pid('worker'));
    const firstWait = Date.now() - killedAt;
    expect(firstWait).toBeGreaterThanOrEqual(280);
    expect(firstWait).toBeLessThan(2_000);
    expect(alive(first)).toBe(false);

    process.kill(second, 'SIGKILL');
    const killedAgainAt = Date.now();
    const third = await until(() => run.supervisor.pid('worker') !== second && run.supervisor.pid('worker'));
    expect(Date.now() - killedAgainAt).toBeGreaterThanOrEqual(580); // 600 ms: the second crash in a row
    expect(run.crashes.map((c) => c.delayMs)).toEqual([300, 600]);

    expect(alive(third)).toBe(true);
    expect(run.supervisor.pid('api')).toBe(api);
    expect(alive(api)).toBe(true);
    expect(run.spawns.filter((s) => s.name === 'api')).toHaveLength(1);
    expect(run.supervisor.restarts('worker')).toBe(2);
    expect(run.lines.filter((l) => l.startsWith('worker 进程意外退出'))).toEqual([
      expect.stringContaining('信号 SIGKILL'),
      expect.stringContaining('信号 SIGKILL'),
    ]);
    expect(run.lines).toContainEqual(expect.stringMatching(/^worker 已重启（第 2 次，进程 \d+）$/));
    expect(run.lines.some((l) => l.startsWith('api'))).toBe(false);
  });

  it('keeps retrying a crash-looping child at the capped pace, and says so', async () => {
    const run = supervise([spec('api', 'crash'), spec('worker', 'service')], {
      initialMs: 50,
      maxMs: 200,
      resetAfterMs: 60_000,
    });
    running.push(run.supervisor);
    const worker = await until(() => run.supervisor.pid('worker'));
    await until(() => run.crashes.length >= 7, 15_000);
    expect(run.crashes.slice(0, 7).map((c) => c.delayMs)).toEqual([50, 100, 200, 200, 200, 200, 200]);
    // The waits really are that long (timers may only run late).
    const gaps = run.crashes.slice(3, 7).map((c, i) => c.at - run.crashes[i + 2]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(190);
    expect(run.lines).toContainEqual(expect.stringContaining('api 进程意外退出（代码 3'));
    expect(run.lines).toContainEqual(expect.stringContaining('重启间隔已达上限 0.2 秒，将一直按此间隔重试'));
    expect(run.supervisor.pid('worker')).toBe(worker);
  });

  it('retries a child whose program cannot be started at all, and still stops', async () => {
    const run = supervise([{ name: 'api', command: join(dir, 'no-such-program'), args: [] }], {
      initialMs: 50,
      maxMs: 100,
      resetAfterMs: 60_000,
    });
    running.push(run.supervisor);
    await until(() => run.crashes.length >= 3);
    expect(run.lines).toContainEqual(expect.stringMatching(/^api 进程出错：.*ENOENT/));
    expect(run.lines).toContainEqual(expect.stringMatching(/^api 已重启（第 2 次/));
    await run.supervisor.stop();
  });

  it('starts again from the shortest wait after a child stayed up long enough', async () => {
    const run = supervise([spec('worker', 'service')], { initialMs: 100, maxMs: 5_000, resetAfterMs: 700 });
    running.push(run.supervisor);
    const first = await until(() => run.supervisor.pid('worker'));
    process.kill(first, 'SIGKILL');
    const second = await until(() => run.supervisor.pid('worker') !== first && run.supervisor.pid('worker'));
    process.kill(second, 'SIGKILL'); // at once: second crash in a row
    const third = await until(() => run.supervisor.pid('worker') !== second && run.supervisor.pid('worker'));
    await new Promise((r) => setTimeout(r, 900)); // up longer than resetAfterMs
    process.kill(third, 'SIGKILL');
    await until(() => run.supervisor.pid('worker') !== third && run.supervisor.pid('worker'));
    expect(run.crashes.map((c) => c.delayMs)).toEqual([100, 200, 100]);
  });

  it('stop() ends every child in reverse order within the grace, SIGKILLing the process group of one that ignores SIGTERM', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor(
      [spec('worker', 'service'), spec('stubborn', 'stubborn', { stopGraceMs: 800 }), spec('api', 'service')],
      { log: (l) => lines.push(l) },
    );
    running.push(supervisor);
    supervisor.start();
    const pids = await until(() => {
      const all = ['worker', 'stubborn', 'api'].map((n) => supervisor.pid(n));
      return all.every(Boolean) ? (all as number[]) : undefined;
    });
    const grandchildPid = await readGrandchild(pids[1]!);
    await ready('api');
    expect(alive(grandchildPid)).toBe(true);

    // A restart pending at stop time is cancelled, not run after stop().
    process.kill(pids[0]!, 'SIGKILL');
    await until(() => lines.some((l) => l.startsWith('worker 进程意外退出')));

    const started = Date.now();
    await supervisor.stop();
    const took = Date.now() - started;
    expect(took).toBeLessThan(2_000); // api ~100 ms + stubborn 800 ms grace
    expect(took).toBeGreaterThanOrEqual(750);
    for (const pid of [...pids, grandchildPid]) await until(() => !alive(pid), 2_000);
    // The API (last given) stopped first; the crashed worker got no SIGTERM and no restart.
    expect(readFileSync(stopLog, 'utf8')).toBe('api\n');
    await new Promise((r) => setTimeout(r, 1_200));
    expect(supervisor.pid('worker')).toBeUndefined();
    expect(lines).toContainEqual('stubborn 未在 0.8 秒内停止，已强制结束（SIGKILL）');
    expect(lines.filter((l) => l.includes('强制结束'))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('worker 已重启'))).toBe(false);
  });

  it('stops the API before the worker', async () => {
    const run = supervise([spec('worker', 'service'), spec('api', 'service')], {
      initialMs: 100,
      maxMs: 1_000,
      resetAfterMs: 60_000,
    });
    running.push(run.supervisor);
    await ready('worker', 'api');
    await run.supervisor.stop();
    expect(readFileSync(stopLog, 'utf8')).toBe('api\nworker\n');
  });

  it('hands every process it starts (restarts too) to onSpawn; stop(graceMs) overrides the grace, and logForcedStop: false keeps the SIGKILL out of the log', async () => {
    const handed: number[] = [];
    const lines: string[] = [];
    const supervisor = new Supervisor(
      [
        spec('temporal', 'stubborn', {
          stopGraceMs: 60_000,
          logForcedStop: false,
          onSpawn: (child) => handed.push(child.pid!),
        }),
      ],
      { log: (l) => lines.push(l), backoff: { initialMs: 100, maxMs: 1_000, resetAfterMs: 60_000 } },
    );
    running.push(supervisor);
    supervisor.start();
    const first = await until(() => supervisor.pid('temporal'));
    process.kill(-first, 'SIGKILL'); // its group: the stubborn script's grandchild too
    const second = await until(() => supervisor.pid('temporal') !== first && supervisor.pid('temporal'));
    expect(handed).toEqual([first, second]);
    await readGrandchild(second); // started after its SIGTERM handler: it now ignores SIGTERM
    const started = Date.now();
    await supervisor.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280); // SIGKILLed after 0.3 s, not 60 s
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(alive(second)).toBe(false);
    expect(lines.some((l) => l.includes('强制结束'))).toBe(false);
  });
});

/** The one child process of `parent` (the stubborn script's grandchild). */
function readGrandchild(parent: number): Promise<number> {
  return until(() => {
    const pid = Number(spawnSync('ps', ['-o', 'pid=', '--ppid', String(parent)], { encoding: 'utf8' }).stdout.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { alive, buildOnce, descendants, LAUNCHER_SCRIPT, launcherEnv, until } from '../support/launcher';

// `npm start` for real: the compiled launcher (built here as `npm start` builds it) on free
// ports and a throwaway data folder. The worker is killed with SIGKILL and must come back
// while PostgreSQL, Temporal and the API keep running; Ctrl-C then ends every process
// within 10 s, even with a request left hanging on the API.

jest.setTimeout(300_000);

describe('npm start (embedded launcher) supervises its processes', () => {
  let dataDir: string;
  let launcher: ChildProcess;
  let output = '';
  let ports: { api: number; pg: number; temporal: number; ui: number };
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const seen = new Set<number>(); // every pid met, killed at the end if a test failed half-way
  let temporalConnection: Connection | undefined;

  const health = () =>
    fetch(`http://127.0.0.1:${ports.api}/health`).then(
      (r) => r.status,
      () => 0,
    );
  const byArgs = (pattern: RegExp) => descendants(launcher.pid!).filter((p) => pattern.test(p.args));
  const one = (pattern: RegExp) => {
    const found = byArgs(pattern);
    if (found.length !== 1) throw new Error(`expected one process matching ${pattern}, found ${found.length}`);
    return found[0]!.pid;
  };
  /** The worker identities polling the main task queue (the SDK's default identity is pid@host). */
  const pollers = async () => {
    temporalConnection ??= await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    const client = new Client({ connection: temporalConnection });
    const res = await client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: 'safetynet' },
      taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return res.pollers.map((p) => p.identity ?? '');
  };

  beforeAll(async () => {
    // `npm start` runs `npm run build` first (prestart); so does this suite (once for every suite that needs it).
    await buildOnce();

    // The env of startLauncher; the launcher itself is spawned here, as this suite stops it by hand.
    const start = await launcherEnv();
    ({ dataDir, ports } = start);
    launcher = spawn(process.execPath, [LAUNCHER_SCRIPT], { env: start.env, stdio: ['ignore', 'pipe', 'pipe'] });
    seen.add(launcher.pid!);
    exited = new Promise((resolve) => launcher.once('exit', (code, signal) => resolve({ code, signal })));
    launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(
      'the launcher to report the service started',
      () => {
        if (launcher.exitCode !== null) throw new Error(`launcher exited (${launcher.exitCode}):\n${output}`);
        return output.includes('SafetyNet 已启动');
      },
      240_000,
    );
  });

  afterAll(async () => {
    await temporalConnection?.close();
    // Only if a test failed half-way: nothing of this suite may outlive it.
    for (const pid of [...seen].filter(alive)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a worker killed with SIGKILL; PostgreSQL, Temporal and the API keep running; Ctrl-C then stops everything within 10 s', async () => {
    expect(await health()).toBe(200);
    const postgres = one(/scripts\/embedded-postgres\.mjs/);
    const temporal = one(/server start-dev/);
    const api = one(/dist\/src\/main\.js/);
    const worker = one(/dist\/src\/worker\.js/);
    const postgresServers = descendants(postgres).map((p) => p.pid);
    expect(postgresServers.length).toBeGreaterThan(0);
    for (const p of descendants(launcher.pid!)) seen.add(p.pid);
    await until('the worker to poll its task queue', async () =>
      (await pollers()).some((id) => id.startsWith(`${worker}@`)),
    );

    process.kill(worker, 'SIGKILL');
    const restarted = await until(
      'a new worker process',
      () => {
        const now = byArgs(/dist\/src\/worker\.js/).map((p) => p.pid);
        return now.length === 1 && now[0] !== worker ? now[0] : undefined;
      },
      15_000,
    );
    seen.add(restarted);
    await until('the restart in the log', () => output.includes('worker 已重启'), 5_000);
    expect(output).toMatch(/\[safetynet\] worker 进程意外退出（代码 -，信号 SIGKILL，运行了 [\d.]+ 秒），1 秒后重启/);
    expect(output).toContain(`[safetynet] worker 已重启（第 1 次，进程 ${restarted}）`);
    // The new worker serves the task queue; /health answers healthy throughout.
    await until(
      'the restarted worker to poll its task queue',
      async () => (await pollers()).some((id) => id.startsWith(`${restarted}@`)),
      60_000,
    );
    expect(await health()).toBe(200);

    // Nothing else was restarted: same processes, one start each in the log.
    expect(one(/scripts\/embedded-postgres\.mjs/)).toBe(postgres);
    expect(one(/server start-dev/)).toBe(temporal);
    expect(one(/dist\/src\/main\.js/)).toBe(api);
    for (const pid of postgresServers.slice(0, 1)) expect(alive(pid)).toBe(true);
    expect(output.match(/启动内置 PostgreSQL/g)).toHaveLength(1);
    expect(output.match(/启动 Temporal 开发服务器/g)).toHaveLength(1);
    expect(output).not.toMatch(/api 进程意外退出|正在停止所有服务/);

    // A client stalled mid-request: the API's HTTP close must not wait for it.
    const stalled: Socket = connect(ports.api, '127.0.0.1');
    stalled.on('error', () => undefined);
    await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
    stalled.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((r) => setTimeout(r, 200));

    const everything = [launcher.pid!, ...descendants(launcher.pid!).map((p) => p.pid)];
    expect(everything).toEqual(
      expect.arrayContaining([postgres, ...postgresServers.slice(0, 1), temporal, api, restarted]),
    );
    const started = Date.now();
    launcher.kill('SIGINT');
    const { code } = await exited;
    await until(
      'every process to be gone',
      () => everything.every((pid) => !alive(pid)),
      10_000 - (Date.now() - started),
    );
    const took = Date.now() - started;
    stalled.destroy();
    expect(took).toBeLessThan(10_000);
    expect(code).toBe(0);

    // In order, each on its own: no SIGKILL was needed.
    const stopping = output.slice(output.indexOf('正在停止所有服务'));
    expect(stopping).toContain('收到 SIGTERM，API 正在停止');
    expect(stopping).toContain('收到 SIGTERM，Temporal worker 正在停止');
    expect(stopping.indexOf('API 正在停止')).toBeLessThan(stopping.indexOf('Temporal worker 正在停止'));
    expect(stopping).toContain('已全部停止');
    expect(output).not.toMatch(/强制结束|强制退出/);
  });
});

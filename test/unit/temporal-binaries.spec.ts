// Resolution order of scripts/temporal-binaries.mjs, without building
// anything: fake binaries in temporary directories, and a fake `go` that "builds" in
// milliseconds. The module is ESM with import.meta, so each case runs it in a child Node
// process with a controlled environment (PATH, HOME, SAFETYNET_CACHE_DIR) instead of
// importing it into jest's CommonJS runtime.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '../../scripts/temporal-binaries.mjs');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}
interface CallResult {
  path?: string | null;
  error?: { name: string; message: string };
}

let root: string;
let bin: string; // the only directory on PATH
let cache: string; // SAFETYNET_CACHE_DIR

function run(args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((done) => {
    execFile(process.execPath, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: bin, HOME: join(root, 'home'), SAFETYNET_CACHE_DIR: cache, ...extra };
}

/** Calls one exported resolver in a child process and returns its path or error. */
async function call(
  fn: 'resolveTemporalCli' | 'resolveTestServer',
  options: Record<string, unknown>,
  env: Record<string, string> = baseEnv(),
): Promise<CallResult> {
  const code = `
    const m = await import(${JSON.stringify(SCRIPT)});
    try {
      const path = await m.${fn}({ ...${JSON.stringify(options)}, log: (l) => process.stderr.write(l + '\\n') });
      process.stdout.write(JSON.stringify({ path }));
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: { name: e.name, message: e.message } }));
    }`;
  const out = await run(['--input-type=module', '-e', code], env);
  if (out.code !== 0) throw new Error(`child failed (${out.code}): ${out.stderr}`);
  return JSON.parse(out.stdout) as CallResult;
}

function writeExecutable(path: string, body: string): string {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const fakeTemporal = (path: string, version: string): string =>
  writeExecutable(path, `echo "temporal version ${version}"`);

const cliCache = (): string => join(cache, 'temporal-cli-v1.5.1', 'temporal');
const testServerDir = (): string => join(cache, 'temporal-test-server-1.31.0');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'temporal-binaries-'));
  bin = join(root, 'bin');
  cache = join(root, 'cache');
  mkdirSync(bin, { recursive: true });
  mkdirSync(join(root, 'home'), { recursive: true });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('resolveTemporalCli', () => {
  it('rejects a TEMPORAL_CLI_PATH that does not exist, naming every option', async () => {
    const r = await call('resolveTemporalCli', {}, baseEnv({ TEMPORAL_CLI_PATH: join(root, 'missing', 'temporal') }));
    expect(r.error?.name).toBe('TemporalBinaryError');
    const message = r.error?.message ?? '';
    expect(message).toContain(`TEMPORAL_CLI_PATH=${join(root, 'missing', 'temporal')}`);
    expect(message).toContain('on PATH');
    expect(message).toContain(cliCache());
    expect(message).toContain('SAFETYNET_CACHE_DIR');
    expect(message).toContain('go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
    expect(message).toContain('temporal.download');
  });

  it('prefers an explicit TEMPORAL_CLI_PATH over PATH and the cache', async () => {
    const explicit = fakeTemporal(join(root, 'explicit', 'temporal'), '9.9.9');
    fakeTemporal(join(bin, 'temporal'), '1.5.1');
    fakeTemporal(cliCache(), '1.5.1');
    const r = await call('resolveTemporalCli', { allowBuild: false }, baseEnv({ TEMPORAL_CLI_PATH: explicit }));
    expect(r).toEqual({ path: explicit });
  });

  it('takes a temporal on PATH before the cache', async () => {
    const onPath = fakeTemporal(join(bin, 'temporal'), '1.5.1');
    fakeTemporal(cliCache(), '1.5.1');
    expect(await call('resolveTemporalCli', { allowBuild: false })).toEqual({ path: onPath });
  });

  it('uses a cached build whose version matches (release or plain go-install build)', async () => {
    fakeTemporal(cliCache(), '1.5.1 (Server 1.29.1, UI 2.42.1)');
    expect(await call('resolveTemporalCli', { allowBuild: false })).toEqual({ path: cliCache() });
    fakeTemporal(cliCache(), '0.0.0-DEV (Server 1.29.1, UI 2.42.1)');
    expect(await call('resolveTemporalCli', { allowBuild: false })).toEqual({ path: cliCache() });
  });

  it('ignores a cached build of another version; null (SDK download) unless required', async () => {
    fakeTemporal(cliCache(), '1.4.0 (Server 1.28.0, UI 2.40.0)');
    expect(await call('resolveTemporalCli', { allowBuild: false })).toEqual({ path: null });
    const r = await call('resolveTemporalCli', { allowBuild: false, required: true });
    expect(r.error?.message).toContain('version mismatch');
    expect(r.error?.message).toContain('TEMPORAL_CLI_PATH');
    expect(r.error?.message).toContain('temporal.download');
  });

  it('builds with go install into the cache, once for two concurrent callers', async () => {
    const calls = join(root, 'go-calls');
    writeExecutable(
      join(bin, 'go'),
      [
        'PATH=/usr/bin:/bin',
        `echo "$*" >> ${calls}`,
        'echo "go: downloading github.com/temporalio/cli v1.5.1" >&2',
        'sleep 1',
        'echo "github.com/temporalio/cli/cmd/temporal" >&2',
        `printf '#!/bin/sh\\necho "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)"\\n' > "$GOBIN/temporal"`,
        'chmod +x "$GOBIN/temporal"',
      ].join('\n'),
    );
    const [a, b] = await Promise.all([call('resolveTemporalCli', {}), call('resolveTemporalCli', {})]);
    expect(a).toEqual({ path: cliCache() });
    expect(b).toEqual({ path: cliCache() });
    const invocations = readFileSync(calls, 'utf8').trim().split('\n');
    expect(invocations).toHaveLength(1);
    expect(invocations[0]).toMatch(/^install .*github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1$/);
  });
});

describe('resolveTestServer', () => {
  it('rejects a TEMPORAL_TEST_SERVER_PATH that does not exist, naming every option', async () => {
    const missing = join(root, 'nope', 'temporal-test-server');
    const r = await call('resolveTestServer', {}, baseEnv({ TEMPORAL_TEST_SERVER_PATH: missing }));
    expect(r.error?.name).toBe('TemporalBinaryError');
    const message = r.error?.message ?? '';
    expect(message).toContain(`TEMPORAL_TEST_SERVER_PATH=${missing}`);
    expect(message).toContain(join(testServerDir(), 'temporal-test-server'));
    expect(message).toContain('Maven (mvn) + Java');
    expect(message).toContain('io.temporal:temporal-test-server:1.31.0');
    expect(message).toContain('temporal.download');
  });

  it('prefers an explicit TEMPORAL_TEST_SERVER_PATH', async () => {
    const explicit = writeExecutable(join(root, 'ts', 'server'), 'exit 0');
    const r = await call('resolveTestServer', { allowBuild: false }, baseEnv({ TEMPORAL_TEST_SERVER_PATH: explicit }));
    expect(r).toEqual({ path: explicit });
  });

  it('uses the cached wrapper only when every classpath entry exists', async () => {
    const wrapper = writeExecutable(join(testServerDir(), 'temporal-test-server'), 'exit 0');
    const jar = join(root, 'm2', 'a.jar');
    mkdirSync(join(root, 'm2'));
    writeFileSync(jar, '');
    writeFileSync(join(testServerDir(), 'classpath.txt'), `${jar}:${join(root, 'm2', 'gone.jar')}`);
    const stale = await call('resolveTestServer', { allowBuild: false, required: true });
    expect(stale.error?.message).toContain('gone.jar');
    expect(stale.error?.message).toContain('`mvn` not on PATH');

    writeFileSync(join(testServerDir(), 'classpath.txt'), jar);
    expect(await call('resolveTestServer', { allowBuild: false })).toEqual({ path: wrapper });
  });
});

describe('CLI', () => {
  it('exits non-zero with the options listed when the explicit path is wrong', async () => {
    const out = await run([SCRIPT, 'cli'], baseEnv({ TEMPORAL_CLI_PATH: join(root, 'missing') }));
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('Could not obtain the Temporal CLI');
    expect(out.stderr).toContain('go install');
  });

  it('prints KEY=path lines for what it resolves', async () => {
    const cli = fakeTemporal(join(bin, 'temporal'), '1.5.1');
    const ts = writeExecutable(join(root, 'ts', 'server'), 'exit 0');
    const out = await run([SCRIPT, 'all'], baseEnv({ TEMPORAL_TEST_SERVER_PATH: ts }));
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`TEMPORAL_CLI_PATH=${cli}\nTEMPORAL_TEST_SERVER_PATH=${ts}\n`);
  });
});

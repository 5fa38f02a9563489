#!/usr/bin/env node
// Obtains the Temporal server binaries the project runs against (
// toolchain note "Temporal server binaries"). Both a module and a CLI:
//
//   node scripts/temporal-binaries.mjs [cli|test-server|all] [--require]
//     prints TEMPORAL_CLI_PATH=/abs/path and/or TEMPORAL_TEST_SERVER_PATH=/abs/path on stdout
//     (progress goes to stderr); exits 1 with an error naming every option when nothing works.
//
//   import { resolveTemporalCli, resolveTestServer } from './scripts/temporal-binaries.mjs';
//     each resolves to an absolute path, or null meaning "let the SDK download it"
//     (only works with internet access); with { required: true } null becomes an error.
//
// Temporal CLI (dev server), in order:
//   1. $TEMPORAL_CLI_PATH (explicit; an error when it does not exist)
//   2. a `temporal` on PATH
//   3. the cached build ${SAFETYNET_CACHE_DIR:-$HOME/.cache/safetynet}/temporal-cli-v1.5.1/temporal
//      when `temporal --version` matches v1.5.1
//   4. `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into that directory when Go
//      is present (go on PATH or /usr/local/go/bin/go); several minutes the first time
//   5. null: the SDK downloads it from temporal.download
// Java time-skipping test server, in order:
//   1. $TEMPORAL_TEST_SERVER_PATH
//   2. the cached wrapper <cache>/temporal-test-server-1.31.0/temporal-test-server whose
//      classpath.txt (and every jar in it) exists
//   3. with mvn and java: resolve io.temporal:temporal-test-server's runtime classpath with a
//      tiny pom (scripts/temporal-test-server/pom.xml) and write that wrapper
//   4. null: the SDK downloads it
// Builds take a lock file in the cache directory so that concurrent callers build once.
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants as fsConstants,
  createWriteStream,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { lookup } from 'node:dns/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_CLI_VERSION = '1.5.1';
/** Temporal server version embedded in CLI v1.5.1 (what `go install` builds report). */
const TEMPORAL_CLI_SERVER_VERSION = '1.29.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEST_SERVER_VERSION = '1.31.0';
const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';
const GO_FALLBACK = '/usr/local/go/bin/go';
const HEARTBEAT_MS = 30_000;

const scriptDir = dirname(fileURLToPath(import.meta.url));
const POM_TEMPLATE = join(scriptDir, 'temporal-test-server', 'pom.xml');

export class TemporalBinaryError extends Error {
  constructor(message) {
    super(message);
    this.name = 'TemporalBinaryError';
  }
}

const defaultLog = (line) => process.stderr.write(`[temporal-binaries] ${line}\n`);

/** Cache root outside the repository: $SAFETYNET_CACHE_DIR or ~/.cache/safetynet. */
export function cacheDir(env = process.env) {
  const dir = env.SAFETYNET_CACHE_DIR || join(env.HOME || homedir(), '.cache', 'safetynet');
  return resolve(dir);
}

export function temporalCliCachePath(env = process.env) {
  return join(cacheDir(env), `temporal-cli-v${TEMPORAL_CLI_VERSION}`, 'temporal');
}

export function testServerCachePath(env = process.env) {
  return join(cacheDir(env), `temporal-test-server-${TEST_SERVER_VERSION}`, 'temporal-test-server');
}

// ---------------------------------------------------------------------------------------
// Temporal CLI

/**
 * @param {{ log?: ((line: string) => void) | null, env?: NodeJS.ProcessEnv, allowBuild?: boolean, required?: boolean | string }} [options]
 *   required: true (or a reason string) turns the null result into a TemporalBinaryError
 * @returns {Promise<string | null>} absolute path of a `temporal` binary, or null = SDK download
 */
export async function resolveTemporalCli({
  log = defaultLog,
  env = process.env,
  allowBuild = true,
  required = false,
} = {}) {
  log = log || (() => {});
  const tried = [];

  // 1. explicit path
  if (env.TEMPORAL_CLI_PATH) {
    const explicit = resolve(env.TEMPORAL_CLI_PATH);
    if (!isExecutableFile(explicit)) {
      throw new TemporalBinaryError(
        cliErrorMessage(env, [`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH}: no executable file there`]),
      );
    }
    log(`使用 TEMPORAL_CLI_PATH：${explicit}`);
    return explicit;
  }
  tried.push('TEMPORAL_CLI_PATH: not set');

  // 2. PATH
  const onPath = findOnPath('temporal', env);
  if (onPath) {
    const version = versionOf(onPath);
    if (version && !matchesCliVersion(version)) {
      log(`注意：PATH 上的 temporal 版本为「${version}」，项目按 v${TEMPORAL_CLI_VERSION} 测试`);
    }
    log(`使用 PATH 上的 temporal：${onPath}`);
    return onPath;
  }
  tried.push('`temporal` on PATH: not found');

  // 3. cached build
  const cached = temporalCliCachePath(env);
  const cachedState = checkCachedCli(cached);
  if (cachedState.ok) {
    log(`使用缓存的 Temporal CLI v${TEMPORAL_CLI_VERSION}：${cached}`);
    return cached;
  }
  tried.push(`cached build ${cached}: ${cachedState.reason}`);

  // 4. go install
  const go = findGo(env);
  if (go && allowBuild) {
    return withLock(`${dirname(cached)}.lock`, log, 'Temporal CLI', async () => {
      if (checkCachedCli(cached).ok) {
        log(`使用缓存的 Temporal CLI v${TEMPORAL_CLI_VERSION}（由另一个进程构建）：${cached}`);
        return cached;
      }
      await goInstallCli(go, cached, env, log, tried);
      const built = checkCachedCli(cached);
      if (!built.ok) {
        throw new TemporalBinaryError(
          cliErrorMessage(env, [...tried, `go install finished but ${cached}: ${built.reason}`]),
        );
      }
      return cached;
    });
  }
  tried.push(go ? `Go (${go}): build not allowed by caller` : `Go: no \`go\` on PATH nor at ${GO_FALLBACK}`);

  // 5. SDK download
  if (required) {
    tried.push(
      `SDK download from temporal.download: ${typeof required === 'string' ? required : 'not allowed (the caller requires a local binary)'}`,
    );
    throw new TemporalBinaryError(cliErrorMessage(env, tried));
  }
  log('未找到本地 Temporal CLI；若可联网，将由 Temporal SDK 自行下载');
  return null;
}

function cliErrorMessage(env, tried) {
  return [
    '无法获得 Temporal CLI（dev server）。Could not obtain the Temporal CLI. Options, in order:',
    '  1. TEMPORAL_CLI_PATH=/abs/path/to/temporal (explicit binary)',
    '  2. a `temporal` binary on PATH',
    `  3. a cached build at ${temporalCliCachePath(env)} reporting v${TEMPORAL_CLI_VERSION}` +
      ' (cache dir: $SAFETYNET_CACHE_DIR, default ~/.cache/safetynet)',
    `  4. Go (go on PATH or ${GO_FALLBACK}) to run \`go install ${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION}\`` +
      ' (needs the Go module proxy; run `node scripts/temporal-binaries.mjs cli`)',
    '  5. the Temporal SDK internet download from temporal.download (machines with internet only)',
    'What was found:',
    ...tried.map((t) => `  - ${t}`),
  ].join('\n');
}

/** `temporal --version` of v1.5.1: "temporal version 1.5.1 (...)" when built with the release
 *  ldflags, "temporal version 0.0.0-DEV (Server 1.29.1, ...)" from a plain `go install`. */
export function matchesCliVersion(versionOutput) {
  const v = TEMPORAL_CLI_VERSION.replace(/\./g, '\\.');
  const sv = TEMPORAL_CLI_SERVER_VERSION.replace(/\./g, '\\.');
  return (
    new RegExp(`version v?${v}(\\s|$)`).test(versionOutput) ||
    new RegExp(`version 0\\.0\\.0-DEV \\(Server ${sv}[,)]`).test(versionOutput)
  );
}

function checkCachedCli(path) {
  if (!existsSync(path)) return { ok: false, reason: 'not built yet' };
  if (!isExecutableFile(path)) return { ok: false, reason: 'not an executable file' };
  const version = versionOf(path);
  if (!version) return { ok: false, reason: '`temporal --version` failed' };
  if (!matchesCliVersion(version)) return { ok: false, reason: `version mismatch ("${version}")` };
  return { ok: true };
}

function versionOf(binary) {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return null;
  return `${r.stdout}`.trim().split('\n')[0];
}

function findGo(env) {
  return findOnPath('go', env) || (isExecutableFile(GO_FALLBACK) ? GO_FALLBACK : null);
}

async function goInstallCli(go, target, env, log, tried) {
  const targetDir = dirname(target);
  mkdirSync(targetDir, { recursive: true });
  // Build into a private GOBIN and rename, so a half-written binary never sits at `target`.
  const gobin = `${targetDir}.tmp-${process.pid}`;
  rmSync(gobin, { recursive: true, force: true });
  mkdirSync(gobin, { recursive: true });
  const logPath = `${targetDir}.build.log`;
  const ldflags = `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`;
  const args = ['install', '-v', '-ldflags', ldflags, `${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION}`];
  log(`正在构建 Temporal CLI v${TEMPORAL_CLI_VERSION}（首次约需数分钟）…`);
  log(`  ${go} ${shellJoin(args)}  (GOBIN=${gobin}; 完整日志：${logPath})`);

  const started = Date.now();
  const out = createWriteStream(logPath);
  out.write(`# ${new Date().toISOString()} GOBIN=${gobin} ${go} ${shellJoin(args)}\n`);
  let downloads = 0;
  let packages = 0;
  let last = '';
  let compiling = false;
  const tail = [];
  const child = spawn(go, args, {
    env: { ...env, GOBIN: gobin },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onLine = (line) => {
    if (!line) return;
    out.write(`${line}\n`);
    tail.push(line);
    if (tail.length > 40) tail.shift();
    const dl = /^go: downloading (\S+) (\S+)/.exec(line);
    if (dl) {
      downloads += 1;
      last = `${dl[1]} ${dl[2]}`;
      if (downloads === 1 || downloads % 50 === 0) log(`  下载模块 #${downloads}：${last}`);
      return;
    }
    if (/^[\w.-]+(\/[\w.@~+-]+)*$/.test(line)) {
      packages += 1;
      last = line;
      if (!compiling) {
        compiling = true;
        log(`  开始编译（已下载 ${downloads} 个模块）…`);
      }
    }
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop();
      lines.forEach(onLine);
    });
    stream.on('end', () => onLine(buf));
  }
  const heartbeat = setInterval(() => {
    log(
      `  …构建中，已用 ${elapsed(started)}：已下载 ${downloads} 个模块，已编译 ${packages} 个包${last ? `（最近：${last}）` : ''}`,
    );
  }, HEARTBEAT_MS);
  const code = await new Promise((res) => {
    child.on('error', (e) => {
      tail.push(String(e));
      res(-1);
    });
    child.on('close', (c) => res(c ?? -1));
  });
  clearInterval(heartbeat);
  out.write(`# exit ${code} after ${elapsed(started)}\n`);
  await new Promise((res) => out.end(res));
  if (code !== 0) {
    rmSync(gobin, { recursive: true, force: true });
    throw new TemporalBinaryError(
      [
        `go install ${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION} failed (exit ${code}) after ${elapsed(started)}; log: ${logPath}`,
        ...tail.slice(-20).map((l) => `  | ${l}`),
        cliErrorMessage(env, [...tried, `Go (${go}): go install failed (see above)`]),
      ].join('\n'),
    );
  }
  renameSync(join(gobin, 'temporal'), target);
  rmSync(gobin, { recursive: true, force: true });
  log(`Temporal CLI v${TEMPORAL_CLI_VERSION} 构建完成，用时 ${elapsed(started)}：${target}`);
}

// ---------------------------------------------------------------------------------------
// Java time-skipping test server

/**
 * @param {{ log?: ((line: string) => void) | null, env?: NodeJS.ProcessEnv, allowBuild?: boolean, required?: boolean | string }} [options]
 *   required: true (or a reason string) turns the null result into a TemporalBinaryError
 * @returns {Promise<string | null>} absolute path of an executable test server, or null = SDK download
 */
export async function resolveTestServer({
  log = defaultLog,
  env = process.env,
  allowBuild = true,
  required = false,
} = {}) {
  log = log || (() => {});
  const tried = [];

  // 1. explicit path
  if (env.TEMPORAL_TEST_SERVER_PATH) {
    const explicit = resolve(env.TEMPORAL_TEST_SERVER_PATH);
    if (!isExecutableFile(explicit)) {
      throw new TemporalBinaryError(
        testServerErrorMessage(env, [
          `TEMPORAL_TEST_SERVER_PATH=${env.TEMPORAL_TEST_SERVER_PATH}: no executable file there`,
        ]),
      );
    }
    log(`使用 TEMPORAL_TEST_SERVER_PATH：${explicit}`);
    return explicit;
  }
  tried.push('TEMPORAL_TEST_SERVER_PATH: not set');

  // 2. cached wrapper
  const wrapper = testServerCachePath(env);
  const state = checkCachedTestServer(wrapper);
  if (state.ok) {
    log(`使用缓存的 Temporal 测试服务器 ${TEST_SERVER_VERSION}：${wrapper}`);
    return wrapper;
  }
  tried.push(`cached wrapper ${wrapper}: ${state.reason}`);

  // 3. Maven-resolved classpath behind a wrapper
  const mvn = findOnPath('mvn', env);
  const java = findJava(env);
  if (mvn && java && allowBuild) {
    return withLock(`${dirname(wrapper)}.lock`, log, 'Temporal test server', async () => {
      if (checkCachedTestServer(wrapper).ok) return wrapper;
      await mavenResolveTestServer(mvn, wrapper, env, log);
      const built = checkCachedTestServer(wrapper);
      if (!built.ok) {
        throw new TemporalBinaryError(testServerErrorMessage(env, [...tried, `after mvn: ${built.reason}`]));
      }
      return wrapper;
    });
  }
  tried.push(
    !mvn || !java
      ? `Maven + Java: ${[!mvn && '`mvn` not on PATH', !java && '`java` not on PATH nor in $JAVA_HOME/bin'].filter(Boolean).join(', ')}`
      : 'Maven + Java: build not allowed by caller',
  );

  // 4. SDK download
  if (required) {
    tried.push(
      `SDK download from temporal.download: ${typeof required === 'string' ? required : 'not allowed (the caller requires a local binary)'}`,
    );
    throw new TemporalBinaryError(testServerErrorMessage(env, tried));
  }
  log('未找到本地 Temporal 测试服务器；若可联网，将由 Temporal SDK 自行下载');
  return null;
}

function testServerErrorMessage(env, tried) {
  return [
    '无法获得 Temporal 时间跳跃测试服务器。Could not obtain the Temporal time-skipping test server. Options, in order:',
    '  1. TEMPORAL_TEST_SERVER_PATH=/abs/path/to/executable (called as `<exe> <port>`)',
    `  2. a cached wrapper at ${testServerCachePath(env)} with its classpath.txt` +
      ' (cache dir: $SAFETYNET_CACHE_DIR, default ~/.cache/safetynet)',
    `  3. Maven (mvn) + Java 11+ (java) to resolve io.temporal:temporal-test-server:${TEST_SERVER_VERSION} from Maven Central` +
      ' (run `node scripts/temporal-binaries.mjs test-server`)',
    '  4. the Temporal SDK internet download from temporal.download (machines with internet only)',
    'What was found:',
    ...tried.map((t) => `  - ${t}`),
  ].join('\n');
}

function checkCachedTestServer(wrapper) {
  if (!existsSync(wrapper)) return { ok: false, reason: 'not resolved yet' };
  if (!isExecutableFile(wrapper)) return { ok: false, reason: 'not an executable file' };
  const cpFile = join(dirname(wrapper), 'classpath.txt');
  if (!existsSync(cpFile)) return { ok: false, reason: `${cpFile} missing` };
  const entries = readFileSync(cpFile, 'utf8').trim().split(delimiter).filter(Boolean);
  if (entries.length === 0) return { ok: false, reason: `${cpFile} is empty` };
  const missing = entries.find((e) => !existsSync(e));
  if (missing) return { ok: false, reason: `classpath entry ${missing} missing (Maven repository cleaned?)` };
  return { ok: true };
}

function findJava(env) {
  if (env.JAVA_HOME && isExecutableFile(join(env.JAVA_HOME, 'bin', 'java'))) return join(env.JAVA_HOME, 'bin', 'java');
  return findOnPath('java', env);
}

async function mavenResolveTestServer(mvn, wrapper, env, log) {
  const dir = dirname(wrapper);
  mkdirSync(dir, { recursive: true });
  const pom = readFileSync(POM_TEMPLATE, 'utf8').replaceAll('@VERSION@', TEST_SERVER_VERSION);
  writeFileSync(join(dir, 'pom.xml'), pom);
  const cpTmp = join(dir, `classpath.txt.tmp-${process.pid}`);
  const args = ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${cpTmp}`, '-Dmdep.includeScope=runtime'];
  log(`正在用 Maven 解析 io.temporal:temporal-test-server:${TEST_SERVER_VERSION} 的类路径…`);
  const started = Date.now();
  const heartbeat = setInterval(() => log(`  …Maven 解析中，已用 ${elapsed(started)}`), HEARTBEAT_MS);
  const output = [];
  const code = await new Promise((res) => {
    const child = spawn(mvn, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => output.push(String(d)));
    child.stderr.on('data', (d) => output.push(String(d)));
    child.on('error', (e) => {
      output.push(String(e));
      res(-1);
    });
    child.on('close', (c) => res(c ?? -1));
  });
  clearInterval(heartbeat);
  if (code !== 0 || !existsSync(cpTmp)) {
    rmSync(cpTmp, { force: true });
    throw new TemporalBinaryError(
      [
        `mvn ${args.join(' ')} failed in ${dir} (exit ${code}):`,
        ...output
          .join('')
          .trim()
          .split('\n')
          .slice(-20)
          .map((l) => `  | ${l}`),
        testServerErrorMessage(env, ['Maven + Java: dependency resolution failed']),
      ].join('\n'),
    );
  }
  renameSync(cpTmp, join(dir, 'classpath.txt'));
  // exec: sdk-core kills the process it spawned, so that must be the JVM itself.
  // Serial GC + C1 only + default CDS: the JVM opens the port in ~0.5 s (sdk-core waits 5 s).
  const script = [
    '#!/bin/sh',
    `# Temporal Java time-skipping test server ${TEST_SERVER_VERSION}; written by scripts/temporal-binaries.mjs.`,
    '# Usage: temporal-test-server <port> [args]. Extra JVM options: $TEMPORAL_TEST_SERVER_JAVA_OPTS.',
    'dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)',
    'java=java',
    'if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi',
    'exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto $TEMPORAL_TEST_SERVER_JAVA_OPTS \\',
    `  -cp "$(cat "$dir/classpath.txt")" ${TEST_SERVER_MAIN} "$@"`,
    '',
  ].join('\n');
  const tmp = `${wrapper}.tmp-${process.pid}`;
  writeFileSync(tmp, script, { mode: 0o755 });
  renameSync(tmp, wrapper);
  log(`Temporal 测试服务器就绪（Maven 用时 ${elapsed(started)}）：${wrapper}`);
}

// ---------------------------------------------------------------------------------------
// helpers

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name, env) {
  for (const dir of (env.PATH || '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function elapsed(since) {
  const s = Math.round((Date.now() - since) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const shellJoin = (args) =>
  args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Runs fn holding an exclusive lock file (O_EXCL create, holder's pid inside; a lock whose
 *  holder died is taken over). Waiters print a heartbeat and re-check the cache inside fn. */
async function withLock(lockPath, log, label, fn) {
  mkdirSync(dirname(lockPath), { recursive: true });
  const started = Date.now();
  let lastBeat = started;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    } catch {
      continue; // released between open and read
    }
    const age = (() => {
      try {
        return Date.now() - statSync(lockPath).mtimeMs;
      } catch {
        return 0;
      }
    })();
    // Stale: holder is dead (or the file is empty for more than 10 s: writer died mid-create).
    if ((Number.isInteger(holder) && !pidAlive(holder)) || (!Number.isInteger(holder) && age > 10_000)) {
      const aside = `${lockPath}.stale-${process.pid}`;
      try {
        renameSync(lockPath, aside);
        const content = readFileSync(aside, 'utf8');
        if (Number.parseInt(content, 10) === holder || !Number.isInteger(holder)) {
          unlinkSync(aside);
          log(`清除失效的锁（进程 ${holder} 已退出）：${lockPath}`);
        } else {
          // Raced with another process that had just taken the lock: put it back.
          try {
            linkSync(aside, lockPath);
          } catch {
            /* someone else holds it now */
          }
          unlinkSync(aside);
        }
      } catch {
        /* another waiter handled it */
      }
      continue;
    }
    if (!announced) {
      announced = true;
      log(`另一个进程（pid ${holder}）正在准备 ${label}，等待其完成…（锁：${lockPath}）`);
    } else if (Date.now() - lastBeat >= HEARTBEAT_MS) {
      lastBeat = Date.now();
      log(`  …仍在等待 ${label}，已等待 ${elapsed(started)}`);
    }
    await sleep(1000);
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  }
}

// ---------------------------------------------------------------------------------------
// CLI

async function canReachSdkDownload() {
  try {
    await Promise.race([lookup('temporal.download'), sleep(3000).then(() => Promise.reject(new Error('timeout')))]);
    return true;
  } catch {
    return false;
  }
}

async function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const required = argv.includes('--require');
  const what = args[0] || 'all';
  if (!['cli', 'test-server', 'all'].includes(what) || argv.includes('--help')) {
    process.stderr.write('usage: node scripts/temporal-binaries.mjs [cli|test-server|all] [--require]\n');
    return what === 'help' || argv.includes('--help') ? 0 : 2;
  }
  const jobs = [];
  if (what === 'cli' || what === 'all') jobs.push(['TEMPORAL_CLI_PATH', resolveTemporalCli]);
  if (what === 'test-server' || what === 'all') {
    jobs.push(['TEMPORAL_TEST_SERVER_PATH', resolveTestServer]);
  }
  let failed = false;
  // Sequential on purpose: the Go build and the JVM would otherwise compete for the CPUs.
  for (const [name, resolveFn] of jobs) {
    try {
      let path = await resolveFn({ required });
      if (!path && !(await canReachSdkDownload())) {
        // Nothing local and no internet: fail now with the full list of what was tried.
        path = await resolveFn({ required: 'temporal.download does not resolve (no internet)', log: null });
      }
      if (path) process.stdout.write(`${name}=${path}\n`);
      else defaultLog(`${name} 未设置：temporal.download 可达，由 SDK 下载`);
    } catch (e) {
      failed = true;
      process.stderr.write(`${e instanceof TemporalBinaryError ? e.message : (e?.stack ?? e)}\n`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${e?.stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}

#!/usr/bin/env node
// Contract test: Schemathesis against a real stack, checking that the API keeps to its own
// OpenAPI document (/docs/openapi.json).
//
//   node scripts/contract-test.mjs [--no-build] [--max-examples N] [--keep]
//
// 1. builds (npm run build) unless --no-build, then starts the embedded stack
//    (dist/src/dev/start-embedded.js: PostgreSQL, the Temporal dev server, worker, API) on free
//    ports with a throwaway data folder;
// 2. installs schemathesis==4.32.5 into ${SAFETYNET_CACHE_DIR:-$HOME/.cache/safetynet}/schemathesis-venv-py<version>
//    when missing (with $SCHEMATHESIS_PYTHON, else python3.13/3.12 on PATH or built by pyenv, else python3);
// 3. mints a token per role (POST /api/v1/dev/tokens) and runs `st run` once per role over the
//    operations that role may call (the document's x-roles), the public ones once more without a token;
// 4. fails on any 5xx, a body, header or content type that contradicts the document, or a status
//    code the document does not list; exits non-zero then, printing the API's error log.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMATHESIS = '4.32.5';
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const MAX_EXAMPLES = option('--max-examples', process.env.CONTRACT_MAX_EXAMPLES ?? '12');
/** Wall-clock budget of one role's run; fuzzing and stateful phases stop when it is spent. */
const MAX_TIME = option('--max-time', process.env.CONTRACT_MAX_TIME ?? '20');

/** One demo user per role (prisma/seed-data.ts). */
const ROLE_USERS = {
  VILLAGE_ASSISTANT: 'village.assistant',
  TOWNSHIP_CASEWORKER: 'township.caseworker',
  COUNTY_OFFICER: 'county.officer',
  COUNTY_SUPERVISOR: 'county.supervisor',
  CITY_SUPERVISOR: 'city.supervisor',
  DEPARTMENT_LIAISON: 'department.liaison',
  AUDITOR: 'auditor',
  ADMINISTRATOR: 'administrator',
  SECURITY_ADMINISTRATOR: 'security.administrator',
  AUDIT_ADMINISTRATOR: 'audit.administrator',
};
/** 三员分立: these roles reach only the routes that name them. */
const SEPARATED = new Set(['SECURITY_ADMINISTRATOR', 'AUDIT_ADMINISTRATOR']);
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'ignored_auth',
  'use_after_free',
  'ensure_resource_availability',
];

const log = (line) => console.log(`[contract] ${line}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Without blocking the event loop (the stack's log stream and HTTP keep-alive sockets stay serviced). */
function runAsync(command, argv, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: 'inherit', cwd });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * A Python of 3.12 or newer: $SCHEMATHESIS_PYTHON, python3.13/3.12 on PATH, or pyenv's own builds
 * (pyenv's shims answer only for the selected version), else python3. CPython 3.11 before
 * 3.11.8 fails inside Hypothesis with "AST constructor recursion depth mismatch", which
 * Schemathesis reports as errors.
 */
function python() {
  if (process.env.SCHEMATHESIS_PYTHON) return process.env.SCHEMATHESIS_PYTHON;
  const pyenv = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const built = existsSync(pyenv)
    ? readdirSync(pyenv)
        .filter((v) => /^3\.(1[2-9]|[2-9]\d)\.\d+$/.test(v))
        .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
        .map((v) => join(pyenv, v, 'bin', 'python3'))
    : [];
  return ['python3.13', 'python3.12', ...built].find((p) => spawnSync(p, ['--version']).status === 0) ?? 'python3';
}

/** "3.13" for a Python executable: the virtualenv is kept per interpreter version. */
function pythonVersion(py) {
  const out = spawnSync(py, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : 'unknown';
}

/** The cached virtualenv's `st`, installed when missing or of another version. */
function schemathesis() {
  const cache = process.env.SAFETYNET_CACHE_DIR ?? join(homedir(), '.cache', 'safetynet');
  const py = python();
  // One virtualenv per Python version, so a venv made by an older interpreter is not reused.
  const venv = join(cache, `schemathesis-venv-py${pythonVersion(py)}`);
  const st = join(venv, 'bin', 'st');
  const version = existsSync(st) ? (spawnSync(st, ['--version'], { encoding: 'utf8' }).stdout ?? '') : '';
  if (!version.includes(SCHEMATHESIS)) {
    log(`安装 schemathesis==${SCHEMATHESIS} 到 ${venv}`);
    if (!existsSync(join(venv, 'bin', 'pip')) && run(py, ['-m', 'venv', venv]) !== 0)
      throw new Error('无法创建 Python 虚拟环境（需要 python3 与 venv 模块）');
    if (run(join(venv, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS}`]) !== 0)
      throw new Error('schemathesis 安装失败');
  }
  return st;
}

async function waitForHealth(url, child, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`服务启动失败（退出代码 ${child.exitCode}）`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`服务在 ${timeoutMs / 1000} 秒内未通过健康检查：${url}`);
}

async function token(base, username) {
  const res = await fetch(`${base}/api/v1/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`无法为 ${username} 取得令牌：HTTP ${res.status}`);
  return (await res.json()).accessToken;
}

/** operationId of every operation, with whether it is public and the roles that may call it. */
function operations(doc) {
  const ops = [];
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      ops.push({
        id: op.operationId,
        isPublic: !op.security || op.security.length === 0,
        roles: op['x-roles'] ?? null,
        // A server-sent event stream never ends: Schemathesis would wait on it until its request
        // timeout for every example. test/e2e/live.e2e.spec.ts reads it (events, 401, 403) instead.
        streams: Object.keys(op.responses?.['200']?.content ?? {}).includes('text/event-stream'),
      });
    }
  }
  return ops;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main() {
  const started = Date.now();
  if (!flag('--no-build')) {
    log('构建（npm run build）');
    if (run('npm', ['run', 'build', '--silent']) !== 0) return 1;
  }
  const st = schemathesis();
  const dataDir = mkdtempSync(join(tmpdir(), 'safetynet-contract-'));
  const logFile = join(dataDir, 'stack.log');
  const [port, pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const out = openSync(logFile, 'a');
  const stack = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'dev', 'start-embedded.js')], {
    cwd: ROOT,
    // Own process group, like `npm start`: the launcher stops its children in order on SIGTERM.
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_TEMPORAL_PORT: String(temporalPort),
      EMBEDDED_TEMPORAL_UI_PORT: String(uiPort),
      SAFETYNET_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // ignored_auth sends forged tokens to every operation on purpose: locked out, the same
      // client's next ones would answer 429 (the lock-out is tested in test/e2e/contracts.e2e.spec.ts).
      AUTH_LOCKOUT_FAILURES: '0',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
    },
  });
  const interrupted = () => void stop(stack).then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let failed = false;
  try {
    const base = `http://127.0.0.1:${port}`;
    log(`启动内置服务（端口 ${port}，数据目录 ${dataDir}）`);
    await waitForHealth(`${base}/health`, stack);
    const doc = await (await fetch(`${base}/docs/openapi.json`)).json();
    const ops = operations(doc).filter((o) => !o.streams);
    const common = [
      `${base}/docs/openapi.json`,
      '--url',
      base,
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      MAX_EXAMPLES,
      '--max-time',
      MAX_TIME,
      '--workers',
      '2',
      '--request-timeout',
      '30',
      '--seed',
      process.env.CONTRACT_SEED ?? '20251204',
      '--suppress-health-check',
      'all',
      '--warnings',
      'off',
      '--no-color',
    ];
    const runs = [
      // The dev token endpoints are exercised by the script itself; fuzzing them mints tokens only.
      {
        name: '公开接口（无令牌）',
        phases: 'examples,coverage,fuzzing',
        ids: ops.filter((o) => o.isPublic && !o.id.startsWith('DevToken')).map((o) => o.id),
      },
      ...Object.entries(ROLE_USERS).map(([role, username]) => ({
        name: role,
        username,
        // Signing out would end the very token the run uses (test/e2e/contracts.e2e.spec.ts covers it).
        ids: ops
          .filter((o) => !o.isPublic && !o.id.startsWith('SessionController'))
          .filter((o) => (o.roles === null ? !SEPARATED.has(role) : o.roles.includes(role)))
          .map((o) => o.id),
        // The audit administrator's two reads have no links between them: no stateful phase.
        ...(role === 'AUDIT_ADMINISTRATOR' ? { phases: 'examples,coverage,fuzzing' } : {}),
      })),
    ];
    const tokens = new Map();
    // CONTRACT_ROLES=COUNTY_OFFICER,AUDITOR narrows a local run to those roles.
    const only = process.env.CONTRACT_ROLES?.split(',');
    if (only) runs.splice(0, runs.length, ...runs.filter((r) => r.username && only.includes(r.name)));
    for (const r of runs) if (r.username) tokens.set(r.username, await token(base, r.username));
    for (const r of runs) {
      const headers = r.username ? ['--header', `Authorization: Bearer ${tokens.get(r.username)}`] : [];
      log(`${r.name}：${r.ids.length} 个接口`);
      const phases = r.phases ? ['--phases', r.phases] : []; // no links among these operations: no stateful phase
      const status = await runAsync(
        st,
        ['run', ...common, ...headers, ...phases, ...r.ids.flatMap((id) => ['--include-operation-id', id])],
        dataDir,
      ); // its .schemathesis/ stays out of the repo
      if (status !== 0) {
        failed = true;
        log(`${r.name}：未通过（退出代码 ${status}）`);
      }
    }
  } finally {
    await stop(stack);
    if (failed) {
      const errors = readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => /"level":(50|60)|未处理的错误|Error/.test(l));
      if (errors.length) console.log(['', '[contract] 服务日志中的错误：', ...errors.slice(-40)].join('\n'));
    }
    if (flag('--keep')) log(`保留数据目录 ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  log(`${failed ? '未通过' : '通过'}（用时 ${Math.round((Date.now() - started) / 1000)} 秒）`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('[contract] 失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

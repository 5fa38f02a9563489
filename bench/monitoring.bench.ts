// npm run bench:monitoring — department data comparison (数据比对) at a county's size.
// BENCH_PERSONS (300,000) persons of 文峰区 seeded straight into the registry by COPY (every
// third one an imported 低保 recipient), then one file of BENCH_ROWS (1,000,000) rows of the
// medical insurance source (大额医疗费用支出) through the real path: HTTP upload (multipart,
// streamed) → row checks → staging by COPY → matching → warnings raised and their workflows
// started, until the batch is REPORTED. The API runs as a process of its own
// (dist/src/main.js): its peak RSS is its own; the worker (matching, warning workflows) and
// the driver share the bench process. In the same run the floor: COPY of the same file into
// a plain table, then one join of its rows to the persons' HMAC column (HMAC computed in SQL).
// Env: BENCH_PERSONS, BENCH_ROWS, BENCH_SHARE (0.3: rows by registered persons), BENCH_TIMEOUT_MS.
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cstDate } from '../src/core/clock';
import { P } from '../src/core/parameter-ids';
import { defaultParameterStore } from '../src/policy';
import { PiiCipher } from '../src/registry/pii-cipher';
import { BENCH_COUNTY, seedPersons, writeDepartmentFile } from './support/monitoring-data';
import { abortAfter, startBenchStack } from './support/stack';

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} 须为正数`);
  return value;
};
const PERSONS = num('BENCH_PERSONS', 300_000);
const ROWS = num('BENCH_ROWS', 1_000_000);
const SHARE = num('BENCH_SHARE', 0.3);
const TIMEOUT_MS = num('BENCH_TIMEOUT_MS', 60 * 60_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** Resident memory of a process (Linux /proc), 0 once it has gone. */
const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

interface Batch {
  id: string;
  status: string;
  duplicate: boolean;
  rowsRead: number;
  rowsRefused: number;
  rowsStaged: number;
  rowsMatched: number | null;
  warningsRaised: number | null;
}

/** The file as a browser sends it: multipart, streamed from disk in 64 KB chunks. */
function upload(baseUrl: string, token: string, path: string): Promise<{ status: number; body: Batch }> {
  const boundary = '----benchmonitoring';
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="source"\r\n\r\nMEDICAL_LARGE_EXPENSE\r\n` +
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="medical-${ROWS}.csv"\r\ncontent-type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/api/v1/monitoring/batches`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + statSync(path).size + tail.length,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Batch });
          } catch {
            reject(new Error(`上传的回答不是 JSON：${res.statusCode} ${text.slice(0, 300)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const file = createReadStream(path, { highWaterMark: 64 * 1024 });
    file.on('data', (chunk) => {
      if (!req.write(chunk)) {
        file.pause();
        req.once('drain', () => file.resume());
      }
    });
    file.on('end', () => req.end(tail));
    file.on('error', reject);
  });
}

/** The floor: the same file COPYed into a plain table, then its rows joined to the persons' HMAC column. */
async function floor(
  pool: Pool,
  path: string,
  hmacKeyHex: string,
): Promise<{ copyMs: number; joinMs: number; matched: number }> {
  await pool.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  await pool.query(
    'CREATE TABLE bench_floor (id_number text, name text, county text, settled text, total text, own text, insurance text)',
  );
  const client = await pool.connect();
  try {
    const t0 = performance.now();
    await pipeline(
      createReadStream(path, { highWaterMark: 1 << 20 }),
      client.query(copyFrom('COPY bench_floor FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    const copyMs = performance.now() - t0;
    const t1 = performance.now();
    const r = await client.query<{ matched: number }>(
      `SELECT count(*)::int AS matched FROM bench_floor f
       JOIN member m ON m.id_number_hmac = encode(hmac(convert_to(upper(f.id_number), 'UTF8'), decode($1::text, 'hex'), 'sha256'), 'hex')`,
      [hmacKeyHex],
    );
    return { copyMs, joinMs: performance.now() - t1, matched: r.rows[0]!.matched };
  } finally {
    client.release();
    await pool.query('DROP TABLE bench_floor');
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const parameters = defaultParameterStore();
  const today = cstDate(new Date().toISOString());
  const threshold = parameters.lookupNumber(P.MONITORING_LARGE_EXPENSE_THRESHOLD, {
    date: today,
    county: BENCH_COUNTY,
  });
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-bench-monitoring-'));
  const stack = await startBenchStack({
    parameters,
    taskQueue: 'bench-monitoring',
    api: 'own-process',
    workerClient: true,
  });
  const disarm = abortAfter(stack, TIMEOUT_MS);
  const pool = new Pool({ connectionString: stack.config.DATABASE_URL, max: 2 });
  try {
    console.log('SafetyNet department data comparison benchmark (npm run bench:monitoring)');
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}`);
    console.log(
      'stack: PostgreSQL (embedded), the Temporal CLI dev server and the API (dist/src/main.js) as child processes; worker and driver in this process',
    );

    const pii = new PiiCipher({
      hmacKeyHex: stack.config.PII_HMAC_KEY,
      encryptionKeyHex: stack.config.PII_ENCRYPTION_KEY,
    });
    let t = performance.now();
    await seedPersons(pool, pii, PERSONS);
    console.log(
      `\nseeded ${PERSONS.toLocaleString('en')} persons of 文峰区 by COPY (not measured): ${s(performance.now() - t)}`,
    );

    const file = join(dir, 'medical.csv');
    t = performance.now();
    const facts = await writeDepartmentFile(file, {
      rows: ROWS,
      persons: PERSONS,
      share: SHARE,
      threshold: threshold.value,
      today,
    });
    console.log(
      `generated ${ROWS.toLocaleString('en')} rows (${mb(facts.bytes)}; ${facts.good.toLocaleString('en')} good, ${facts.registered.toLocaleString('en')} of them by registered persons; ${facts.expectedWarnings} persons to warn at ≥ ${threshold.value} yuan out of pocket): ${s(performance.now() - t)}`,
    );

    const base = await floor(pool, file, stack.config.PII_HMAC_KEY);
    const floorMs = base.copyMs + base.joinMs;
    console.log(
      `\nfloor: COPY into a plain table ${s(base.copyMs)}, one join on the HMAC ${s(base.joinMs)} (${base.matched.toLocaleString('en')} rows matched): ${s(floorMs)}`,
    );

    const token = stack.tokens['county.officer']!;
    const apiPid = stack.apiPid!;
    const apiBefore = rssOf(apiPid);
    const benchBefore = process.memoryUsage().rss;
    let apiPeak = apiBefore;
    let benchPeak = benchBefore;
    const sampler = setInterval(() => {
      apiPeak = Math.max(apiPeak, rssOf(apiPid));
      benchPeak = Math.max(benchPeak, process.memoryUsage().rss);
    }, 50);
    t = performance.now();
    const up = await upload(stack.baseUrl, token, file).catch((e: unknown) => {
      clearInterval(sampler);
      throw e;
    });
    const stagedMs = performance.now() - t;
    if (up.status !== 201) {
      clearInterval(sampler);
      throw new Error(`上传失败：${up.status} ${JSON.stringify(up.body).slice(0, 500)}`);
    }
    let batch = up.body;
    while (batch.status !== 'REPORTED') {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(`${stack.baseUrl}/api/v1/monitoring/batches/${batch.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      batch = (await res.json()) as Batch;
    }
    const totalMs = performance.now() - t;
    clearInterval(sampler);

    const warnings = await pool.query<{ raised: number; started: number }>(
      'SELECT count(*)::int AS raised, count(workflow_id)::int AS started FROM warning WHERE first_batch_id = $1',
      [batch.id],
    );
    const { raised, started } = warnings.rows[0]!;
    // Where the time went, from the rows' own timestamps: staged, matched (its audit row), reported.
    const phases = await pool.query<{ staged: Date; matched: Date; reported: Date }>(
      `SELECT b.staged_at AS staged, a.at AS matched, b.reported_at AS reported FROM data_batch b
       JOIN audit_log a ON a.target_id = b.id::text AND a.action = 'DATA_BATCH_MATCHED' WHERE b.id = $1`,
      [batch.id],
    );
    const { staged, matched, reported } = phases.rows[0]!;
    const problems: string[] = [];
    if (batch.rowsStaged !== facts.good) problems.push(`暂存 ${batch.rowsStaged} 行，应为 ${facts.good} 行`);
    if (batch.rowsRefused !== ROWS - facts.good)
      problems.push(`拒绝 ${batch.rowsRefused} 行，应为 ${ROWS - facts.good} 行`);
    if (raised !== facts.expectedWarnings) problems.push(`产生 ${raised} 条预警，应为 ${facts.expectedWarnings} 条`);
    if (started !== raised) problems.push(`${raised - started} 条预警没有启动工作流`);

    // The same file again: the first batch, nothing written twice.
    const again = await upload(stack.baseUrl, token, file);
    const after = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM warning');
    if (again.status !== 200 || !again.body.duplicate || again.body.id !== batch.id)
      problems.push('同一文件再次上传未返回原批次');
    if (after.rows[0]!.n !== raised) problems.push('同一文件再次上传产生了新的预警');

    console.log(`\nthrough HTTP until REPORTED: ${s(totalMs)} (upload answered STAGED after ${s(stagedMs)})`);
    console.log(
      `  after the upload: matched ${s(matched.getTime() - staged.getTime())} after staging, reported ${s(reported.getTime() - matched.getTime())} after matching (warning workflows started)`,
    );
    console.log(
      `  ${Math.round(ROWS / (totalMs / 1000)).toLocaleString('en')} rows/s; floor ${Math.round(ROWS / (floorMs / 1000)).toLocaleString('en')} rows/s`,
    );
    console.log(
      `  rows: ${batch.rowsRead} read, ${batch.rowsRefused} refused (reported), ${batch.rowsStaged} staged, ${batch.rowsMatched} matched (floor's join: ${base.matched})`,
    );
    console.log(
      `  warnings: ${raised} raised, ${started} workflows started; the same file again: HTTP ${again.status}, duplicate ${again.body.duplicate}`,
    );
    console.log(`  ratio: ${(totalMs / floorMs).toFixed(2)} × the floor's time (goal ≤ 2 ×)`);
    console.log(
      `  peak RSS: API process ${mb(apiPeak)} (before ${mb(apiBefore)}; goal < 500 MB), bench process (worker + driver) ${mb(benchPeak)} (before ${mb(benchBefore)})`,
    );
    if (problems.length > 0) throw new Error(`结果不符：${problems.join('；')}`);
  } finally {
    disarm();
    await pool.end();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

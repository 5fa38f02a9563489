// npm run bench:monitoring — department data comparison (数据比对) at a county's size.
// BENCH_PERSONS (300,000) persons of 文峰区 seeded straight into the registry by COPY (every
// third one an imported 低保 recipient), then one file of BENCH_ROWS (1,000,000) rows of the
// medical insurance source (大额医疗费用支出) through the real path: HTTP upload (multipart,
// streamed) → row checks → staging by COPY → matching → warnings raised and their workflows
// started, until the batch is REPORTED. The API runs as a process of its own
// (dist/src/main.js): its peak RSS is its own; the worker (matching, warning workflows) and
// the driver share the bench process. In the same run the floor: COPY of the same file into
// a plain table, then one join of its rows to the persons' HMAC column (HMAC computed in SQL).
// Beside it, what the floor does not do, each alone: the same file parsed, checked and turned
// into staged rows in a loop in this process (no database), and as many bare workflow starts
// (a no-op workflow) as the batch raises warnings, with the same number in flight.
// Env: BENCH_PERSONS, BENCH_ROWS, BENCH_SHARE (0.3: rows by registered persons), BENCH_TIMEOUT_MS.
import { appendFileSync, createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cstDate } from '../src/core/clock';
import { SOURCE_LAYOUTS } from '../src/core/contracts/data-source';
import { P } from '../src/core/parameter-ids';
import { batchRows } from '../src/monitoring/batch-rows';
import { copyLine } from '../src/monitoring/copy-rows';
import { fileRecordChunks } from '../src/monitoring/file-records';
import { sniffFile } from '../src/monitoring/file-sniff';
import { otherIdKeys, STAGED_COLUMNS, stagedRow } from '../src/monitoring/staged-row';
import { START_CHUNK } from '../src/monitoring/warnings/warning.activities';
import { defaultParameterStore } from '../src/policy';
import { PiiCipher } from '../src/registry/pii-cipher';
import { BENCH_COUNTY, seedPersons, writeDepartmentFile } from './support/monitoring-data';
import { abortAfter, startBenchStack } from './support/stack';
import { startBareTemporal } from './support/bare-temporal';
import { pool as inFlight } from './support/stats';
import { noopWorkflow } from './workflows/noop.workflow';

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} 须为正数`);
  return value;
};
const PERSONS = num('BENCH_PERSONS', 300_000);
const ROWS = num('BENCH_ROWS', 1_000_000);
const SHARE = num('BENCH_SHARE', 0.3);
const TIMEOUT_MS = num('BENCH_TIMEOUT_MS', 60 * 60_000);
const STAGED_BATCH = '00000000-0000-4000-8000-000000000000';
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
function upload(
  baseUrl: string,
  token: string,
  path: string,
  onSent: () => void = () => undefined,
): Promise<{ status: number; body: Batch }> {
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
    file.on('end', () => {
      onSent();
      req.end(tail);
    });
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

/** The per-row work of staging alone: parse, check, HMAC, JSON and the COPY line, nothing sent. */
async function checksAlone(
  path: string,
  pii: PiiCipher,
  today: string,
  out: string,
): Promise<{ ms: number; good: number }> {
  const layout = SOURCE_LAYOUTS.MEDICAL_LARGE_EXPENSE;
  const idKeys = otherIdKeys(layout);
  const hmac = pii.bulkLookupHash();
  let t0 = performance.now();
  const chunks = fileRecordChunks(path, 'medical.csv', 'AUTO', await sniffFile(path));
  let good = 0;
  const lines: string[] = [];
  let ms = 0;
  for await (const items of batchRows(chunks, layout, { today, jurisdiction: BENCH_COUNTY }, { padShortRows: false })) {
    for (const item of items) {
      if (!item.ok) continue;
      good += 1;
      lines.push(copyLine(stagedRow(STAGED_BATCH, item.row, idKeys, hmac)));
    }
    // The staged rows are kept for the COPY below; writing them out is not timed.
    ms += performance.now() - t0;
    appendFileSync(out, lines.join(''));
    lines.length = 0;
    t0 = performance.now();
  }
  return { ms, good };
}

/** The staged rows alone COPYed into data_batch_row (its indexes, JSONB), in a transaction rolled back. */
async function stagedCopyAlone(pool: Pool, path: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO data_batch (id, source, file_name, sha256, encoding, scope_code, status, rows_read, rows_refused, rows_staged, uploaded_by, uploaded_at, staged_at)
       VALUES ($1, 'MEDICAL_LARGE_EXPENSE', 'floor.csv', repeat('0', 64), 'utf-8', $2, 'STAGED', 0, 0, 0, 'bench', now(), now())`,
      [STAGED_BATCH, BENCH_COUNTY],
    );
    const t0 = performance.now();
    await pipeline(
      createReadStream(path, { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`COPY data_batch_row (${STAGED_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`)),
    );
    return performance.now() - t0;
  } finally {
    await client.query('ROLLBACK');
    client.release();
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

    const stagedFile = join(dir, 'staged.csv');
    const alone = await checksAlone(file, pii, today, stagedFile);
    if (alone.good !== facts.good) throw new Error(`单独检查得到 ${alone.good} 行，应为 ${facts.good} 行`);
    const copyAloneMs = await stagedCopyAlone(pool, stagedFile);
    rmSync(stagedFile);
    const bare = await startBareTemporal(stack, `monitoring-${Date.now()}`);
    const b0 = performance.now();
    await inFlight(facts.expectedWarnings, START_CHUNK, async (i) => {
      await bare.client.workflow.start(noopWorkflow, {
        taskQueue: bare.taskQueue,
        workflowId: `bench-noop-monitoring-${i}-${b0}`,
        args: [0],
      });
    });
    const bareMs = performance.now() - b0;
    await bare.stop();
    console.log(
      `beside it, each alone: the rows parsed, checked and made into staged rows in this process (no database) ${s(alone.ms)}; those rows COPYed into data_batch_row (rolled back) ${s(copyAloneMs)}; ${facts.expectedWarnings} bare workflow starts (${START_CHUNK} in flight) ${s(bareMs)}`,
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
    // The API's peak while it received the file (multipart to disk), before it read a row.
    let receivingPeak = 0;
    const up = await upload(stack.baseUrl, token, file, () => (receivingPeak = apiPeak)).catch((e: unknown) => {
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
      `  staging ${s(stagedMs)} against its parts alone: checks ${s(alone.ms)} + COPY into data_batch_row ${s(copyAloneMs)} = ${s(alone.ms + copyAloneMs)} (${(stagedMs / (alone.ms + copyAloneMs)).toFixed(2)} ×)`,
    );
    const partsMs = alone.ms + copyAloneMs + base.joinMs + bareMs;
    console.log(
      `  the path's parts alone (checks, staged COPY, the floor's join, bare starts): ${s(partsMs)}; the path at ${(totalMs / partsMs).toFixed(2)} × that`,
    );
    console.log(
      `  peak RSS: API process ${mb(apiPeak)} (before ${mb(apiBefore)}, ${mb(receivingPeak)} until the file was received; goal < 500 MB), bench process (worker + driver) ${mb(benchPeak)} (before ${mb(benchBefore)})`,
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

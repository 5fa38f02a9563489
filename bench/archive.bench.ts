// npm run bench:archive — the case archive's upload path.
// A 10 MB PDF uploaded through the API (multipart over loopback, streamed: hash, size limit,
// AES-256-GCM, the filesystem store, the row and its audit row in one transaction) against
// writing the same bytes to the same store directly (FilesystemStore.putTemporary), in the
// same run. The API runs as a process of its own (dist/src/main.js), so its RSS is its own:
// sampled every 20 ms while the uploads run, against its RSS before the first one. A third
// figure writes the same bytes hashed and sealed as the upload does, without HTTP.
// Env: BENCH_UPLOADS (10), BENCH_FILE_MB (10), BENCH_TIMEOUT_MS (600000).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { sealIntoStore } from '../src/archive/seal-into-store';
import { deriveArchiveKey } from '../src/archive/sealing';
import { FilesystemStore } from '../src/archive/store/fs-store';
import { defaultParameterStore } from '../src/policy';
import { FACTS, SEEDED_HOUSEHOLD } from './support/facts';
import { abortAfter, startBenchStack } from './support/stack';

const intEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} 须为正整数`);
  return value;
};
const UPLOADS = intEnv('BENCH_UPLOADS', 10);
const FILE_MB = intEnv('BENCH_FILE_MB', 10);
const TIMEOUT_MS = intEnv('BENCH_TIMEOUT_MS', 600_000);
const MB = 1024 * 1024;

/** A PDF-headed file of FILE_MB; the counter makes each one's hash differ (a case refuses duplicates). */
const pdfOf = (i: number) => {
  const file = Buffer.alloc(FILE_MB * MB, 0x20);
  file.write(`%PDF-1.7\n% bench upload ${i}\n`);
  return file;
};

/** Kilobytes of resident memory of a process (Linux /proc). */
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/** One multipart upload, written to the socket in 64 KB chunks as a browser would send it. */
function upload(baseUrl: string, token: string, caseId: string, file: Buffer, i: number): Promise<number> {
  const boundary = `----bench${i}`;
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="type"\r\n\r\nOTHER\r\n` +
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="bench-${i}.pdf"\r\ncontent-type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/api/v1/cases/${caseId}/documents`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + file.length + tail.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    Readable.from(
      (function* () {
        yield head;
        for (let o = 0; o < file.length; o += 64 * 1024) yield file.subarray(o, o + 64 * 1024);
        yield tail;
      })(),
    ).pipe(req);
  });
}

async function main(): Promise<void> {
  const limit = defaultParameterStore().lookupNumber('archive.file_max_mb', { date: '2026-12-06', county: '410502' });
  if (FILE_MB > limit.value) throw new Error(`BENCH_FILE_MB 不能超过参数 archive.file_max_mb（${limit.value}）`);
  const archiveDir = mkdtempSync(join(tmpdir(), 'safetynet-bench-archive-'));
  const stack = await startBenchStack({
    parameters: defaultParameterStore(),
    taskQueue: 'bench-archive',
    api: 'own-process',
    env: { ARCHIVE_DIR: archiveDir },
  });
  const disarm = abortAfter(stack, TIMEOUT_MS);
  try {
    const submitted = await fetch(`${stack.baseUrl}/api/v1/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tokens['village.assistant']}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts: FACTS,
        consent: { economicCheck: true, truthfulnessPromise: true },
      }),
    });
    const caseId = ((await submitted.json()) as { id: string }).id;
    const files = Array.from({ length: UPLOADS + 1 }, (_, i) => pdfOf(i));

    // Warm both paths once (JIT, connection pools, directories).
    const direct = new FilesystemStore(join(archiveDir, 'direct'));
    await direct.putTemporary(Readable.from([files[0]!]));
    if ((await upload(stack.baseUrl, stack.tokens['village.assistant']!, caseId, files[0]!, 0)) !== 201)
      throw new Error('预热上传失败');

    let t = performance.now();
    for (let i = 1; i <= UPLOADS; i++) await direct.putTemporary(Readable.from([files[i]!]));
    const directMs = performance.now() - t;
    // The same write as the upload does it, without HTTP and multipart: hash and seal on the way.
    const key = deriveArchiveKey(stack.config.PII_ENCRYPTION_KEY);
    t = performance.now();
    for (let i = 1; i <= UPLOADS; i++) await sealIntoStore(direct, key, Readable.from([files[i]!]), 'sha256');
    const sealedMs = performance.now() - t;

    const pid = stack.apiPid!;
    const rssBefore = rssKb(pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssKb(pid))), 20);
    t = performance.now();
    for (let i = 1; i <= UPLOADS; i++) {
      const status = await upload(stack.baseUrl, stack.tokens['village.assistant']!, caseId, files[i]!, i);
      if (status !== 201) throw new Error(`上传 ${i}：${status}`);
    }
    const apiMs = performance.now() - t;
    clearInterval(sampler);
    const rssAfter = rssKb(pid);

    const totalMb = UPLOADS * FILE_MB;
    const apiRate = totalMb / (apiMs / 1000);
    const directRate = totalMb / (directMs / 1000);
    const sealedRate = totalMb / (sealedMs / 1000);
    console.log(`\n上传 ${UPLOADS} 个 ${FILE_MB} MB 的 PDF（共 ${totalMb} MB）`);
    console.log(`  经 API（multipart，流式：哈希、加密、落盘、入库与审计）：${apiRate.toFixed(1)} MB/s`);
    console.log(`  直接写入存储（同一目录，不加密）：${directRate.toFixed(1)} MB/s`);
    console.log(
      `  直接写入存储，先哈希并加密（与上传相同的处理，无 HTTP 与 multipart）：${sealedRate.toFixed(1)} MB/s`,
    );
    console.log(
      `  吞吐比：${(apiRate / directRate).toFixed(2)} × 直接写入（目标 ≥ 0.5 ×）；${(apiRate / sealedRate).toFixed(2)} × 加密直写`,
    );
    console.log(
      `  API 进程 RSS：上传前 ${(rssBefore / 1024).toFixed(0)} MB，峰值 ${(rssPeak / 1024).toFixed(0)} MB（增长 ${((rssPeak - rssBefore) / 1024).toFixed(0)} MB），上传后 ${(rssAfter / 1024).toFixed(0)} MB；单个文件 ${FILE_MB} MB，合计 ${totalMb} MB`,
    );
  } finally {
    disarm();
    await stack.stop();
    rmSync(archiveDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

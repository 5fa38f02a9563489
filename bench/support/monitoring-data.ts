import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Pool } from 'pg';
import { SOURCE_LAYOUTS } from '../../src/core/contracts/data-source';
import { maskResidentId, residentIdCheckChar } from '../../src/core/contracts/resident-id';
import type { PiiCipher } from '../../src/registry/pii-cipher';
import { copyLines, csvField } from './copy-lines';
import { prng } from './prng';

// The data of bench:monitoring: persons of the registry (seeded by COPY, not through the API)
// and one department file (医疗保障部门：大额医疗费用支出) of synthetic rows, deterministic.

export const BENCH_COUNTY = '410502';
const DAY_MS = 86_400_000;
const BIRTH_BASE = Date.UTC(1940, 0, 1);
const BIRTH_DAYS = 25_000;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['建国', '秀英', '桂兰', '志强', '丽娟', '海燕', '卫东', '淑珍', '国华', '玉梅'];

/** Person n's resident ID number: 文峰区, a birth date and sequence from n (100–999: the seed's households use lower ones), a valid check digit. Unique for n < 22,500,000. */
export function idNumberOf(n: number): string {
  const birth = new Date(BIRTH_BASE + (n % BIRTH_DAYS) * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${BENCH_COUNTY}${birth}${String(100 + (Math.floor(n / BIRTH_DAYS) % 900))}`;
  return first17 + residentIdCheckChar(first17);
}

const nameOf = (n: number) => `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / 20) % GIVEN.length]}`;

/** Every third registered person is an existing 低保 recipient imported as it is: covered, never warned as uncovered. */
export const isImportedRecipient = (n: number) => n % 3 === 0;

/**
 * N persons in households of three in the villages of 文峰区 (ID numbers as HMAC, sealed and
 * masked, as the registry stores them), and every third one an imported 低保 recipient.
 */
export async function seedPersons(pool: Pool, pii: PiiCipher, persons: number): Promise<void> {
  const villages = (
    await pool.query<{ code: string }>(
      `SELECT code FROM division WHERE level = 'VILLAGE' AND code LIKE '${BENCH_COUNTY}%' ORDER BY code`,
    )
  ).rows.map((r) => r.code);
  const households = Math.ceil(persons / 3);
  const householdIds = Array.from({ length: households }, () => randomUUID());
  await copyLines(
    pool,
    'COPY household (id, division_code, area, address, created_by) FROM STDIN WITH (FORMAT csv)',
    (function* () {
      for (let h = 0; h < households; h++)
        yield `${householdIds[h]},${villages[h % villages.length]},${h % 2 === 0 ? 'URBAN' : 'RURAL'},${csvField(`基准地址${h}号`)},bench\n`;
    })(),
  );
  await copyLines(
    pool,
    'COPY member (id, household_id, name, id_number_hmac, id_number_encrypted, id_number_masked, birth_date, sex, relation, labour_capacity) FROM STDIN WITH (FORMAT csv)',
    (function* () {
      for (let n = 0; n < persons; n++) {
        const id = idNumberOf(n);
        const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
        yield (
          [
            randomUUID(),
            householdIds[Math.floor(n / 3)],
            csvField(nameOf(n)),
            pii.lookupHash(id),
            pii.encrypt(id),
            maskResidentId(id),
            birth,
            Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
            n % 3 === 0 ? 'APPLICANT' : n % 3 === 1 ? 'SPOUSE' : 'CHILD',
            'FULL',
          ].join(',') + '\n'
        );
      }
    })(),
  );
  // Imported records name a batch: one seeded batch row stands for the earlier recipients' file.
  const batchId = randomUUID();
  await pool.query(
    `INSERT INTO data_batch (id, source, file_name, sha256, encoding, scope_code, status, rows_read, rows_refused, rows_staged, uploaded_by, uploaded_at, staged_at, reported_at)
     VALUES ($1, 'CIVIL_AFFAIRS_RECIPIENTS', 'bench-recipients.csv', $2, 'utf-8', $3, 'REPORTED', 0, 0, 0, 'bench', now(), now(), now())`,
    [batchId, 'f'.repeat(64), BENCH_COUNTY],
  );
  await copyLines(
    pool,
    'COPY population_record (id, id_number_hmac, id_number_masked, name, category, origin, county_code, since, batch_id, row, recorded_at, updated_at) FROM STDIN WITH (FORMAT csv)',
    (function* () {
      for (let n = 0; n < persons; n++) {
        if (!isImportedRecipient(n)) continue;
        const id = idNumberOf(n);
        yield `${randomUUID()},${pii.lookupHash(id)},${maskResidentId(id)},${csvField(nameOf(n))},MINIMUM_LIVING,IMPORT,${BENCH_COUNTY},2024-01-01,${batchId},${n + 2},now,now\n`;
      }
    })(),
  );
  await pool.query('ANALYZE household; ANALYZE member; ANALYZE population_record');
}

/** What the generated file holds, to check the batch's counts against. */
export interface FileFacts {
  rows: number;
  bytes: number;
  /** Rows that every check lets through. */
  good: number;
  /** Good rows whose person is in the registry. */
  registered: number;
  /** Persons not covered with a good row at or above the threshold: the warnings the batch must raise. */
  expectedWarnings: number;
}

/**
 * ROWS settlements of 2026 in 文峰区: `share` of them by registered persons, the others by
 * people the registry does not know; about 1 in 500 with an out-of-pocket amount at or above
 * `threshold`; about 1 in 1,000 with a wrong check digit, 1 in 2,000 dated in the future,
 * 1 in 2,000 in another county (refused rows, reported).
 */
export async function writeDepartmentFile(
  path: string,
  opts: { rows: number; persons: number; share: number; threshold: number; today: string },
): Promise<FileFacts> {
  const layout = SOURCE_LAYOUTS.MEDICAL_LARGE_EXPENSE;
  const rand = prng(20261207);
  const out = createWriteStream(path);
  const todayMs = Date.parse(`${opts.today}T00:00:00Z`);
  const startMs = Date.UTC(2026, 0, 1);
  const span = Math.floor((todayMs - startMs) / DAY_MS);
  let bytes = 0;
  let good = 0;
  let registered = 0;
  const warned = new Set<number>();
  let chunk = `${layout.columns.map((c) => c.header).join(',')}\n`;
  for (let r = 0; r < opts.rows; r++) {
    const known = rand() < opts.share;
    const n = known ? Math.floor(rand() * opts.persons) : opts.persons + Math.floor(rand() * opts.persons * 3);
    let id = idNumberOf(n);
    const fault = rand();
    let date = new Date(startMs + Math.floor(rand() * span) * DAY_MS).toISOString().slice(0, 10);
    let county = BENCH_COUNTY;
    if (fault < 0.001) id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    else if (fault < 0.0015) date = new Date(todayMs + 30 * DAY_MS).toISOString().slice(0, 10);
    else if (fault < 0.002) county = '410503';
    const large = rand() < 0.002;
    const total = large ? 40_000 + Math.floor(rand() * 60_000) : 100 + Math.floor(rand() * 9_000);
    const own = large ? opts.threshold + Math.floor(rand() * 20_000) : Math.floor(total * 0.3);
    const insurance = r % 3 === 0 ? '' : r % 3 === 1 ? '职工医保' : '居民医保';
    chunk += `${id},${nameOf(n)},${county},${date},${total}.00,${own}.50,${insurance}\n`;
    if (fault >= 0.002) {
      good++;
      if (known) registered++;
      if (large && !(known && isImportedRecipient(n))) warned.add(n);
    }
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return { rows: opts.rows, bytes, good, registered, expectedWarnings: warned.size };
}

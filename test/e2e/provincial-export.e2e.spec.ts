import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { cstDate } from '../../src/core/clock';
import { SOURCE_LAYOUTS, type DataSource } from '../../src/core/contracts/data-source';
import { addMonths } from '../../src/core/months';
import { maskResidentId, residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { PiiCipher } from '../../src/registry/pii-cipher';
import { CATEGORY_ZH } from '../../src/monitoring/population/population-names';
import { idempotentId } from '../../src/common/idempotency';
import { PROVINCIAL_RECEIVER } from '../../src/monitoring/provincial/provincial-layout';
import { EmbeddedProvincialPlatformGateway } from '../../src/monitoring/provincial/provincial-platform.gateway';
import { enrolmentDriver, startEnrolmentStack, type EnrolmentStack } from '../support/enrolment';
import { fakeId } from '../support/data-exchange';

// The export for the provincial platform through HTTP on the real stack: an enrolled household
// (confirmed through the task API), an imported 低保 recipient and a warning raised by a
// department batch, read back from the CSV and the XLSX of one county and month; the roles and
// counties refused; a bad or future month a 400; a submission recorded by the embedded gateway
// (a retry under the same Idempotency-Key handed over once, answered as the first time);
// every download and submission on the audit trail.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const syntheticId = (first17: string) => first17 + residentIdCheckChar(first17);
/** The seeded household 甲 (prisma/seed.ts), enrolled below. */
const HEAD_1 = syntheticId('41050219580312003');
const SPOUSE_1 = syntheticId('41050219600708004');
const RECIPIENT = fakeId('41050219450909888');
const STRANGER = fakeId('41050219770707123');

function csv(source: DataSource, rows: Record<string, string>[]): Buffer {
  const cols = SOURCE_LAYOUTS[source].columns;
  const lines = [cols.map((c) => c.header).join(','), ...rows.map((r) => cols.map((c) => r[c.key] ?? '').join(','))];
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

/** The rows of an RFC 4180 CSV (BOM, CRLF). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe('export for the provincial platform (e2e)', () => {
  let s: EnrolmentStack;
  let pii: PiiCipher;
  const month = cstDate(new Date().toISOString()).slice(0, 7);
  const users = [
    'village.assistant',
    'township.caseworker',
    'county.officer',
    'county.supervisor',
    'city.supervisor',
    'auditor',
  ];

  const upload = (source: DataSource, bytes: Buffer, name: string) =>
    s.http
      .post('/api/v1/monitoring/batches')
      .set(s.as('county.officer'))
      .field('source', source)
      .attach('file', bytes, name);
  async function reported(batchId: string) {
    for (let i = 0; i < 300; i++) {
      const res = await s.http.get(`/api/v1/monitoring/batches/${batchId}`).set(s.as('county.officer')).expect(200);
      if (res.body.status === 'REPORTED') return res.body;
      await sleep(100);
    }
    throw new Error(`batch ${batchId} never reported`);
  }
  const exportOf = (dataset: string, query: string, user = 'county.officer') =>
    s.http.get(`/api/v1/provincial-exports/${dataset}?${query}`).set(s.as(user));

  beforeAll(async () => {
    s = await startEnrolmentStack(users);
    pii = new PiiCipher({
      hmacKeyHex: s.stack.config.PII_HMAC_KEY,
      encryptionKeyHex: s.stack.config.PII_ENCRYPTION_KEY,
    });
    const driver = enrolmentDriver(s.http, s.as);
    await driver.enrol(await driver.submit(), { accept: true });
    const recipients = await upload(
      'CIVIL_AFFAIRS_RECIPIENTS',
      csv('CIVIL_AFFAIRS_RECIPIENTS', [
        { idNumber: RECIPIENT, name: '存量对象戊', county: '410502', category: '特困', since: '2024-03-01' },
      ]),
      'recipients.csv',
    ).expect(201);
    await reported(recipients.body.id);
    const illness = await upload(
      'HEALTH_SERIOUS_ILLNESS',
      csv('HEALTH_SERIOUS_ILLNESS', [
        { idNumber: STRANGER, name: '测试陌生人', county: '410502', disease: '恶性肿瘤', diagnosedOn: '2026-10-02' },
      ]),
      'illness.csv',
    ).expect(201);
    expect(await reported(illness.body.id)).toMatchObject({ warningsRaised: 1 });
  });
  afterAll(async () => {
    await s?.stack.stop();
  });

  const pseudonymOf = (id: string) => pii.pseudonym(pii.lookupHash(id), PROVINCIAL_RECEIVER);

  it('lists each person of the county with category, source and dates; masked ID and pseudonym, never the number', async () => {
    const res = await exportOf('population', `county=410502&period=${month}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="population-410502-${month}.csv"`);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      '人员标识',
      '身份证号码（脱敏）',
      '姓名',
      '县（市、区）代码',
      '乡镇（街道）代码',
      '类别代码',
      '类别',
      '监测对象类型',
      '数据来源',
      '纳入日期',
      '退出日期',
    ]);
    for (const id of [HEAD_1, SPOUSE_1, RECIPIENT, STRANGER]) expect(res.text).not.toContain(id);
    const today = cstDate(new Date().toISOString());
    // Ordered by source (ENROLMENT before IMPORT), category, masked ID number.
    expect(rows).toEqual([
      [
        pseudonymOf(HEAD_1),
        maskResidentId(HEAD_1),
        '演示户主甲',
        '410502',
        '410502002',
        'MINIMUM_LIVING',
        CATEGORY_ZH.MINIMUM_LIVING,
        '',
        '本系统认定',
        today,
        '',
      ],
      [
        pseudonymOf(SPOUSE_1),
        maskResidentId(SPOUSE_1),
        '演示配偶甲',
        '410502',
        '410502002',
        'MINIMUM_LIVING',
        CATEGORY_ZH.MINIMUM_LIVING,
        '',
        '本系统认定',
        today,
        '',
      ],
      [
        pseudonymOf(RECIPIENT),
        maskResidentId(RECIPIENT),
        '存量对象戊',
        '410502',
        '',
        'DESTITUTE',
        CATEGORY_ZH.DESTITUTE,
        '',
        '存量导入（不再重复认定）',
        '2024-03-01',
        '',
      ],
    ]);
    // Another month before the enrolment holds the import only.
    const before = parseCsv((await exportOf('population', 'county=410502&period=2024-06').expect(200)).text);
    expect(before.slice(1).map((r) => r[2])).toEqual(['存量对象戊']);
  });

  it('gives the same rows as a workbook', async () => {
    const [csvRes, xlsxRes] = await Promise.all([
      exportOf('population', `county=410502&period=${month}`, 'auditor').expect(200),
      exportOf('population', `county=410502&period=${month}&format=xlsx`, 'city.supervisor')
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200),
    ]);
    expect(xlsxRes.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsxRes.body as unknown as ArrayBuffer); // exceljs types its Buffer as ArrayBuffer-backed
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe(`${month} 低收入人口`);
    const cells: string[][] = [];
    sheet.eachRow((row) =>
      cells.push(
        Array.from(row.values as unknown[])
          .slice(1)
          .map((v) => (v === null || v === undefined ? '' : String(v))),
      ),
    );
    const fromCsv = parseCsv(csvRes.text).map((r) => {
      while (r.length > 0 && r[r.length - 1] === '') r.pop();
      return r;
    });
    expect(
      cells.map((r) => {
        while (r.length > 0 && r[r.length - 1] === '') r.pop();
        return r;
      }),
    ).toEqual(fromCsv);
    expect(cells).toHaveLength(4);
  });

  it('lists the warnings open in the month with their disposal, the person by pseudonym only', async () => {
    const res = await exportOf('warnings', `county=410502&period=${month}`, 'county.supervisor').expect(200);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      '预警编号',
      '人员标识',
      '预警类别',
      '数据来源',
      '县（市、区）代码',
      '乡镇（街道）代码',
      '记录日期',
      '预警日期',
      '处置阶段',
      '处置结果',
      '转介部门',
      '是否逾期',
      '办结日期',
    ]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.slice(1)).toEqual([
      pseudonymOf(STRANGER),
      '未纳入保障、可能符合条件',
      SOURCE_LAYOUTS.HEALTH_SERIOUS_ILLNESS.nameZh,
      '410502',
      '',
      '2026-10-02',
      cstDate(new Date().toISOString()),
      '上门核查中',
      '',
      '',
      '否',
      '',
    ]);
    expect(res.text).not.toContain('测试陌生人');
    // A month before it was raised: none.
    expect(
      parseCsv((await exportOf('warnings', `county=410502&period=${addMonths(month, -2)}`).expect(200)).text),
    ).toHaveLength(1);
  });

  it('refuses other roles and other counties, with the reason', async () => {
    const village = await exportOf('population', `county=410502&period=${month}`, 'village.assistant').expect(403);
    expect(village.body.code).toBe('ROLE_NOT_ALLOWED');
    await exportOf('warnings', `county=410502&period=${month}`, 'township.caseworker').expect(403);
    const other = await exportOf('population', `county=410503&period=${month}`, 'county.officer').expect(403);
    expect(other.body.code).toBe('OUT_OF_JURISDICTION');
    await exportOf('population', `county=410503&period=${month}`, 'city.supervisor').expect(200);
    const auditorSubmits = await s.http
      .post('/api/v1/provincial-exports')
      .set(s.as('auditor'))
      .send({ county: '410502', period: month })
      .expect(403);
    expect(auditorSubmits.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('answers a bad or future month, a missing county or an unknown dataset with 400 naming the field', async () => {
    const bad = await exportOf('population', 'county=410502&period=2026-13').expect(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'period', message: '须为 YYYY-MM 格式的月份，如 2026-11' }),
    ]);
    // A year the database cannot hold a date of is refused before any query (it was a 500).
    const ancient = await exportOf('population', 'county=410522&period=0963-05').expect(400);
    expect(ancient.body.errors).toEqual([
      expect.objectContaining({ path: 'period', message: '须为 2000 年以后的月份' }),
    ]);
    const future = await exportOf('population', `county=410502&period=${addMonths(month, 1)}`).expect(400);
    expect(future.body).toMatchObject({
      code: 'PERIOD_NOT_STARTED',
      errors: [expect.objectContaining({ path: 'period' })],
    });
    const missing = await exportOf('population', `period=${month}`).expect(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['county']);
    await exportOf('people', `county=410502&period=${month}`).expect(400);
    const body = await s.http
      .post('/api/v1/provincial-exports')
      .set(s.as('county.officer'))
      .send({ county: '410502', period: '2026-1' })
      .expect(400);
    expect(body.body.errors[0].path).toBe('period');
  });

  it('hands both datasets to the gateway, which records what would be sent, and audits every export', async () => {
    const res = await s.http
      .post('/api/v1/provincial-exports')
      .set(s.as('county.supervisor'))
      .send({ county: '410502', period: month })
      .expect(201);
    expect(res.body).toMatchObject({ countyCode: '410502', period: month, channel: 'EMBEDDED' });
    expect(res.body.datasets.map((d: { dataset: string; rowCount: number }) => [d.dataset, d.rowCount])).toEqual([
      ['POPULATION', 3],
      ['WARNINGS', 1],
    ]);
    const recorded = await s.stack.prisma.provincialSubmission.findMany({
      where: { submissionId: res.body.submissionId },
      orderBy: { dataset: 'asc' },
    });
    expect(recorded.map((r) => r.dataset)).toEqual(['POPULATION', 'WARNINGS']);
    for (const r of recorded) {
      expect(createHash('sha256').update(r.content).digest('hex')).toBe(r.sha256);
      expect(r.content).not.toContain(HEAD_1);
    }
    const download = await exportOf('population', `county=410502&period=${month}`).expect(200);
    expect(recorded[0]!.content).toBe(download.text);

    const audit = await s.stack.prisma.auditLog.findMany({
      where: { action: { in: ['PROVINCIAL_EXPORT_DOWNLOADED', 'PROVINCIAL_EXPORT_SUBMITTED'] } },
      orderBy: { seq: 'asc' },
    });
    expect(audit.filter((a) => a.action === 'PROVINCIAL_EXPORT_SUBMITTED')).toEqual([
      expect.objectContaining({ actorId: 'demo-county-supervisor', targetId: '410502' }),
    ]);
    expect(audit.filter((a) => a.action === 'PROVINCIAL_EXPORT_DOWNLOADED').length).toBeGreaterThanOrEqual(6);
    // Refused requests leave no audit row: the county officer's 410503 attempt is not there.
    expect(audit.some((a) => a.targetId === '410503' && a.actorId === 'demo-county-officer')).toBe(false);
  });

  it('answers a retry under the same Idempotency-Key with the first submission: the gateway receives it once', async () => {
    const submit = (key: string, body: object = { county: '410502', period: month }) =>
      s.http.post('/api/v1/provincial-exports').set(s.as('county.officer')).set('Idempotency-Key', key).send(body);
    const key = `e2e-provincial-${Date.now()}`;
    const first = await submit(key).expect(201);
    const retry = await submit(key).expect(201);
    expect(retry.body).toEqual(first.body);
    const handed = () =>
      s.stack.prisma.provincialSubmission.count({ where: { submissionId: first.body.submissionId } });
    const audited = () =>
      s.stack.prisma.auditLog.count({
        where: {
          action: 'PROVINCIAL_EXPORT_SUBMITTED',
          details: { path: ['submissionId'], equals: first.body.submissionId },
        },
      });
    expect(await handed()).toBe(2); // one file per dataset, once
    expect(await audited()).toBe(1);

    // Two retries racing: one submission, one audit row, the same answer.
    const raceKey = `e2e-provincial-race-${Date.now()}`;
    const [a, b] = await Promise.all([submit(raceKey), submit(raceKey)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect(await s.stack.prisma.provincialSubmission.count({ where: { submissionId: a.body.submissionId } })).toBe(2);

    const total = await s.stack.prisma.provincialSubmission.count();
    const reused = await submit(key, { county: '410502', period: addMonths(month, -1) }).expect(422);
    expect(reused.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      errors: [expect.objectContaining({ path: 'header.Idempotency-Key' })],
    });
    const malformed = await submit('short').expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ path: 'header.Idempotency-Key' })]);
    expect(await s.stack.prisma.provincialSubmission.count()).toBe(total);
    expect(await handed()).toBe(2);
    expect(await audited()).toBe(1);

    // A crash after the gateway took the files, before the commit: the retry hands them over
    // under the same submissionId, which the gateway keeps once.
    const crashKey = `e2e-provincial-crash-${Date.now()}`;
    const submissionId = idempotentId(
      'demo-county-officer',
      { key: crashKey, route: '', requestHash: '' },
      'provincial-export',
    );
    await new EmbeddedProvincialPlatformGateway(s.stack.prisma).submit({
      submissionId,
      countyCode: '410502',
      period: month,
      submittedBy: 'demo-county-officer',
      files: (['POPULATION', 'WARNINGS'] as const).map((dataset) => ({
        dataset,
        fileName: `${dataset.toLowerCase()}-410502-${month}.csv`,
        rowCount: 0,
        sha256: createHash('sha256').update('').digest('hex'),
        content: '',
      })),
    });
    const afterCrash = await submit(crashKey).expect(201);
    expect(afterCrash.body.submissionId).toBe(submissionId);
    expect(await s.stack.prisma.provincialSubmission.count({ where: { submissionId } })).toBe(2);
    expect((await submit(crashKey).expect(201)).body).toEqual(afterCrash.body);
  });
});

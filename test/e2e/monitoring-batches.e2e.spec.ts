import { createHmac } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SOURCE_LAYOUTS, type DataSource } from '../../src/core/contracts/data-source';
import { maskResidentId } from '../../src/core/contracts/resident-id';
import { startStack, type Stack } from '../support/stack';
import {
  fakeId,
  fixture,
  hrssCsv,
  HRSS_HEADER,
  SAMPLE_FILES,
  vehicleXlsx,
  wrongCheckId,
} from '../support/data-exchange';

// Department data upload through HTTP on the real stack (PostgreSQL, Temporal, worker, API):
// every source's sample file staged, the same file twice, and each kind of bad file of the
// data-exchange rules. The upload limit is 1 MB here so that "too large" is cheap to send.

describe('department data batches (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const hmac = (id: string) =>
    createHmac('sha256', Buffer.from(stack.config.PII_HMAC_KEY, 'hex')).update(id).digest('hex');

  const upload = (user: string, source: string, bytes: Buffer, name: string, encoding?: string) => {
    const req = http.post('/api/v1/monitoring/batches').set(as(user)).field('source', source);
    if (encoding) req.field('encoding', encoding);
    return req.attach('file', bytes, name);
  };

  /** Rows in the monitoring tables: a refused upload must leave all of them as they were. */
  async function counts() {
    // Each batch's workflow matches it after the upload answered (and audits that): count once all are reported.
    for (let i = 0; (await stack.prisma.dataBatch.count({ where: { status: 'STAGED' } })) > 0; i++) {
      if (i > 300) throw new Error('a batch was never reported');
      await new Promise((r) => setTimeout(r, 100));
    }
    const [batches, rows, refusals, audits] = await Promise.all([
      stack.prisma.dataBatch.count(),
      stack.prisma.dataBatchRow.count(),
      stack.prisma.dataBatchRefusal.count(),
      stack.prisma.auditLog.count({ where: { targetType: 'DataBatch' } }),
    ]);
    return { batches, rows, refusals, audits };
  }

  const uploadsNow = (): string[] => {
    const dir = join(tmpdir(), 'safetynet-uploads');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  let uploadsBefore: Set<string>;

  beforeAll(async () => {
    uploadsBefore = new Set(uploadsNow());
    stack = await startStack({ MONITORING_UPLOAD_MAX_MB: '1' });
    http = request(stack.app.getHttpServer());
    for (const u of [
      'county.officer',
      'department.liaison',
      'liaison.education',
      'village.assistant',
      'auditor',
      'audit.administrator',
    ])
      tokens[u] = await stack.tokenFor(u);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(Object.entries(SAMPLE_FILES))('stages the %s sample file', async (source, file) => {
    // The health liaison uploads their own department's file; county civil affairs the others.
    const user = source === 'HEALTH_SERIOUS_ILLNESS' ? 'department.liaison' : 'county.officer';
    const res = await upload(user, source, fixture(file), file);
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({
      source,
      sourceName: SOURCE_LAYOUTS[source as DataSource].nameZh,
      fileName: file,
      status: 'STAGED',
      rowsRefused: 0,
      duplicate: false,
    });
    expect(res.body.rowsStaged).toBe(res.body.rowsRead);
    const rows = await stack.prisma.dataBatchRow.findMany({ where: { batchId: res.body.id }, orderBy: { row: 'asc' } });
    expect(rows).toHaveLength(res.body.rowsStaged);
    // Only the HMAC of an ID number is stored: no ID number among the other fields (hex HMACs may hold 18 digits in a row).
    expect(rows.some((r) => /\d{17}[\dX]/.test(JSON.stringify(r.fields)))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.idNumberHmac) && r.countyCode === '410502')).toBe(true);

    const read = await http.get(`/api/v1/monitoring/batches/${res.body.id}`).set(as('auditor'));
    expect([read.status, read.body.rowsStaged]).toEqual([200, res.body.rowsStaged]);
  });

  it('stores the person as the HMAC of the ID number, and other ID numbers in the row as HMACs too', async () => {
    const batch = await stack.prisma.dataBatch.findFirstOrThrow({ where: { source: 'CIVIL_AFFAIRS_MARRIAGE' } });
    const [first] = await stack.prisma.dataBatchRow.findMany({ where: { batchId: batch.id }, orderBy: { row: 'asc' } });
    const [, line] = fixture('civil-affairs-marriage.csv').toString('utf8').split('\r\n');
    const cells = line!.split(',');
    expect(first!.idNumberHmac).toBe(hmac(cells[0]!));
    expect(first!.fields).toEqual({
      name: '测试婚姻甲',
      idNumberMasked: maskResidentId(cells[0]!),
      kind: '结婚',
      registeredOn: '2025-05-20',
      spouseIdNumberHmac: hmac(cells[5]!),
    });
    expect(first!.eventDate.toISOString().slice(0, 10)).toBe('2025-05-20');
  });

  it('returns the first batch for the same file uploaded again, writing nothing', async () => {
    const first = await stack.prisma.dataBatch.findFirstOrThrow({ where: { source: 'HRSS_UNEMPLOYED' } });
    const before = await counts();
    const again = await upload('county.officer', 'HRSS_UNEMPLOYED', fixture('hrss-unemployed.csv'), '另存的副本.csv');
    expect([again.status, again.body.id, again.body.duplicate, again.body.fileName]).toEqual([
      200,
      first.id,
      true,
      'hrss-unemployed.csv',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('stages the good rows and reports each bad one, as JSON and as a CSV download', async () => {
    const ok = fakeId('41050219800101001');
    const res = await upload(
      'county.officer',
      'HRSS_UNEMPLOYED',
      hrssCsv(
        `${ok},测试甲,410502,2025-06-01,`,
        `${wrongCheckId('41050219800101002')},测试乙,410502,2025-06-01,`,
        `${fakeId('41010519800101003')},测试丙,410105,2025-06-01,`,
        `${fakeId('41050219800101004')},测试丁,410502,2099-01-01,`,
        `${ok},测试甲,410502,2025-06-01,`,
        `${fakeId('41052219800101005')},测试戊,410522,2025-06-01,`,
      ),
      '登记失业人员-有错误.csv',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: '登记失业人员-有错误.csv', rowsRead: 6, rowsRefused: 5, rowsStaged: 1 });

    const list = await http.get(`/api/v1/monitoring/batches/${res.body.id}/refusals`).set(as('county.officer'));
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((r: { row: number; column: string | null; code: string }) => [r.row, r.column, r.code]),
    ).toEqual([
      [3, '身份证号码', 'ROW_ID_CHECK_DIGIT'],
      [4, '县（市、区）代码', 'ROW_COUNTY_OUTSIDE_ANYANG'],
      [5, '失业登记日期', 'ROW_DATE_IN_FUTURE'],
      [6, null, 'ROW_DUPLICATE'],
      [7, '县（市、区）代码', 'ROW_COUNTY_OUTSIDE_JURISDICTION'],
    ]);
    expect(list.body.items[0].message).toBe('身份证号码校验位不正确');

    const csv = await http
      .get(`/api/v1/monitoring/batches/${res.body.id}/refusals?format=csv`)
      .set(as('county.officer'))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment/);
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('\uFEFF行号,列,代码,说明');
    expect(lines[1]).toBe('3,身份证号码,ROW_ID_CHECK_DIGIT,身份证号码校验位不正确');
    expect(lines[4]).toBe('6,,ROW_DUPLICATE,与第 2 行完全相同');

    const audit = await stack.prisma.auditLog.findFirstOrThrow({
      where: { targetType: 'DataBatch', targetId: res.body.id },
    });
    expect(audit).toMatchObject({
      action: 'DATA_BATCH_STAGED',
      actorId: 'demo-county-officer',
      role: 'COUNTY_OFFICER',
    });
    expect(JSON.stringify(audit.details)).not.toContain(ok);
    // The audit row was written through the staging transaction's connection: the chains still verify.
    const chain = await http.get('/api/v1/audit/verification').set(as('audit.administrator')).expect(200);
    expect(chain.body.valid).toBe(true);
  });

  describe('files refused as a whole leave nothing behind', () => {
    let before: Awaited<ReturnType<typeof counts>>;
    beforeEach(async () => {
      before = await counts();
    });
    afterEach(async () => {
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['missing columns', '身份证号码,姓名,县（市、区）代码,就业失业登记证号', /缺少列：失业登记日期/],
      ['extra columns', `${HRSS_HEADER},备注,联系电话`, /多出列：备注、联系电话/],
    ])('%s', async (_, header, message) => {
      const bytes = Buffer.from(`${header}\r\n${fakeId('41050219800101001')},测试甲,410502,2025-06-01,\r\n`);
      const res = await upload('county.officer', 'HRSS_UNEMPLOYED', bytes, 'u.csv');
      expect([res.status, res.body.code]).toEqual([422, 'DATA_FILE_HEADER']);
      expect(res.body.message).toMatch(message);
    });

    it('a GB18030 file declared as UTF-8', async () => {
      const res = await upload(
        'department.liaison',
        'HEALTH_SERIOUS_ILLNESS',
        Buffer.concat([fixture('health-serious-illness.csv'), Buffer.from('\r\n')]),
        'h.csv',
        'UTF-8',
      );
      expect([res.status, res.body.code]).toEqual([422, 'DATA_FILE_ENCODING']);
      expect(res.body.message).toMatch(/GB18030/);
    });

    it('an empty file', async () => {
      const res = await upload('county.officer', 'HRSS_UNEMPLOYED', Buffer.alloc(0), 'empty.csv');
      expect([res.status, res.body.code]).toEqual([422, 'DATA_FILE_EMPTY']);
    });

    it('a spreadsheet with a formula', async () => {
      const bytes = await vehicleXlsx(10, (ws) => {
        ws.getCell('F5').value = { formula: 'DATE(2025,5,1)', result: new Date(Date.UTC(2025, 4, 1)) };
      });
      const res = await upload('county.officer', 'VEHICLE_REGISTER', bytes, 'v.xlsx');
      expect([res.status, res.body.code]).toEqual([422, 'DATA_FILE_FORMULA']);
    });

    it('a spreadsheet with merged cells (found after its rows were copied: rolled back)', async () => {
      const bytes = await vehicleXlsx(200, (ws) => ws.mergeCells('E2:E3'));
      const res = await upload('county.officer', 'VEHICLE_REGISTER', bytes, 'v.xlsx');
      expect([res.status, res.body.code]).toEqual([422, 'DATA_FILE_MERGED_CELLS']);
    });

    it('a file over the size limit (413)', async () => {
      const line = `${fakeId('41050219800101001')},测试甲,410502,2025-06-01,\r\n`;
      const bytes = Buffer.from(HRSS_HEADER + '\r\n' + line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length)));
      const res = await upload('county.officer', 'HRSS_UNEMPLOYED', bytes, 'big.csv');
      expect([res.status, res.body.code]).toEqual([413, 'DATA_FILE_TOO_LARGE']);
      expect(res.body.message).toMatch(/1 MB/);
    });

    it('no file, an unknown source, a liaison uploading another department’s data, a role that may not upload', async () => {
      const noFile = await http
        .post('/api/v1/monitoring/batches')
        .set(as('county.officer'))
        .field('source', 'HRSS_UNEMPLOYED');
      expect([noFile.status, noFile.body.code]).toEqual([400, 'DATA_FILE_MISSING']);
      const unknown = await upload('county.officer', 'TAX_RECORDS', hrssCsv(), 'u.csv');
      expect([unknown.status, unknown.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const other = await upload('liaison.education', 'HRSS_UNEMPLOYED', fixture('hrss-unemployed.csv'), 'u.csv');
      expect([other.status, other.body.code]).toEqual([403, 'DATA_SOURCE_NOT_OWN_DEPARTMENT']);
      const village = await upload('village.assistant', 'HRSS_UNEMPLOYED', fixture('hrss-unemployed.csv'), 'u.csv');
      expect(village.status).toBe(403);
    });
  });

  it('leaves no uploaded file behind in the upload directory', () => {
    expect(uploadsNow().filter((f) => !uploadsBefore.has(f))).toEqual([]);
  });

  it('still stages after the refused uploads (their connections were not reused half-way)', async () => {
    const res = await upload('county.officer', 'VEHICLE_REGISTER', await vehicleXlsx(50), '机动车登记.xlsx');
    expect([res.status, res.body.rowsStaged, res.body.encoding]).toEqual([201, 50, 'xlsx']);
  });
});

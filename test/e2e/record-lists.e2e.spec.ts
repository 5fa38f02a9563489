import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { enrolledCaseRow, instructionRow } from '../support/funds';
import { startStack, type Stack } from '../support/stack';

// The lists of past runs and records through HTTP on the real stack: policy simulations (政策模拟
// 记录), yearly adjustments (调标记录), payment batches (发放批次) and random surveys (随机调查
// 记录). The rows are written as their workflows and routes write them; each list is compared
// item for item, filtered, paged, refused to the wrong role (403 with the reason) and to a bad
// query (400 naming the field); jurisdiction: another county is 403, the city-wide auditor reads all.
// With format=xlsx each answers the same rows, under the same filters, as a workbook read back here.

jest.setTimeout(240_000);

interface Listed {
  items: Array<Record<string, unknown>>;
  total: number;
  page: number;
  pageSize: number;
}

describe('lists of past simulations, adjustments, payment batches and surveys (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const get = (user: string, path: string) => http.get(`/api/v1${path}`).set(as(user));
  const paths = async (user: string, path: string) =>
    ((await get(user, path).expect(400)).body.errors as Array<{ path: string }>).map((e) => e.path);
  const ids = (body: Listed) => body.items.map((i) => i.id);
  const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  /** The list's workbook read back: its header and each row's cells, as exceljs reads them. */
  const workbook = async (user: string, path: string) => {
    const res = await get(user, path).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer); // exceljs types its Buffer as ArrayBuffer-backed
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const [header, ...body] = rows;
    return { sheet: sheet.name, header: header!, rows: body, text: JSON.stringify(rows) };
  };
  const cst = (iso: unknown) =>
    new Date(new Date(iso as string).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  /** Simulations and adjustments, oldest first. */
  const sim = [randomUUID(), randomUUID(), randomUUID()];
  const adj = [randomUUID(), randomUUID()];
  /** Surveys: two of 文峰区 (the township's, then the county's), one of 北关区. */
  const survey = { township: randomUUID(), county: randomUUID(), beiguan: randomUUID() };

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['administrator', 'county.officer', 'county.supervisor', 'auditor', 'township.caseworker'])
      tokens[u] = await stack.tokenFor(u);
    tokens['officer.410503'] = await stack.tokenForActor({
      userId: 'u-officer-410503',
      role: 'COUNTY_OFFICER',
      jurisdiction: '410503',
    });
    const p = stack.prisma;
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 2, minute));
    const statuses = ['COMPLETED', 'CANCELLED', 'RUNNING'];
    for (const [i, id] of sim.entries())
      await p.policySimulation.create({
        data: {
          id,
          status: statuses[i]!,
          effectiveDate: '2027-01-01',
          drafts: [{ parameterId: 'minimum_living.standard', value: 900 + i }],
          scope: { counties: ['410502'], categories: ['MINIMUM_LIVING'] },
          total: 10,
          processed: i === 2 ? 4 : 10,
          summary: i === 0 ? [{ countyCode: '410502', category: 'MINIMUM_LIVING', cases: 10 }] : undefined,
          requestedBy: 'demo-administrator',
          workflowId: `policy-simulation-${id}`,
          createdAt: at(i),
        },
      });
    for (const [i, id] of adj.entries())
      await p.standardAdjustment.create({
        data: {
          id,
          parameterId: i === 0 ? 'minimum_living.standard' : 'destitute.basic_living',
          versionId: randomUUID(),
          effectiveDate: '2027-01-01',
          scope: { counties: ['410502'], categories: ['MINIMUM_LIVING'] },
          status: 'COMPLETED',
          total: 3,
          processed: 3,
          report: { changed: 2, unchanged: 1, rechecksOpened: 0, skipped: 0, backPayTotal: 120, byCounty: [] },
          requestedBy: 'demo-administrator',
          workflowId: `standard-adjustment-${id}`,
          createdAt: at(10 + i),
        },
      });
    // 文峰区: two cases paid in 2026-10 (one failed in 2026-11, one pending); 北关区: one paid.
    const a = await enrolledCaseRow(p, { countyCode: '410502' });
    const b = await enrolledCaseRow(p, { countyCode: '410502', monthlyAmount: '450.00' });
    const c = await enrolledCaseRow(p, { countyCode: '410503' });
    await instructionRow(p, a, '410502', '2026-10', { status: 'PAID' });
    await instructionRow(p, b, '410502', '2026-10', { amount: '450.00', status: 'PAID' });
    await instructionRow(p, a, '410502', '2026-11', { status: 'FAILED', failureReason: '账户已销户' });
    await instructionRow(p, b, '410502', '2026-11', { amount: '450.00' });
    await instructionRow(p, c, '410503', '2026-11', { status: 'PAID' });
    for (const [i, [id, scopeCode]] of (
      [
        [survey.township, '410502002'],
        [survey.county, '410502'],
        [survey.beiguan, '410503'],
      ] as const
    ).entries())
      await p.outreachSurvey.create({
        data: {
          id,
          scopeCode,
          countyCode: scopeCode.slice(0, 6),
          sampleSize: 2 + i,
          scopeSize: 40,
          seed: `seed-${i}`,
          createdBy: 'demo-county-supervisor',
          createdAt: at(20 + i),
        },
      });
  }, 240_000);
  afterAll(() => stack?.stop());

  it('政策模拟记录: newest first without the summaries, by status, paged; the administrator alone; a bad status is 400', async () => {
    const all = (await get('administrator', '/policy/simulations').expect(200)).body as Listed;
    expect(ids(all)).toEqual([sim[2], sim[1], sim[0]]);
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(all.items[0]).toMatchObject({ status: 'RUNNING', progress: { processed: 4, total: 10 } });
    expect(all.items.every((i) => !('summary' in i))).toBe(true);
    expect(ids((await get('administrator', '/policy/simulations?status=COMPLETED').expect(200)).body)).toEqual([
      sim[0],
    ]);
    const second = (await get('administrator', '/policy/simulations?pageSize=2&page=2').expect(200)).body as Listed;
    expect(ids(second)).toEqual([sim[0]]);
    const refused = (await get('county.supervisor', '/policy/simulations').expect(403)).body;
    expect(refused.code).toBe('ROLE_NOT_ALLOWED');
    expect(refused.message).toContain('系统管理员');
    expect(await paths('administrator', '/policy/simulations?status=DONE')).toEqual(['status']);
    expect(await paths('administrator', '/policy/simulations?pageSize=101')).toEqual(['pageSize']);
    expect(await paths('administrator', '/policy/simulations?page=600')).toEqual(['page']);

    const completed = (await get('administrator', '/policy/simulations?status=COMPLETED').expect(200)).body as Listed;
    const book = await workbook('administrator', '/policy/simulations?status=COMPLETED&format=xlsx');
    expect(book.sheet).toBe('政策模拟记录');
    expect(book.header).toEqual([
      '测算编号',
      '发起时间',
      '生效日期',
      '参数草案',
      '县（市、区）',
      '进度',
      '状态',
      '结束时间',
    ]);
    expect(book.rows).toEqual(
      completed.items.map((i) => [
        i.id,
        cst(i.createdAt),
        '2027-01-01',
        'minimum_living.standard',
        '410502',
        '10 / 10',
        '已完成',
      ]),
    );
    expect((await workbook('administrator', '/policy/simulations?format=xlsx')).rows.map((r) => r[0])).toEqual(
      ids(all),
    );
    expect(book.text).not.toContain('demo-administrator');
    expect(await paths('administrator', '/policy/simulations?format=pdf')).toEqual(['format']);
    expect((await get('county.supervisor', '/policy/simulations?format=xlsx').expect(403)).body.code).toBe(
      'ROLE_NOT_ALLOWED',
    );
  });

  it('调标记录: newest first with the report, by parameter and status; the administrator alone', async () => {
    const all = (await get('administrator', '/policy/adjustments').expect(200)).body as Listed;
    expect(ids(all)).toEqual([adj[1], adj[0]]);
    expect(all.items[1]).toMatchObject({ parameterId: 'minimum_living.standard', report: { changed: 2 } });
    expect(
      ids((await get('administrator', '/policy/adjustments?parameterId=minimum_living.standard').expect(200)).body),
    ).toEqual([adj[0]]);
    expect((await get('administrator', '/policy/adjustments?status=FAILED').expect(200)).body.total).toBe(0);
    expect((await get('county.officer', '/policy/adjustments').expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect(await paths('administrator', '/policy/adjustments?status=CANCELLED')).toEqual(['status']);

    const book = await workbook('administrator', '/policy/adjustments?parameterId=minimum_living.standard&format=xlsx');
    expect(book.sheet).toBe('调标记录');
    expect(book.header).toEqual([
      '调标编号',
      '发起时间',
      '参数',
      '生效日期',
      '县（市、区）',
      '进度',
      '调整户数',
      '未变户数',
      '转复核户数',
      '补发（元）',
      '状态',
      '结束时间',
    ]);
    const item = all.items[1]!;
    expect(book.rows).toEqual([
      [
        item.id,
        cst(item.createdAt),
        'minimum_living.standard',
        '2027-01-01',
        '410502',
        '3 / 3',
        2,
        1,
        0,
        120,
        '已完成',
      ],
    ]);
    expect((await workbook('administrator', '/policy/adjustments?format=xlsx')).rows.map((r) => r[0])).toEqual(
      ids(all),
    );
    expect(book.text).not.toContain('demo-administrator');
    expect(await paths('administrator', '/policy/adjustments?format=csv')).toEqual(['format']);
  });

  it('发放批次: a county month each, newest first, counted by status with the amounts; another county 403; the auditor reads all', async () => {
    const own = (await get('county.officer', '/payments/batches?from=2026-01&to=2026-12').expect(200)).body as Listed;
    expect(own.items).toEqual([
      {
        countyCode: '410502',
        month: '2026-11',
        instructions: 2,
        pending: 1,
        paid: 0,
        failed: 1,
        amount: '1050.00',
        paidAmount: '0.00',
      },
      {
        countyCode: '410502',
        month: '2026-10',
        instructions: 2,
        pending: 0,
        paid: 2,
        failed: 0,
        amount: '1050.00',
        paidAmount: '1050.00',
      },
    ]);
    expect(own).toMatchObject({ total: 2, from: '2026-01', to: '2026-12' });
    const city = (await get('auditor', '/payments/batches?from=2026-11&to=2026-11').expect(200)).body as Listed;
    expect(city.items.map((b) => b.countyCode)).toEqual(['410502', '410503']);
    expect(
      (await get('auditor', '/payments/batches?county=410503&from=2026-01&to=2026-12').expect(200)).body.items,
    ).toHaveLength(1);
    expect((await get('county.officer', '/payments/batches?county=410503').expect(403)).body.code).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect((await get('township.caseworker', '/payments/batches').expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect(await paths('county.officer', '/payments/batches?from=2026-12&to=2026-01')).toEqual(['to']);
    expect(await paths('county.officer', '/payments/batches?from=2023-01&to=2026-12')).toEqual(['from']);
    expect(await paths('county.officer', '/payments/batches?from=2026-13')).toEqual(['from']);
    expect(await paths('county.officer', '/payments/batches?county=4105')).toEqual(['county']);

    const book = await workbook('county.officer', '/payments/batches?from=2026-01&to=2026-12&format=xlsx');
    expect(book.sheet).toBe('发放批次');
    expect(book.header).toEqual([
      '月份',
      '县（市、区）',
      '指令数',
      '已发放',
      '发放失败',
      '待发放',
      '应发金额（元）',
      '实发金额（元）',
    ]);
    expect(book.rows).toEqual(
      own.items.map((b) => [
        b.month,
        b.countyCode,
        b.instructions,
        b.paid,
        b.failed,
        b.pending,
        Number(b.amount),
        Number(b.paidAmount),
      ]),
    );
    const cityBook = await workbook('auditor', '/payments/batches?from=2026-11&to=2026-11&format=xlsx');
    expect(cityBook.rows.map((r) => r[1])).toEqual(city.items.map((b) => b.countyCode));
    expect(cityBook.text).not.toContain('账户已销户');
    expect((await get('county.officer', '/payments/batches?county=410503&format=xlsx').expect(403)).body.code).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect(await paths('county.officer', '/payments/batches?format=XLSX')).toEqual(['format']);
    expect(await paths('county.officer', '/payments/batches?from=2026-12&to=2026-01&format=xlsx')).toEqual(['to']);
  });

  it('随机调查记录: the county’s surveys newest first (township ones too); another county’s are not listed, naming it is 403; the caseworker is refused', async () => {
    const own = (await get('county.supervisor', '/monitoring/surveys').expect(200)).body as Listed;
    expect(ids(own)).toEqual([survey.county, survey.township]);
    expect(own.items[1]).toMatchObject({ scopeCode: '410502002', sampleSize: 2, scopeSize: 40 });
    expect(JSON.stringify(own)).not.toContain('seed-');
    expect(ids((await get('officer.410503', '/monitoring/surveys').expect(200)).body)).toEqual([survey.beiguan]);
    expect(ids((await get('auditor', '/monitoring/surveys').expect(200)).body)).toEqual([
      survey.beiguan,
      survey.county,
      survey.township,
    ]);
    expect((await get('county.officer', '/monitoring/surveys?county=410503').expect(403)).body.code).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect((await get('township.caseworker', '/monitoring/surveys').expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect(await paths('county.supervisor', '/monitoring/surveys?county=41050')).toEqual(['county']);

    const book = await workbook('county.supervisor', '/monitoring/surveys?format=xlsx');
    expect(book.sheet).toBe('随机调查记录');
    expect(book.header).toEqual(['随机调查编号', '抽取时间', '县（市、区）', '抽样范围', '抽取户数', '范围内户数']);
    expect(book.rows).toEqual(
      own.items.map((s) => [s.id, cst(s.createdAt), s.countyCode, s.scopeCode, s.sampleSize, s.scopeSize]),
    );
    expect(book.text).not.toContain('seed-');
    expect(book.text).not.toContain('demo-county-supervisor');
    expect((await workbook('auditor', '/monitoring/surveys?county=410503&format=xlsx')).rows.map((r) => r[0])).toEqual([
      survey.beiguan,
    ]);
    expect(await paths('county.supervisor', '/monitoring/surveys?format=')).toEqual(['format']);
  });

  it('临时救助 and 一事一议 lists answer the same filters as a workbook, and refuse a bad format', async () => {
    for (const path of ['/emergency-aid?format=xlsx&kind=SUDDEN', '/deliberations?format=xlsx&stage=CLOSED']) {
      const res = await get('county.supervisor', path).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    }
    expect(await paths('county.supervisor', '/emergency-aid?format=pdf')).toEqual(['format']);
    expect(await paths('county.supervisor', '/emergency-aid?kind=OTHER')).toEqual(['kind']);
    expect(await paths('county.supervisor', '/deliberations?page=501')).toEqual(['page']);
  });
});

import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';

// The dashboards' aggregates (GET /api/v1/statistics/...) and the lists' Excel export, over
// HTTP on the real stack. The aggregates are checked against a handful of rows this test
// writes in 2023 (months no other row of the fresh database falls in): every number asserted,
// China Standard Time months, jurisdiction (a township sees its own), roles, bad filters.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WENFENG = '410502';
const LINZHOU = '410581';
const T_OWN = '410502002'; // township.caseworker's township
const T_OTHER = '410502001';
const T_LINZHOU = '410581002';
const HOUSEHOLD: Record<string, string> = {
  [T_OWN]: '00000000-0000-4000-8000-000000000001',
  [T_OTHER]: '00000000-0000-4000-8000-000000000003',
  [T_LINZHOU]: '00000000-0000-4000-8000-000000000004',
};
const RANGE = '?from=2023-01&to=2023-03';
const DAY = 86_400_000;
const cst = (local: string) => new Date(`${local}+08:00`);

describe('statistics and list export (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const get = (user: string, path: string) => http.get(`/api/v1/statistics/${path}`).set(as(user));

  async function application(township: string, category: string, createdAt: Date, drill = false) {
    const id = randomUUID();
    await stack.prisma.application.create({
      data: {
        id,
        householdId: HOUSEHOLD[township]!,
        category,
        channel: 'SELF',
        stage: 'SUBMITTED',
        workflowId: `test-application-${id}`,
        townshipCode: township,
        countyCode: township.slice(0, 6),
        submittedBy: 'test',
        createdAt,
        drill,
      },
    });
    return id;
  }

  async function enrolled(county: string, township: string | null, category: string, createdAt: Date) {
    await stack.prisma.enrolledCase.create({
      data: {
        id: randomUUID(),
        applicationId: randomUUID(),
        householdId: HOUSEHOLD[T_OWN]!,
        category,
        monthlyAmount: '500.00',
        membersIncluded: [],
        startMonth: '2023-03',
        countyCode: county,
        townshipCode: township,
        createdAt,
      },
    });
  }

  async function task(
    township: string,
    type: string,
    status: 'OPEN' | 'CLAIMED' | 'DONE' | 'CANCELLED',
    times: { dueAt?: Date | null; completedAt?: Date; reminderSentAt?: Date },
  ) {
    const id = randomUUID();
    await stack.prisma.task.create({
      data: {
        id,
        taskKey: 'test#1',
        type,
        workflowId: `test-task-${id}`,
        candidateRole: 'TOWNSHIP_CASEWORKER',
        jurisdiction: township,
        countyCode: township.slice(0, 6),
        townshipCode: township,
        status,
        createdAt: cst('2023-02-05T09:00:00'),
        dueAt: times.dueAt ?? null,
        completedAt: times.completedAt ?? null,
        reminderSentAt: times.reminderSentAt ?? null,
      },
    });
    return id;
  }

  async function emergency(
    township: string,
    path: string,
    createdAt: Date,
    amounts: { requested: string; approved?: string; paid?: string },
    drill = false,
  ) {
    const id = randomUUID();
    await stack.prisma.emergencyCase.create({
      data: {
        id,
        workflowId: `test-emergency-${id}`,
        countyCode: township.slice(0, 6),
        townshipCode: township,
        kind: 'ILLNESS',
        severity: 'ORDINARY',
        path,
        stage: 'CLOSED',
        requestedAmount: amounts.requested,
        approvedAmount: amounts.approved ?? null,
        paidAmount: amounts.paid ?? '0',
        description: '测试',
        applicantName: '测试',
        idNumberHmac: `hmac-${id}`,
        idNumberEncrypted: 'x',
        idNumberMasked: '410502********0000',
        area: 'RURAL',
        createdBy: 'test',
        createdAt,
        drill,
      },
    });
  }

  async function reserve(township: string, kind: 'TOP_UP' | 'PAYMENT', amount: string, at: Date) {
    await stack.prisma.reserveFund.upsert({
      where: { townshipCode: township },
      update: {},
      create: { townshipCode: township, countyCode: township.slice(0, 6), balance: '0' },
    });
    await stack.prisma.reserveFundEntry.create({
      data: { townshipCode: township, kind, amount, balanceAfter: '0', entryKey: randomUUID(), actorId: 'test', at },
    });
  }

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'city.supervisor',
      'department.liaison',
      'auditor',
      'audit.administrator',
    ])
      tokens[u] = await stack.tokenFor(u);

    await application(T_OWN, 'MINIMUM_LIVING', cst('2023-01-15T10:00:00'));
    // 01:00 on 1 February in China is still 31 January in UTC: a February application.
    await application(T_OWN, 'MINIMUM_LIVING', cst('2023-02-01T01:00:00'));
    await application(T_OTHER, 'DESTITUTE', cst('2023-01-10T10:00:00'));
    await application(T_LINZHOU, 'MINIMUM_LIVING', cst('2023-03-05T10:00:00'));
    await application(T_OWN, 'MINIMUM_LIVING', cst('2023-01-20T10:00:00'), true); // a drill: never counted
    await application(T_OWN, 'MINIMUM_LIVING', cst('2022-12-31T23:00:00')); // before the range
    await enrolled(WENFENG, T_OWN, 'MINIMUM_LIVING', cst('2023-02-10T10:00:00'));
    await enrolled(LINZHOU, null, 'DESTITUTE', cst('2023-03-20T10:00:00'));

    const now = Date.now();
    await task(T_OWN, 'ACCEPT', 'DONE', { dueAt: cst('2023-02-10T17:00:00'), completedAt: cst('2023-02-09T10:00:00') });
    await task(T_OWN, 'ACCEPT', 'DONE', { dueAt: cst('2023-02-10T17:00:00'), completedAt: cst('2023-02-12T10:00:00') });
    await task(T_OWN, 'ACCEPT', 'OPEN', { dueAt: new Date(now - DAY) });
    await task(T_OWN, 'ACCEPT', 'CLAIMED', { dueAt: new Date(now + DAY) });
    await task(T_OTHER, 'ACCEPT', 'OPEN', { dueAt: new Date(now + 10 * DAY), reminderSentAt: new Date(now) });
    await task(T_OTHER, 'ACCEPT', 'OPEN', { dueAt: new Date(now + 10 * DAY) });
    await task(T_LINZHOU, 'REVIEW', 'CANCELLED', { dueAt: new Date(now - DAY) });
    await task(T_LINZHOU, 'HOME_VISIT', 'OPEN', {});

    await emergency(T_OWN, 'SMALL_AMOUNT', cst('2023-01-05T10:00:00'), {
      requested: '500',
      approved: '500',
      paid: '500',
    });
    await emergency(T_OWN, 'SMALL_AMOUNT', cst('2023-01-20T10:00:00'), { requested: '800' });
    await emergency(T_OTHER, 'AID_FIRST', cst('2023-02-02T10:00:00'), {
      requested: '3000',
      approved: '2500',
      paid: '1000',
    });
    await emergency(T_LINZHOU, 'DELIBERATION', cst('2023-03-01T10:00:00'), { requested: '20000' });
    await emergency(T_OWN, 'SMALL_AMOUNT', cst('2023-01-06T10:00:00'), { requested: '900', paid: '900' }, true);
    await reserve(T_OWN, 'TOP_UP', '10000', cst('2023-01-02T10:00:00'));
    await reserve(T_OWN, 'PAYMENT', '500', cst('2023-01-05T10:00:00'));
    await reserve(T_OTHER, 'TOP_UP', '2000', cst('2023-02-01T10:00:00'));
    await reserve(T_OTHER, 'PAYMENT', '1000', cst('2023-02-03T10:00:00'));
    for (const [i, county] of [WENFENG, WENFENG, LINZHOU].entries()) {
      await stack.prisma.complaint.create({
        data: {
          id: randomUUID(),
          receiptHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
          channel: i === 0 ? 'HOTLINE' : 'PUBLIC',
          subject: 'PROCEDURE',
          countyCode: county,
          content: '测试投诉',
          anonymous: true,
          stage: 'ASSIGNED',
          registeredAt: cst(`2023-0${i + 1}-10T10:00:00`),
          updatedAt: new Date(),
        },
      });
      await stack.prisma.recovery.create({
        data: {
          id: randomUUID(),
          enrolledCaseId: randomUUID(),
          householdId: HOUSEHOLD[T_OWN]!,
          countyCode: county,
          sourceKind: 'COMPLAINT',
          sourceId: randomUUID(),
          findingKind: 'INCOME',
          finding: {},
          cause: 'HOUSEHOLD',
          stage: 'NOTIFIED',
          total: `${(i + 1) * 100}.50`,
          workflowId: `test-recovery-${randomUUID()}`,
          openedBy: 'test',
          openedAt: cst(`2023-0${i + 1}-12T10:00:00`),
          updatedAt: new Date(),
        },
      });
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('caseload: applications received and cases enrolled per CST month, county and category', async () => {
    const all = (await get('auditor', `caseload${RANGE}`).expect(200)).body;
    expect(all).toMatchObject({ from: '2023-01', to: '2023-03', county: null });
    expect(all.rows).toEqual([
      { month: '2023-01', countyCode: WENFENG, category: 'DESTITUTE', applications: 1, enrolled: 0 },
      { month: '2023-01', countyCode: WENFENG, category: 'MINIMUM_LIVING', applications: 1, enrolled: 0 },
      { month: '2023-02', countyCode: WENFENG, category: 'MINIMUM_LIVING', applications: 1, enrolled: 1 },
      { month: '2023-03', countyCode: LINZHOU, category: 'DESTITUTE', applications: 0, enrolled: 1 },
      { month: '2023-03', countyCode: LINZHOU, category: 'MINIMUM_LIVING', applications: 1, enrolled: 0 },
    ]);
    // One county, asked by the auditor.
    const linzhou = (await get('auditor', `caseload${RANGE}&county=${LINZHOU}`).expect(200)).body;
    expect(linzhou.rows.map((r: { countyCode: string }) => r.countyCode)).toEqual([LINZHOU, LINZHOU]);
    // The township's caseworker sees the township's only.
    const own = (await get('township.caseworker', `caseload${RANGE}`).expect(200)).body;
    expect(own.rows).toEqual([
      { month: '2023-01', countyCode: WENFENG, category: 'MINIMUM_LIVING', applications: 1, enrolled: 0 },
      { month: '2023-02', countyCode: WENFENG, category: 'MINIMUM_LIVING', applications: 1, enrolled: 1 },
    ]);
    // The county's officer sees Wenfeng, the city's supervisor everything.
    const county = (await get('county.officer', `caseload${RANGE}`).expect(200)).body;
    expect(county.rows).toHaveLength(3);
    expect((await get('city.supervisor', `caseload${RANGE}`).expect(200)).body.rows).toEqual(all.rows);
    // One month only: February.
    const feb = (await get('auditor', 'caseload?from=2023-02&to=2023-02').expect(200)).body;
    expect(feb.rows).toEqual([
      { month: '2023-02', countyCode: WENFENG, category: 'MINIMUM_LIVING', applications: 1, enrolled: 1 },
    ]);
  });

  it('sla: met, at risk, breached and on track by task type and county', async () => {
    const all = (await get('auditor', `sla${RANGE}`).expect(200)).body;
    expect(all).toMatchObject({ dueWithinDays: 3 });
    expect(all.rows).toEqual([
      { type: 'ACCEPT', countyCode: WENFENG, met: 1, atRisk: 2, breached: 2, onTrack: 1 },
      { type: 'HOME_VISIT', countyCode: LINZHOU, met: 0, atRisk: 0, breached: 0, onTrack: 1 },
    ]);
    const wider = (await get('auditor', `sla${RANGE}&dueWithinDays=15&county=${WENFENG}`).expect(200)).body;
    expect(wider.rows).toEqual([{ type: 'ACCEPT', countyCode: WENFENG, met: 1, atRisk: 3, breached: 2, onTrack: 0 }]);
    const own = (await get('township.caseworker', `sla${RANGE}`).expect(200)).body;
    expect(own.rows).toEqual([{ type: 'ACCEPT', countyCode: WENFENG, met: 1, atRisk: 1, breached: 2, onTrack: 0 }]);
  });

  it('emergency: cases and amounts per month, county and path; the reserve funds used', async () => {
    const all = (await get('auditor', `emergency${RANGE}`).expect(200)).body;
    expect(all.rows).toEqual([
      {
        month: '2023-01',
        countyCode: WENFENG,
        path: 'SMALL_AMOUNT',
        cases: 2,
        requested: '1300.00',
        approved: '500.00',
        paid: '500.00',
      },
      {
        month: '2023-02',
        countyCode: WENFENG,
        path: 'AID_FIRST',
        cases: 1,
        requested: '3000.00',
        approved: '2500.00',
        paid: '1000.00',
      },
      {
        month: '2023-03',
        countyCode: LINZHOU,
        path: 'DELIBERATION',
        cases: 1,
        requested: '20000.00',
        approved: '0.00',
        paid: '0.00',
      },
    ]);
    expect(all.reserveFund).toEqual([
      { month: '2023-01', countyCode: WENFENG, paid: '500.00', payments: 1, toppedUp: '10000.00' },
      { month: '2023-02', countyCode: WENFENG, paid: '1000.00', payments: 1, toppedUp: '2000.00' },
    ]);
    const own = (await get('township.caseworker', `emergency${RANGE}`).expect(200)).body;
    expect(own.rows.map((r: { path: string; cases: number }) => [r.path, r.cases])).toEqual([['SMALL_AMOUNT', 2]]);
    expect(own.reserveFund).toEqual([
      { month: '2023-01', countyCode: WENFENG, paid: '500.00', payments: 1, toppedUp: '10000.00' },
    ]);
  });

  it('refuses a county outside the jurisdiction (403) and the roles that read no cases', async () => {
    const out = await get('county.officer', `caseload${RANGE}&county=${LINZHOU}`).expect(403);
    expect(out.body.code).toBe('OUT_OF_JURISDICTION');
    for (const user of ['department.liaison', 'audit.administrator', 'village.assistant'])
      await get(user, `caseload${RANGE}`).expect(403);
    await http.get('/api/v1/statistics/sla').expect(401);
  });

  it('refuses bad filters with the field and a Chinese message (400)', async () => {
    const errors = async (path: string) =>
      ((await get('auditor', path).expect(400)).body.errors as Array<{ path: string; message: string }>).map((e) => [
        e.path,
        e.message,
      ]);
    expect(await errors('caseload?from=2023-13')).toEqual([['from', '须为月份（YYYY-MM）']]);
    expect(await errors('caseload?from=2020-01&to=2023-01')).toEqual([['to', '统计区间最长 36 个月']]);
    expect(await errors('emergency?from=2023-05&to=2023-01')).toEqual([['from', '起始月份不能晚于截止月份']]);
    expect(await errors('sla?dueWithinDays=0')).toEqual([['dueWithinDays', '至少 1 天']]);
    expect(await errors('caseload?from=0000-01&to=0001-01')).toEqual([
      ['from', '须为 2000 年至 2099 年之间的月份'],
      ['to', '须为 2000 年至 2099 年之间的月份'],
    ]);
    expect(await errors('sla?from=9999-01&to=9999-12')).toEqual([
      ['from', '须为 2000 年至 2099 年之间的月份'],
      ['to', '须为 2000 年至 2099 年之间的月份'],
    ]);
    expect((await errors('caseload?county=4105')).map(([p]) => p)).toEqual(['county']);
    expect((await errors('caseload?month=2023-01')).length).toBe(1);
  });

  const xlsx = (user: string, path: string) =>
    http
      .get(path)
      .set(as(user))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
  async function rows(res: request.Response): Promise<unknown[][]> {
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const out: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  }

  it('exports the inbox with its filters as XLSX, row for row the JSON list', async () => {
    const json = (await http.get('/api/v1/tasks?type=ACCEPT&pageSize=100').set(as('township.caseworker')).expect(200))
      .body;
    expect(json.total).toBe(2); // the overdue OPEN one and the CLAIMED one of the caseworker's township
    const sheet = await rows(await xlsx('township.caseworker', '/api/v1/tasks?type=ACCEPT&format=xlsx'));
    expect(sheet[0]).toEqual([
      '任务编号',
      '事项类型',
      '状态',
      '办理角色',
      '县（市、区）',
      '乡镇（街道）',
      '认领人',
      '创建时间',
      '办理期限',
      '是否超期',
      '案件编号',
    ]);
    expect(sheet.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[9] ?? ''])).toEqual(
      json.items.map((t: { id: string; type: string; status: string; townshipCode: string; overdue: boolean }) => [
        t.id,
        t.type,
        t.status === 'OPEN' ? '待认领' : '办理中',
        t.townshipCode,
        t.overdue ? '已超期' : '',
      ]),
    );
    // Times in China Standard Time, as staff read them (a workbook's dates carry no zone).
    const cstOf = (iso: string) =>
      new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(sheet.slice(1).map((r) => [r[7], r[8]])).toEqual(
      json.items.map((t: { createdAt: string; dueAt: string }) => [cstOf(t.createdAt), cstOf(t.dueAt)]),
    );
    expect(sheet[1]![7]).toBe('2023-02-05 09:00');
    // A bad filter is still a 400, not a broken download.
    await http.get('/api/v1/tasks?format=pdf').set(as('township.caseworker')).expect(400);
  });

  it('exports the applications list with its filters as XLSX, row for row the JSON list', async () => {
    const query = `county=${WENFENG}&category=MINIMUM_LIVING`;
    const json = (await http.get(`/api/v1/applications?${query}&pageSize=100`).set(as('auditor')).expect(200)).body;
    expect(json.total).toBe(4); // the drill's too: the list shows it
    const sheet = await rows(await xlsx('auditor', `/api/v1/applications?${query}&format=xlsx`));
    expect(sheet[0]!.slice(0, 4)).toEqual(['申请编号', '救助类别', '申请渠道', '办理阶段']);
    expect(sheet.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual(
      json.items.map((c: { id: string }) => [c.id, '最低生活保障', '待受理', WENFENG]),
    );
    // No one outside the caller's jurisdiction: a township's caseworker exports their own.
    const own = await rows(await xlsx('township.caseworker', '/api/v1/applications?format=xlsx'));
    expect(own.slice(1).every((r) => r[5] === T_OWN)).toBe(true);
    expect(own.length - 1).toBe(4);
  });

  it('exports the referrals, warnings, complaints and recoveries lists with their filters, row for row the JSON lists', async () => {
    const lists: Array<[path: string, user: string, header: string[]]> = [
      ['/api/v1/complaints?county=410502', 'county.supervisor', ['投诉举报编号', '登记时间', '渠道', '投诉举报对象']],
      ['/api/v1/complaints', 'auditor', ['投诉举报编号']],
      ['/api/v1/recoveries', 'county.officer', ['追缴编号', '立案时间', '县（市、区）', '多发原因', '阶段']],
      ['/api/v1/recoveries', 'auditor', ['追缴编号']],
      ['/api/v1/referrals', 'county.officer', ['转介编号', '救助帮扶事项', '责任部门']],
      ['/api/v1/warnings', 'county.officer', ['预警编号', '预警类别', '数据来源']],
    ];
    const counts: number[] = [];
    for (const [path, user, header] of lists) {
      const sep = path.includes('?') ? '&' : '?';
      const json = (await http.get(`${path}${sep}pageSize=200`).set(as(user)).expect(200)).body;
      const sheet = await rows(await xlsx(user, `${path}${sep}format=xlsx`));
      expect(sheet[0]!.slice(0, header.length)).toEqual(header);
      expect(sheet.slice(1).map((r) => r[0])).toEqual(json.items.map((i: { id: string }) => i.id));
      counts.push(sheet.length - 1);
    }
    // The complaints and recoveries this test wrote: two of 文峰区, three of the city.
    expect(counts.slice(0, 4)).toEqual([2, 3, 2, 3]);
    const recoveries = await rows(await xlsx('county.officer', '/api/v1/recoveries?format=xlsx'));
    expect(recoveries.slice(1).map((r) => [r[2], r[3], r[5], r[6], r[7]])).toEqual([
      ['410502', '家庭未如实申报', 200.5, 0, 200.5],
      ['410502', '家庭未如实申报', 100.5, 0, 100.5],
    ]);
    // A county outside the jurisdiction is refused before any workbook is written.
    await http.get('/api/v1/recoveries?county=410581&format=xlsx').set(as('county.officer')).expect(403);
  });
});

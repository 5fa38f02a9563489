import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { cstDate } from '../../src/core/clock';
import { FUND_CHECK_SCHEDULE_ID } from '../../src/core/contracts/funds';
import { addMonths } from '../../src/core/months';
import { enrolledCaseRow, instructionRow } from '../support/funds';
import { SEEDED_HOUSEHOLD } from '../support/enrolment';
import { startStack, type Stack } from '../support/stack';

// Funds paid on time and in full through HTTP on the real stack (PostgreSQL, Temporal dev
// server, worker, API): the bank's return file for 410502's November (GB18030 CSV, then an
// XLSX), a file with bad rows refused whole, the month's report as JSON and as a workbook,
// the manual fund check opening its task, which is completed through the tasks API.

const MONTH = '2026-11';
const A = '410502';
const B = '410503';
const P = (n: number) => `f0000000-0000-4000-8000-00000000000${n}`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('funds: bank return files, the fund check and the monthly report (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const cases: Record<string, string> = {};

  const upload = (user: string, bytes: Buffer, name: string, fields: Record<string, string> = {}) => {
    const req = http.post('/api/v1/payments/bank-returns').set(as(user));
    for (const [k, v] of Object.entries({ county: A, month: MONTH, ...fields })) req.field(k, v);
    return req.attach('file', bytes, name);
  };
  const csv = (...lines: string[]) =>
    Buffer.from(['指令编号,金额,结果,失败原因,入账日期,银行流水号', ...lines].join('\r\n') + '\r\n');
  const statuses = async () =>
    Object.fromEntries(
      (await stack.prisma.paymentInstruction.findMany({ orderBy: { id: 'asc' } })).map((p) => [
        p.id,
        [p.status, p.paidAmount?.toFixed(2) ?? null, p.paidTimes],
      ]),
    );

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['county.officer', 'county.supervisor', 'auditor', 'village.assistant'])
      tokens[u] = await stack.tokenFor(u);
    for (const n of [1, 2, 3, 4, 5, 6]) {
      cases[n] = await enrolledCaseRow(stack.prisma, { countyCode: A, householdId: SEEDED_HOUSEHOLD });
      await instructionRow(stack.prisma, cases[n]!, A, MONTH, { id: P(n) });
    }
    // Owed the month but never instructed.
    cases[7] = await enrolledCaseRow(stack.prisma, { countyCode: A, category: 'DESTITUTE', monthlyAmount: '900.00' });
    // Another county's instruction, and case 1's instruction of the month before.
    cases[8] = await enrolledCaseRow(stack.prisma, { countyCode: B });
    await instructionRow(stack.prisma, cases[8]!, B, MONTH, { id: P(8) });
    await instructionRow(stack.prisma, cases[1]!, A, '2026-10', { id: P(9), status: 'PAID' });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('the monthly check is a Schedule created at boot', async () => {
    const d = await stack.temporal.client.schedule.getHandle(FUND_CHECK_SCHEDULE_ID).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'fundCheckWorkflow' });
  });

  it('refuses other roles with 403', async () => {
    const bytes = readFileSync(join(__dirname, '../fixtures/funds/bank-return-2026-11.csv'));
    for (const user of ['village.assistant', 'county.supervisor', 'auditor']) {
      const res = await upload(user, bytes, 'r.csv');
      expect([user, res.status]).toEqual([user, 403]);
    }
    await http.get(`/api/v1/payments/reports/${MONTH}`).set(as('village.assistant')).expect(403);
    await http.post('/api/v1/payments/checks').set(as('county.officer')).send({ month: MONTH }).expect(403);
  });

  it('refuses a file with bad rows, listing row, column and message, and changes nothing', async () => {
    const before = await statuses();
    const res = await upload(
      'county.officer',
      csv(
        `${P(1)},600.00,成功,,2026-11-10,`,
        'f0000000-0000-4000-8000-0000000000ff,600.00,成功,,2026-11-10,',
        `${P(8)},600.00,成功,,2026-11-10,`,
        `${P(9)},600.00,成功,,2026-10-10,`,
        `${P(2)},六百,成功,,2026-11-10,`,
        `${P(3)},600.00,成了,,2026-11-10,`,
        `${P(3)},600.00,失败,,,`,
      ),
      'bad.csv',
    );
    expect([res.status, res.body.code]).toEqual([400, 'BANK_RETURN_INVALID']);
    expect(res.body.message).toMatch(/未作任何变更/);
    const errors = (res.body.errors as Array<{ path: string; message: string }>).map((e) => [e.path, e.message]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['file[3].指令编号', expect.stringMatching(/不存在/)],
        ['file[4].指令编号', expect.stringMatching(/其他县.*410503/)],
        ['file[5].指令编号', expect.stringMatching(/2026-10 月/)],
        ['file[6].金额', expect.stringMatching(/金额/)],
        ['file[7].结果', expect.stringMatching(/成功、失败/)],
        ['file[8].失败原因', '结果为“失败”时须填写失败原因'],
      ]),
    );
    expect(errors).toHaveLength(6);
    expect(await statuses()).toEqual(before);
    expect(await stack.prisma.bankReturn.count()).toBe(0);
    expect(await stack.prisma.auditLog.count({ where: { action: 'BANK_RETURN_APPLIED' } })).toBe(0);
  });

  it('applies a GB18030 bank return: paid, partial, failed, a duplicate; the same file again answers the first result', async () => {
    const bytes = readFileSync(join(__dirname, '../fixtures/funds/bank-return-2026-11.csv'));
    const res = await upload('county.officer', bytes, '回盘-2026-11.csv');
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({
      countyCode: A,
      month: MONTH,
      rows: 5,
      paid: 3,
      failed: 1,
      partial: 1,
      duplicated: 1,
      duplicate: false,
    });
    const notes = (res.body.notes as Array<{ paymentInstructionId: string; kind: string; row: number }>).map((n) => [
      n.paymentInstructionId,
      n.kind,
      n.row,
    ]);
    expect(notes).toEqual(
      expect.arrayContaining([
        [P(2), 'PARTIAL', 3],
        [P(4), 'DUPLICATED', 5],
      ]),
    );
    const now = await statuses();
    expect(now[P(1)]).toEqual(['PAID', '600.00', 1]);
    expect(now[P(2)]).toEqual(['PAID', '400.00', 1]);
    expect(now[P(3)]).toEqual(['FAILED', null, 0]);
    expect(now[P(4)]).toEqual(['PAID', '1200.00', 2]);
    expect(now[P(5)]).toEqual(['PENDING', null, 0]);
    const p4 = await stack.prisma.paymentInstruction.findUniqueOrThrow({ where: { id: P(4) } });
    expect([p4.paidOn, p4.bankReference, p4.bankReturnId]).toEqual(['2026-11-12', 'BK20261112001', res.body.id]);
    // The failure opens the county officer's PAYMENT_FAILED task, as one reconciled by hand does.
    const failedTask = await stack.prisma.task.findFirstOrThrow({ where: { type: 'PAYMENT_FAILED' } });
    expect(failedTask.taskKey.startsWith(`PAYMENT_FAILED#${P(3)}#`)).toBe(true);
    expect(await stack.prisma.auditLog.count({ where: { action: 'BANK_RETURN_APPLIED', targetId: res.body.id } })).toBe(
      1,
    );

    const again = await upload('county.officer', bytes, '回盘-2026-11（重传）.csv');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: res.body.id, paid: 3, duplicate: true });
    expect(await statuses()).toEqual(now);
    expect(await stack.prisma.bankReturn.count()).toBe(1);
  });

  it('applies an XLSX bank return (a real date cell), and the single reconciliation still pays in full', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('回盘');
    sheet.addRow(['指令编号', '金额', '结果', '失败原因', '入账日期', '银行流水号']);
    sheet.addRow([P(5), 600, '成功', null, new Date(Date.UTC(2026, 10, 25)), 'BK5']);
    const res = await upload('county.officer', Buffer.from(await book.xlsx.writeBuffer()), '回盘.xlsx');
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({ rows: 1, paid: 1, failed: 0, partial: 0, duplicated: 0 });
    const p5 = await stack.prisma.paymentInstruction.findUniqueOrThrow({ where: { id: P(5) } });
    expect([p5.status, p5.paidAmount?.toFixed(2), p5.paidOn]).toEqual(['PAID', '600.00', '2026-11-25']);

    await http
      .post(`/api/v1/payments/${P(6)}/reconciliation`)
      .set(as('county.officer'))
      .send({ status: 'PAID' })
      .expect(200);
    const p6 = await stack.prisma.paymentInstruction.findUniqueOrThrow({ where: { id: P(6) } });
    expect([p6.status, p6.paidAmount?.toFixed(2), p6.paidTimes, p6.paidOn]).toEqual([
      'PAID',
      '600.00',
      1,
      cstDate(new Date().toISOString()),
    ]);
  });

  it('reports the month per county and category, as JSON and as a workbook', async () => {
    const res = await http.get(`/api/v1/payments/reports/${MONTH}?county=${A}`).set(as('county.officer')).expect(200);
    expect(res.body.counties).toEqual([{ countyCode: A, deadline: '2026-11-20' }]);
    const rows = res.body.rows as Array<Record<string, unknown>>;
    const minimum = rows.find((r) => r.category === 'MINIMUM_LIVING');
    const destitute = rows.find((r) => r.category === 'DESTITUTE');
    // P5 booked on the 25th and P6 reconciled today: both after the 20th.
    expect(minimum).toEqual({
      countyCode: A,
      category: 'MINIMUM_LIVING',
      categoryName: '最低生活保障',
      owed: 6,
      owedAmount: '3600.00',
      instructed: 6,
      instructedAmount: '3600.00',
      paid: 5,
      paidAmount: '3400.00',
      failed: 1,
      failedAmount: '600.00',
      late: 2,
      partial: 1,
      missing: 0,
      // Nothing repaid on a recovery this month (test/e2e/recovery.e2e.spec.ts counts one).
      recoveredAmount: '0.00',
    });
    expect(destitute).toMatchObject({ owed: 1, owedAmount: '900.00', instructed: 0, missing: 1 });
    expect(rows.map((r) => r.countyCode)).toEqual([A, A]);

    const xlsx = await http
      .get(`/api/v1/payments/reports/${MONTH}?county=${A}&format=xlsx`)
      .set(as('auditor'))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer); // exceljs types its Buffer as ArrayBuffer-backed
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(res.body.columns.map((c: { header: string }) => c.header));
    expect(header.slice(0, 4)).toEqual(['县（市、区）代码', '救助类别', '应发户数', '应发金额（元）']);
    const line = (sheet.getRow(3).values as unknown[]).slice(1);
    const col = (h: string) => header.indexOf(h);
    const ml = line[col('救助类别')] === '最低生活保障' ? line : (sheet.getRow(2).values as unknown[]).slice(1);
    expect([ml[col('应发户数')], ml[col('实发金额（元）')], ml[col('发放失败数')], ml[col('逾期未发放数')]]).toEqual([
      6, 3400, 1, 2,
    ]);
  });

  it('the manual check opens one FUND_DISCREPANCY task, completed through the tasks API; too early a month is refused', async () => {
    const today = cstDate(new Date().toISOString());
    const early = await http
      .post('/api/v1/payments/checks')
      .set(as('county.supervisor'))
      .send({ month: addMonths(today.slice(0, 7), 1) });
    expect([early.status, early.body.code]).toEqual([409, 'FUND_CHECK_TOO_EARLY']);
    const bad = await http.post('/api/v1/payments/checks').set(as('county.supervisor')).send({ month: '2026-13' });
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, 'month']);

    const run = await http
      .post('/api/v1/payments/checks')
      .set(as('county.supervisor'))
      .send({ month: MONTH })
      .expect(200);
    const county = run.body.counties[0];
    expect(county).toMatchObject({ countyCode: A, opened: true });
    const kinds = (run.body.check.findings as Array<{ kind: string; paymentInstructionId: string | null }>).map((f) => [
      f.kind,
      f.paymentInstructionId,
    ]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['MISSING', null],
        ['PARTIAL', P(2)],
        ['FAILED', P(3)],
        ['DUPLICATED', P(4)],
        ['LATE', P(5)],
        ['LATE', P(6)],
      ]),
    );
    expect(kinds).toHaveLength(6);
    const rerun = await http
      .post('/api/v1/payments/checks')
      .set(as('county.supervisor'))
      .send({ month: MONTH })
      .expect(200);
    expect(rerun.body.counties[0]).toMatchObject({ taskId: county.taskId, opened: false });
    await http.get(`/api/v1/payments/checks/${MONTH}`).set(as('auditor')).query({ county: A }).expect(200);

    const inbox = await http.get('/api/v1/tasks').set(as('county.officer')).expect(200);
    expect((inbox.body.items as Array<{ id: string; type: string }>).find((t) => t.id === county.taskId)?.type).toBe(
      'FUND_DISCREPANCY',
    );
    const empty = await http.post(`/api/v1/tasks/${county.taskId}/complete`).set(as('county.officer')).send({});
    expect(empty.status).toBe(400);
    await http
      .post(`/api/v1/tasks/${county.taskId}/complete`)
      .set(as('county.officer'))
      .send({ reason: '已补发应发未发和未足额部分，重复发放已追回' })
      .expect(200);
    const task = await stack.prisma.task.findUniqueOrThrow({ where: { id: county.taskId } });
    expect([task.status, task.outcome]).toEqual(['DONE', 'RESOLVED']);
    expect(await stack.prisma.task.count({ where: { type: 'FUND_DISCREPANCY' } })).toBe(1);
  });
  it("the Schedule's run checks every county's latest month past its deadline (today's date) and opens nothing twice", async () => {
    const today = cstDate(new Date().toISOString());
    // The shipped deadline is the 20th: after it this month is checked, before it the last one.
    const month = Number(today.slice(8, 10)) > 20 ? today.slice(0, 7) : addMonths(today.slice(0, 7), -1);
    await stack.temporal.client.schedule.getHandle(FUND_CHECK_SCHEDULE_ID).trigger();
    let check = null;
    for (let i = 0; i < 300 && !check?.taskId; i++) {
      check = await stack.prisma.fundCheck.findUnique({ where: { countyCode_month: { countyCode: B, month } } });
      if (!check?.taskId) await new Promise((r) => setTimeout(r, 100));
    }
    // 410503's one case: its instruction unpaid (LATE), or no instruction at all for a later month (MISSING).
    expect((check?.findings as Array<{ enrolledCaseId: string }>).map((f) => f.enrolledCaseId)).toEqual([cases[8]]);
    const task = await stack.prisma.task.findUniqueOrThrow({ where: { id: check!.taskId! } });
    expect([task.type, task.countyCode, task.status]).toEqual(['FUND_DISCREPANCY', B, 'OPEN']);
    expect(await stack.prisma.task.count({ where: { type: 'FUND_DISCREPANCY', countyCode: A } })).toBe(
      month === MONTH ? 1 : 2,
    );
  });
  it('a later file paying a failed instruction settles its PAYMENT_FAILED task', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('回盘').addRows([
      ['指令编号', '金额', '结果', '失败原因', '入账日期', '银行流水号'],
      [P(3), '600.00', '成功', '', '2026-11-28', 'BK3'],
    ]);
    const res = await upload('county.officer', Buffer.from(await book.xlsx.writeBuffer()), '补发.xlsx');
    expect([res.status, res.body.paid]).toEqual([201, 1]);
    const p3 = await stack.prisma.paymentInstruction.findUniqueOrThrow({ where: { id: P(3) } });
    expect([p3.status, p3.paidAmount?.toFixed(2), p3.paidOn]).toEqual(['PAID', '600.00', '2026-11-28']);
    const task = await stack.prisma.task.findFirstOrThrow({ where: { type: 'PAYMENT_FAILED' } });
    expect([task.status, task.outcome]).toEqual(['DONE', 'PAID']);
  });
});

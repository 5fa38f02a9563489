import { randomUUID } from 'node:crypto';
import {
  ENROLMENT_FACTS,
  SEEDED_HOUSEHOLD,
  enrolmentDriver,
  startEnrolmentStack,
  type EnrolmentStack,
} from '../support/enrolment';
import { freshHousehold } from '../support/households';

// Recovery of wrongly paid aid (追缴), corrections (容错纠错) and credit records (信用) through
// HTTP against the dev server and a real worker. Two cases are enrolled through HTTP (the
// household of ENROLMENT_FACTS: two members, ¥660 a month); their past months are the payment
// rows of earlier months, reconciled PAID through the payments route, as the bank's answer
// would be. The recoveries are then computed from those rows by the policy engine.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const months = (from: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => {
    const k = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
/** A month shifted by `by` months. */
const shift = (month: string, by: number): string => {
  const k = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};
/** The n months before the current month in China, oldest first. */
const monthsBefore = (n: number): string[] =>
  months(shift(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7), -n), n);

describe('recovery, correction and credit records (e2e)', () => {
  let stack: EnrolmentStack['stack'];
  let http: EnrolmentStack['http'];
  let as: EnrolmentStack['as'];
  /** Case A: the seeded household; case B: a fresh household with the same facts. */
  const A = { household: SEEDED_HOUSEHOLD, enrolled: '', complaint: '' };
  const B = { household: '', enrolled: '', complaint: '', application: '' };

  beforeAll(async () => {
    ({ stack, http, as } = await startEnrolmentStack([
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'auditor',
    ]));
    const driver = enrolmentDriver(http, as);
    A.enrolled = await driver.enrol(await driver.submit(), { accept: true });
    B.household = await freshHousehold(stack.prisma);
    B.application = await submitFor(B.household);
    B.enrolled = await driver.enrol(B.application, { accept: true });
    // The months already paid: A in 2025 and the three months before this one, B in 2025.
    await paid(A.enrolled, [...months('2025-01', 12), ...monthsBefore(3)]);
    await paid(B.enrolled, months('2025-01', 12));
    A.complaint = await complaintAbout(A.enrolled, '举报该户家属已就业，收入未如实申报');
    B.complaint = await complaintAbout(B.enrolled, '举报该户有家庭成员已去世仍在领取低保');
  }, 300_000);
  afterAll(() => stack?.stop());

  async function submitFor(householdId: string): Promise<string> {
    const res = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .send({
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts: ENROLMENT_FACTS,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    return res.body.id as string;
  }

  /** Payment rows of past months (¥660), reconciled PAID through HTTP. */
  async function paid(enrolledCaseId: string, list: string[]) {
    for (const month of list) {
      const id = randomUUID();
      await stack.prisma.paymentInstruction.create({
        data: { id, enrolledCaseId, month, amount: '660.00', members: ['p1', 'p2'], countyCode: '410502' },
      });
      await http
        .post(`/api/v1/payments/${id}/reconciliation`)
        .set(as('county.officer'))
        .send({ status: 'PAID' })
        .expect(200);
    }
  }

  async function complaintAbout(enrolledCaseId: string, content: string): Promise<string> {
    const res = await http
      .post('/api/v1/complaints')
      .set(as('county.officer'))
      .send({
        channel: 'HOTLINE',
        subject: 'CASE',
        subjectRef: enrolledCaseId,
        countyCode: '410502',
        content,
        anonymous: true,
      })
      .expect(201);
    return res.body.id as string;
  }

  async function recovery(
    id: string,
    ok: (b: { stage: string; timeline: unknown[] }) => boolean,
    user = 'county.officer',
  ) {
    for (let i = 0; i < 200; i++) {
      const res = await http.get(`/api/v1/recoveries/${id}`).set(as(user)).expect(200);
      if (ok(res.body)) return res.body;
      await sleep(100);
    }
    throw new Error(`recovery ${id} never reached the expected state`);
  }

  const incomeFinding = {
    kind: 'INCOME',
    effectiveFrom: '2025-03-01',
    effectiveTo: '2025-12-31',
    income: [{ memberId: 'p2', type: 'WAGE', monthlyAmount: 1500 }],
    employment: true,
    description: '配偶自 2025 年 3 月起在本地企业就业，月工资 1500 元，未如实申报',
  };

  it('over a phase-out: months from the paid rows; a wrong total and a repayment above the debt refused; instalments; repaid', async () => {
    const open = (extra: Record<string, unknown>) =>
      http
        .post('/api/v1/recoveries')
        .set(as('county.officer'))
        .send({
          enrolledCaseId: A.enrolled,
          source: { kind: 'COMPLAINT', id: A.complaint },
          finding: incomeFinding,
          cause: 'HOUSEHOLD',
          ...extra,
        });
    // A total that does not match the rows: refused with the computed figure, nothing recorded.
    const wrong = await open({ expectedTotal: 2000 }).expect(409);
    expect(wrong.body).toMatchObject({ code: 'RECOVERY_AMOUNT_MISMATCH', computedTotal: 2640 });
    expect(wrong.body.message).toContain('追缴金额与发放记录不符');
    expect(await stack.prisma.recovery.count({ where: { enrolledCaseId: A.enrolled } })).toBe(0);
    // A source about another case.
    expect((await open({ source: { kind: 'COMPLAINT', id: B.complaint } }).expect(409)).body.code).toBe(
      'SOURCE_NOT_OF_CASE',
    );
    await open({ source: { kind: 'RECHECK', id: randomUUID() } }).expect(404);

    const opened = await open({ expectedTotal: 2640 }).expect(201);
    // Six months of phase-out entitled as before (at that month's standard, ¥720 ≥ ¥660 paid), then nothing.
    expect(
      opened.body.months.map((m: { month: string; paid: number; entitled: number; overpaid: number }) => [
        m.month,
        m.paid,
        m.entitled,
        m.overpaid,
      ]),
    ).toEqual([
      ['2025-03', 660, 720, 0],
      ['2025-04', 660, 720, 0],
      ['2025-05', 660, 720, 0],
      ['2025-06', 660, 720, 0],
      ['2025-07', 660, 720, 0],
      ['2025-08', 660, 720, 0],
      ['2025-09', 660, 0, 660],
      ['2025-10', 660, 0, 660],
      ['2025-11', 660, 0, 660],
      ['2025-12', 660, 0, 660],
    ]);
    expect(opened.body.months[0].explanation[1]).toContain('渐退期第 1 个月');
    expect(opened.body).toMatchObject({ total: 2640, repaid: 0, cause: 'HOUSEHOLD', correction: false });
    const id = opened.body.id as string;

    // NOTIFIED: the notice to the household with the months, the total and the appeal rights.
    await recovery(id, (b) => b.stage === 'NOTIFIED');
    const kase = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { id: A.enrolled } });
    const notice = await stack.prisma.notice.findFirstOrThrow({
      where: { applicationId: kase.applicationId, kind: 'RECOVERY' },
    });
    expect(notice.text).toContain('2025-09：已发放 660.00 元，应享受 0.00 元，多发 660.00 元');
    expect(notice.text).toContain('合计应退还 2640.00 元');
    expect(notice.text).toContain('60 日内依法申请行政复议（《中华人民共和国行政复议法》第二十条');
    expect(notice.text).toContain('6 个月内依法提起行政诉讼');
    // An untruthful declaration: a credit record against the household, from the recovery's source.
    const credit = await stack.prisma.creditRecord.findUniqueOrThrow({ where: { recoveryId: id } });
    expect(credit).toMatchObject({ householdId: A.household, sourceKind: 'COMPLAINT', sourceId: A.complaint });

    // More than is owed: refused, nothing changed.
    const tooMuch = await http
      .post(`/api/v1/recoveries/${id}/repayments`)
      .set(as('county.officer'))
      .send({ amount: 3000, paidOn: '2026-12-01', reference: 'HK-0001' })
      .expect(409);
    expect(tooMuch.body.code).toBe('REPAYMENT_EXCEEDS_DEBT');
    expect(tooMuch.body.message).toContain('超过尚欠金额 2640.00 元');
    expect(await stack.prisma.recoveryRepayment.count({ where: { recoveryId: id } })).toBe(0);
    expect((await recovery(id, () => true)).repaid).toBe(0);

    const first = await http
      .post(`/api/v1/recoveries/${id}/repayments`)
      .set(as('county.officer'))
      .send({ amount: 640, paidOn: '2026-12-01', reference: 'HK-0001' })
      .expect(200);
    expect(first.body).toMatchObject({ stage: 'REPAYING', repaid: 640, remaining: 2000 });
    const badPlan = await http
      .put(`/api/v1/recoveries/${id}/instalment-plan`)
      .set(as('county.officer'))
      .send({ instalments: [{ dueOn: '2027-01-31', amount: 1000 }] })
      .expect(409);
    expect(badPlan.body.code).toBe('INSTALMENTS_DO_NOT_SUM');
    const plan = await http
      .put(`/api/v1/recoveries/${id}/instalment-plan`)
      .set(as('county.officer'))
      .send({
        instalments: [
          { dueOn: '2027-01-31', amount: 1000 },
          { dueOn: '2027-02-28', amount: 1000 },
        ],
      })
      .expect(200);
    // Nothing paid towards the plan yet: the earlier repayment preceded it.
    expect(plan.body.instalments).toEqual([
      { dueOn: '2027-01-31', amount: '1000.00', paid: '0.00', settled: false },
      { dueOn: '2027-02-28', amount: '1000.00', paid: '0.00', settled: false },
    ]);
    for (const reference of ['HK-0002', 'HK-0003'])
      await http
        .post(`/api/v1/recoveries/${id}/repayments`)
        .set(as('county.supervisor'))
        .send({ amount: 1000, paidOn: '2026-12-02', reference })
        .expect(200);
    const closed = await recovery(id, (b) => b.stage === 'CLOSED' && b.timeline.length >= 7, 'auditor');
    expect(closed).toMatchObject({ closure: 'REPAID', repaid: 2640, remaining: 0 });
    // Each repayment after the plan went to the earliest instalment still open.
    expect(closed.instalments).toEqual([
      { dueOn: '2027-01-31', amount: '1000.00', paid: '1000.00', settled: true },
      { dueOn: '2027-02-28', amount: '1000.00', paid: '1000.00', settled: true },
    ]);
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual([
      'FOUND',
      'NOTIFIED',
      'REPAYMENT',
      'INSTALMENT_PLAN_SET',
      'REPAYMENT',
      'REPAYMENT',
      'REPAID',
    ]);
    // The monthly fund report counts what was repaid in the month, under the case's category.
    const report = await http
      .get('/api/v1/payments/reports/2026-12?county=410502')
      .set(as('county.officer'))
      .expect(200);
    const line = report.body.rows.find((r: { category: string }) => r.category === 'MINIMUM_LIVING');
    expect(line.recoveredAmount).toBe('2640.00');
    expect(report.body.columns).toContainEqual({ key: 'recoveredAmount', header: '追回金额（元）' });
    // Closed: nothing more.
    expect(
      (
        await http
          .post(`/api/v1/recoveries/${id}/repayments`)
          .set(as('county.officer'))
          .send({ amount: 1, paidOn: '2026-12-03', reference: 'HK-0004' })
          .expect(409)
      ).body.code,
    ).toBe('RECOVERY_CLOSED');
    // Listed for the county, by state; not for the township.
    const listed = await http.get('/api/v1/recoveries?county=410502&state=CLOSED').set(as('auditor')).expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);
    await http.get('/api/v1/recoveries').set(as('township.caseworker')).expect(403);
  });

  it('a death: removed from the month after it; overlapping months refused; officer write-off 403, supervisor writes off', async () => {
    const body = {
      enrolledCaseId: B.enrolled,
      source: { kind: 'COMPLAINT', id: B.complaint },
      finding: {
        kind: 'DEATH',
        effectiveFrom: '2025-05-10',
        memberId: 'p2',
        description: '配偶于 2025 年 5 月 10 日去世，未报告',
      },
      cause: 'HOUSEHOLD',
    };
    const opened = await http.post('/api/v1/recoveries').set(as('county.officer')).send(body).expect(201);
    // One member from June: income 600 under the standard 660, paid at the floor ¥330.
    expect(
      opened.body.months.map((m: { month: string; entitled: number; overpaid: number }) => [
        m.month,
        m.entitled,
        m.overpaid,
      ]),
    ).toEqual(months('2025-06', 7).map((m) => [m, 330, 330]));
    expect(opened.body.total).toBe(2310);
    expect(opened.body.months[0].explanation.some((l: string) => l.includes('补差'))).toBe(true);
    const id = opened.body.id as string;
    const again = await http.post('/api/v1/recoveries').set(as('county.officer')).send(body).expect(409);
    expect(again.body).toMatchObject({ code: 'RECOVERY_OVERLAP', recoveryId: id });

    await recovery(id, (b) => b.stage === 'NOTIFIED');
    const writeOff = { reason: '户主无劳动能力且无财产可供执行，经研究予以核销', decisionRef: '文民追〔2026〕3号' };
    const officer = await http
      .post(`/api/v1/recoveries/${id}/write-off`)
      .set(as('county.officer'))
      .send(writeOff)
      .expect(403);
    expect(officer.body.code).toBe('ROLE_NOT_ALLOWED');
    const noReason = await http
      .post(`/api/v1/recoveries/${id}/write-off`)
      .set(as('county.supervisor'))
      .send({ decisionRef: '文民追〔2026〕3号' })
      .expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const done = await http
      .post(`/api/v1/recoveries/${id}/write-off`)
      .set(as('county.supervisor'))
      .send(writeOff)
      .expect(200);
    expect(done.body).toMatchObject({
      stage: 'CLOSED',
      closure: 'WRITTEN_OFF',
      writeOffReason: writeOff.reason,
      writeOffRef: writeOff.decisionRef,
      repaid: 0,
    });
    const audit = await stack.prisma.auditLog.findMany({ where: { targetId: id, action: 'RECOVERY_WRITTEN_OFF' } });
    expect(audit).toEqual([expect.objectContaining({ actorId: 'demo-county-supervisor', reason: writeOff.reason })]);
  });

  it('a staff error corrected in time is a correction: no notice, no credit record, on the audit trail', async () => {
    const before = await stack.prisma.creditRecord.count({ where: { householdId: A.household } });
    const recent = monthsBefore(3);
    const opened = await http
      .post('/api/v1/recoveries')
      .set(as('county.officer'))
      .send({
        enrolledCaseId: A.enrolled,
        source: { kind: 'COMPLAINT', id: A.complaint },
        finding: {
          kind: 'MEMBERS',
          effectiveFrom: `${recent[0]}-01`,
          memberId: 'p2',
          description: '配偶已迁出并如实报告，经办人员未及时调整保障人数',
        },
        cause: 'STAFF_ERROR',
      })
      .expect(201);
    expect(opened.body.months.map((m: { month: string; overpaid: number }) => [m.month, m.overpaid])).toEqual(
      recent.map((m) => [m, 330]),
    );
    expect(opened.body).toMatchObject({ correction: true, cause: 'STAFF_ERROR', total: 990 });
    const id = opened.body.id as string;
    const corrected = await recovery(id, (b) => b.stage === 'CORRECTED');
    expect(corrected.timeline.map((e: { type: string }) => e.type)).toEqual(['FOUND', 'CORRECTED']);
    expect(corrected.explanation.join('')).toContain('容错纠错');
    const kase = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { id: A.enrolled } });
    expect(await stack.prisma.notice.count({ where: { applicationId: kase.applicationId, kind: 'RECOVERY' } })).toBe(1);
    expect(await stack.prisma.creditRecord.count({ where: { householdId: A.household } })).toBe(before);
    const audit = await stack.prisma.auditLog.findMany({ where: { targetId: id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['RECOVERY_FOUND', 'RECOVERY_CORRECTED']);
    expect(audit[0]!.details).toMatchObject({ cause: 'STAFF_ERROR', correction: true });
    expect(
      (
        await http
          .post(`/api/v1/recoveries/${id}/repayments`)
          .set(as('county.officer'))
          .send({ amount: 1, paidOn: '2026-12-03', reference: 'X' })
          .expect(409)
      ).body.code,
    ).toBe('RECOVERY_CLOSED');
  });

  it('credit records: the source required (400 in Chinese); listed for staff; shown on a later application', async () => {
    const noSource = await http
      .post(`/api/v1/households/${B.household}/credit-records`)
      .set(as('county.officer'))
      .send({ finding: '隐瞒家庭成员死亡情况' })
      .expect(400);
    expect(noSource.body.errors).toEqual([
      expect.objectContaining({ path: 'source', message: expect.stringContaining('须注明来源') }),
    ]);
    await http
      .post(`/api/v1/households/${B.household}/credit-records`)
      .set(as('county.officer'))
      .send({ source: { kind: 'COMPLAINT', id: A.complaint }, finding: '与本户无关的来源' })
      .expect(409);
    const recorded = await http
      .post(`/api/v1/households/${B.household}/credit-records`)
      .set(as('county.officer'))
      .send({ source: { kind: 'COMPLAINT', id: B.complaint }, finding: '隐瞒家庭成员死亡情况，继续领取低保金' })
      .expect(201);
    expect(recorded.body).toMatchObject({ householdId: B.household, expired: false });
    // 36 months (the shipped placeholder parameter).
    expect(
      new Date(recorded.body.expiresAt).getUTCFullYear() - new Date(recorded.body.recordedAt).getUTCFullYear(),
    ).toBe(3);
    const listed = await http
      .get(`/api/v1/households/${B.household}/credit-records`)
      .set(as('township.caseworker'))
      .expect(200);
    expect(listed.body.items.map((r: { finding: string }) => r.finding)).toEqual(
      expect.arrayContaining([
        '隐瞒家庭成员死亡情况，继续领取低保金',
        expect.stringContaining('配偶于 2025 年 5 月 10 日去世'),
      ]),
    );
    expect(
      await stack.prisma.auditLog.count({ where: { targetId: B.household, action: 'CREDIT_RECORDS_VIEWED' } }),
    ).toBe(1);
    await http
      .post(`/api/v1/households/${B.household}/credit-records`)
      .set(as('township.caseworker'))
      .send(recorded.body)
      .expect(403);

    // A later application of the household: the caseworker sees the records beside it.
    const later = await submitFor(B.household);
    const detail = await http.get(`/api/v1/applications/${later}`).set(as('township.caseworker')).expect(200);
    expect(detail.body.creditRecords.map((r: { finding: string }) => r.finding)).toEqual(
      expect.arrayContaining(['隐瞒家庭成员死亡情况，继续领取低保金']),
    );
    // Not for the village assistant who helped the household apply.
    const village = await http.get(`/api/v1/applications/${later}`).set(as('village.assistant')).expect(200);
    expect(village.body.creditRecords).toEqual([]);
    // Never public: the publicity list has no such field.
    const publicity = await http
      .get('/api/v1/public/publicity?village=410502002001')
      .expect((r) => expect(r.status).toBeLessThan(500));
    expect(JSON.stringify(publicity.body)).not.toContain('隐瞒家庭成员死亡情况');
  });
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { cstDate } from '../../src/core/clock';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { enrolledCaseWorkflowId, warningWorkflowId } from '../../src/core/workflow-ids';
import { openOutreachTask } from '../../src/monitoring/outreach/outreach-tasks';
import { PiiCipher } from '../../src/registry/pii-cipher';
import { enrolledCaseWorkflow } from '../../workflows/enrolled-case.workflow';
import { warningWorkflow } from '../../workflows/warning.workflow';
import { hrssCsv } from '../support/data-exchange';
import { outreachHousehold } from '../support/outreach';
import { startStack, type Stack } from '../support/stack';
import { household as facts, member, monthly } from '../unit/policy/fixtures';

// Dynamic monitoring's people through HTTP on the real stack:
// - 自主申报: a person in no category recorded by the village assistant, searchable in the
//   population database, the same person again a dated change, a change reported later, all
//   audited; bad input refused by field, an enrolled person refused (409), another village 403;
//   a retry under the same Idempotency-Key answered as the first time, with no second line;
// - a visit to an enrolled household: CHANGE_REPORT becomes the case's change report (its
//   workflow hears it and rechecks), RAISE_WARNING a class (d) warning the case hears too;
// - a class (a) warning's verification: no application (409), REFER to its department.

const VILLAGE = '410502002001';
const OTHER_VILLAGE = '410502002002';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);

describe('self-declaration, visits to enrolled households, class (a) verification (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const today = () => cstDate(new Date().toISOString());
  const pii = () =>
    new PiiCipher({ hmacKeyHex: stack.config.PII_HMAC_KEY, encryptionKeyHex: stack.config.PII_ENCRYPTION_KEY });

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['village.assistant', 'township.caseworker', 'county.officer', 'auditor'])
      tokens[u] = await stack.tokenFor(u);
    tokens['other.assistant'] = await stack.tokenForActor({
      userId: 'e2e-village-assistant-2',
      role: 'VILLAGE_ASSISTANT',
      jurisdiction: OTHER_VILLAGE,
    });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function until<T>(what: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await what();
      if (v) return v;
      if (Date.now() > end) throw new Error('timed out');
      await sleep(150);
    }
  }

  // ---- 自主申报 ----

  it('records a self-declaration in the population database, the same person again as a change, audited', async () => {
    const person = idNumber('41050219880808123');
    const body = {
      idNumber: person,
      name: '申报人甲',
      villageCode: VILLAGE,
      declaredOn: today(),
      hardship: '丈夫因病去世，本人无固定收入，独自抚养两个孩子',
    };
    const first = await http
      .post('/api/v1/population/self-declarations')
      .set(as('village.assistant'))
      .send(body)
      .expect(201);
    expect(first.body).toMatchObject({ created: true });
    const recordId = first.body.recordId as string;

    const found = await http.get(`/api/v1/population?idNumber=${person}`).set(as('township.caseworker')).expect(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        name: '申报人甲',
        idNumberMasked: `${person.slice(0, 6)}********${person.slice(14)}`,
        category: 'UNCATEGORISED',
        categoryName: '尚未纳入救助类别',
        origin: 'SELF_DECLARATION',
        originName: '自主申报',
        divisionCode: VILLAGE,
        memberId: null,
        recordId,
      }),
    ]);
    expect(JSON.stringify(found.body)).not.toContain(person);
    const byOrigin = await http.get('/api/v1/population?origin=SELF_DECLARATION').set(as('county.officer')).expect(200);
    expect(byOrigin.body.items.map((i: { recordId: string }) => i.recordId)).toContain(recordId);

    // Declared again (a visit found the same person): one record, a second line of its history.
    const again = await http
      .post('/api/v1/population/self-declarations')
      .set(as('township.caseworker'))
      .send({ ...body, origin: 'OUTREACH', hardship: '走访发现：长子辍学打工' })
      .expect(201);
    expect(again.body).toMatchObject({ recordId, created: false });
    await http
      .post(`/api/v1/population/records/${recordId}/changes`)
      .set(as('village.assistant'))
      .send({ source: 'OUTREACH', occurredOn: today(), description: '本人确诊慢性病，需长期服药' })
      .expect(201);

    // The department's record of the person (registered unemployed): a line of the history, and
    // a class (b) warning, the person being known here and in no category.
    const upload = await http
      .post('/api/v1/monitoring/batches')
      .set(as('county.officer'))
      .field('source', 'HRSS_UNEMPLOYED')
      .attach('file', hrssCsv(`${person},申报人甲,410502,${today()},`), 'hrss-e2e.csv')
      .expect(201);
    const warning = await until(() =>
      stack.prisma.warning.findFirst({ where: { firstBatchId: upload.body.id, source: 'HRSS_UNEMPLOYED' } }),
    );
    // The village the declaration named: its township verifies (not the county, as for a stranger).
    expect(warning).toMatchObject({ warningClass: 'NOT_COVERED', countyCode: '410502', townshipCode: '410502002' });

    const history = await http.get(`/api/v1/population/records/${recordId}`).set(as('auditor')).expect(200);
    expect(history.body).toMatchObject({ origin: 'SELF_DECLARATION', hardship: body.hardship, since: today() });
    expect(
      history.body.changes.map((c: { source: string; description: string }) => [c.source, c.description]).sort(),
    ).toEqual(
      [
        ['SELF_DECLARATION', body.hardship],
        ['OUTREACH', '走访发现：长子辍学打工'],
        ['OUTREACH', '本人确诊慢性病，需长期服药'],
        ['HRSS_UNEMPLOYED', '部门数据比对：人力资源和社会保障部门：登记失业人员'],
      ].sort(),
    );
    const audits = await stack.prisma.auditLog.findMany({ where: { targetId: recordId }, orderBy: { seq: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual([
      'POPULATION_SELF_DECLARED',
      'POPULATION_CHANGE_RECORDED',
      'POPULATION_CHANGE_RECORDED',
    ]);
    expect(JSON.stringify(audits.map((a) => [a.reason, a.details]))).not.toContain(person);

    // Another village's assistant neither reads nor changes it.
    await http.get(`/api/v1/population/records/${recordId}`).set(as('other.assistant')).expect(403);
    await http
      .post(`/api/v1/population/records/${recordId}/changes`)
      .set(as('other.assistant'))
      .send({ source: 'OUTREACH', occurredOn: today(), description: '无' })
      .expect(403);
  });

  it('answers a retry under the same Idempotency-Key as the first time: no second line, another body 422', async () => {
    const person = idNumber('41050219880808125');
    const body = {
      idNumber: person,
      name: '申报人丙',
      villageCode: VILLAGE,
      declaredOn: today(),
      hardship: '本人残疾，无劳动能力',
    };
    const declare = (key: string, b: object = body, user = 'village.assistant') =>
      http.post('/api/v1/population/self-declarations').set(as(user)).set('Idempotency-Key', key).send(b);
    const key = `e2e-declare-${randomUUID()}`;
    const first = await declare(key).expect(201);
    expect(first.body).toMatchObject({ created: true });
    // The 提交 pressed again (key order does not matter): the first answer, nothing written.
    const retry = await declare(key, Object.fromEntries(Object.entries(body).reverse())).expect(201);
    expect(retry.body).toEqual(first.body);
    const recordId = first.body.recordId as string;
    const lines = () => stack.prisma.populationRecordChange.count({ where: { recordId } });
    const audited = () => stack.prisma.auditLog.count({ where: { targetId: recordId } });
    expect(await lines()).toBe(1);
    expect(await audited()).toBe(1);
    expect(await stack.prisma.populationRecord.count({ where: { id: recordId } })).toBe(1);

    const reused = await declare(key, { ...body, hardship: '另一件事' }).expect(422);
    expect(reused.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      errors: [expect.objectContaining({ path: 'header.Idempotency-Key' })],
    });
    const malformed = await declare('bad key!').expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ path: 'header.Idempotency-Key' })]);

    // The same person declared again under a new key: a change (created false), the same answer on retry.
    const againKey = `e2e-declare-${randomUUID()}`;
    const again = await declare(againKey, { ...body, origin: 'OUTREACH' }, 'township.caseworker').expect(201);
    expect(again.body).toMatchObject({ recordId, created: false });
    const againRetry = await declare(againKey, { ...body, origin: 'OUTREACH' }, 'township.caseworker').expect(201);
    expect(againRetry.body).toEqual(again.body);
    expect(await lines()).toBe(2);

    // A reported change: a retry returns the first change; two retries racing write one line.
    const change = { source: 'OUTREACH', occurredOn: today(), description: '本人住院治疗' };
    const report = (k: string, b: object = change) =>
      http
        .post(`/api/v1/population/records/${recordId}/changes`)
        .set(as('village.assistant'))
        .set('Idempotency-Key', k)
        .send(b);
    const changeKey = `e2e-change-${randomUUID()}`;
    const reported = await report(changeKey).expect(201);
    expect((await report(changeKey).expect(201)).body).toEqual(reported.body);
    const raceKey = `e2e-change-${randomUUID()}`;
    const [a, b] = await Promise.all([report(raceKey), report(raceKey)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect(await lines()).toBe(4);
    expect(await audited()).toBe(4);
    const otherChange = await report(changeKey, { ...change, description: '出院' }).expect(422);
    expect(otherChange.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The declaration's key on another route: refused, not answered with the declaration.
    expect((await report(key).expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await report('x').expect(400)).body.errors).toEqual([
      expect.objectContaining({ path: 'header.Idempotency-Key' }),
    ]);
    expect(await lines()).toBe(4);
  });

  it('refuses a bad declaration by field (400), an enrolled person (409), another village (403); nothing written', async () => {
    const before = await stack.prisma.populationRecord.count();
    const bad = await http
      .post('/api/v1/population/self-declarations')
      .set(as('village.assistant'))
      .send({ idNumber: '41050219880808', name: '', villageCode: '4105', declaredOn: '2999-01-01', hardship: '' })
      .expect(400);
    const paths = (bad.body.errors as Array<{ path: string; message: string }>).map((e) => [e.path, e.message]);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['villageCode', '须为 12 位村（社区）区划代码'],
        ['declaredOn', '申报日期不能晚于今天'],
        ['hardship', '须填写困难情况'],
      ]),
    );
    expect(paths.map(([p]) => p)).toEqual(expect.arrayContaining(['idNumber', 'name']));
    const unknownVillage = await http
      .post('/api/v1/population/self-declarations')
      .set(as('village.assistant'))
      .send({
        idNumber: idNumber('41050219880808124'),
        name: '申报人乙',
        villageCode: '410502999999',
        declaredOn: today(),
        hardship: '无收入',
      })
      .expect(400);
    expect(unknownVillage.body.errors).toEqual([expect.objectContaining({ path: 'villageCode' })]);
    const elsewhere = await http
      .post('/api/v1/population/self-declarations')
      .set(as('other.assistant'))
      .send({
        idNumber: idNumber('41050219880808124'),
        name: '申报人乙',
        villageCode: VILLAGE,
        declaredOn: today(),
        hardship: '无收入',
      })
      .expect(403);
    expect(elsewhere.body.code).toBe('OUT_OF_JURISDICTION');
    await http
      .post('/api/v1/population/self-declarations')
      .set(as('county.officer'))
      .send({
        idNumber: idNumber('41050219880808124'),
        name: '乙',
        villageCode: VILLAGE,
        declaredOn: today(),
        hardship: '无',
      })
      .expect(403);

    // A member of an enrolled case reports through the case, not as a self-declaration.
    const { caseId, personId } = await enrolledHousehold();
    expect(caseId).toBeTruthy();
    const covered = await http
      .post('/api/v1/population/self-declarations')
      .set(as('village.assistant'))
      .send({ idNumber: personId, name: '在保户主', villageCode: VILLAGE, declaredOn: today(), hardship: '收入下降' })
      .expect(409);
    expect(covered.body.code).toBe('POPULATION_ALREADY_COVERED');
    expect(await stack.prisma.populationRecord.count()).toBe(before);
  });

  // ---- a visit to an enrolled household ----

  /** A 低保 household of VILLAGE with a real ID number, enrolled, its workflow running. */
  async function enrolledHousehold(): Promise<{
    caseId: string;
    householdId: string;
    memberId: string;
    personId: string;
  }> {
    const personId = idNumber(`41050219600101${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`);
    const h = await outreachHousehold(stack.prisma, VILLAGE, { disabilityType: 'PHYSICAL' });
    // The registry's lookup hash of a real number, so that the population search and a declaration find it.
    const hmac = pii().lookupHash(personId);
    await stack.prisma.member.update({ where: { id: h.memberId }, data: { idNumberHmac: hmac } });
    const applicationId = randomUUID();
    await stack.prisma.application.create({
      data: {
        id: applicationId,
        householdId: h.householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${applicationId}`,
        townshipCode: VILLAGE.slice(0, 9),
        countyCode: VILLAGE.slice(0, 6),
        submittedBy: 'e2e',
        facts: facts({ members: [member('p1', '1960-01-01')], income: monthly('p1', 'WAGE', 300) }),
      } as never,
    });
    const caseId = randomUUID();
    const workflowId = enrolledCaseWorkflowId(caseId);
    const start = {
      enrolledCaseId: caseId,
      applicationId,
      category: 'MINIMUM_LIVING' as const,
      countyCode: VILLAGE.slice(0, 6),
      townshipCode: VILLAGE.slice(0, 9),
      villageCode: VILLAGE,
      monthlyAmount: 400,
      membersIncluded: ['p1'],
      startMonth: today().slice(0, 7),
    };
    await stack.prisma.enrolledCase.create({
      data: {
        id: caseId,
        applicationId,
        householdId: h.householdId,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 400,
        membersIncluded: ['p1'],
        startMonth: start.startMonth,
        countyCode: start.countyCode,
        workflowId,
        townshipCode: start.townshipCode,
        villageCode: VILLAGE,
      },
    });
    await stack.temporal.client.workflow.start(enrolledCaseWorkflow, {
      workflowId,
      taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
      args: [start],
    });
    return { caseId, householdId: h.householdId, memberId: h.memberId, personId };
  }

  const visitTask = async (householdId: string) => {
    const id = await stack.prisma.$transaction((tx) =>
      openOutreachTask(tx, { householdId, villageCode: VILLAGE, kind: 'ROUTINE', workflowId: `e2e-${randomUUID()}` }),
    );
    expect(id).toBeTruthy();
    return id!;
  };

  it('a visit that reports a change of an enrolled household: the case hears it and rechecks; a warning too', async () => {
    const enrolled = await enrolledHousehold();
    const taskId = await visitTask(enrolled.householdId);
    const res = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('village.assistant'))
      .send({
        action: 'recordOutreachVisit',
        outcome: 'CHANGE_REPORT',
        visitedOn: today(),
        findings: '户主近期在外务工',
        changes: '户主在县城务工，月收入约 3000 元',
        change: 'INCOME_CHANGE',
        memberId: enrolled.memberId,
      })
      .expect(200);
    expect(res.body).toMatchObject({ taskId, outcome: 'CHANGE_REPORT' });
    const changeReportId = res.body.changeReportId as string;
    expect(changeReportId).toBeTruthy();
    expect(await stack.prisma.changeReport.findUniqueOrThrow({ where: { id: changeReportId } })).toMatchObject({
      enrolledCaseId: enrolled.caseId,
      kind: 'INCOME_CHANGE',
      material: true,
      reportedRole: 'VILLAGE_ASSISTANT',
    });
    // The case's workflow heard it: a material change starts its recheck.
    await until(async () => (await stack.prisma.recheck.count({ where: { enrolledCaseId: enrolled.caseId } })) > 0);
    const detail = await http
      .get(`/api/v1/enrolled-cases/${enrolled.caseId}`)
      .set(as('township.caseworker'))
      .expect(200);
    expect(JSON.stringify(detail.body)).toContain(changeReportId);
    const visits = await http
      .get(`/api/v1/households/${enrolled.householdId}/outreach-visits`)
      .set(as('village.assistant'))
      .expect(200);
    expect(visits.body.items).toEqual([expect.objectContaining({ outcome: 'CHANGE_REPORT', changeReportId })]);
    expect(await stack.prisma.auditLog.count({ where: { action: 'CHANGE_REPORTED', targetId: enrolled.caseId } })).toBe(
      1,
    );

    // The next visit raises a warning: class (d), which the case hears as a change report of its own.
    const next = await visitTask(enrolled.householdId);
    const raised = await http
      .post(`/api/v1/tasks/${next}/complete`)
      .set(as('village.assistant'))
      .send({
        action: 'recordOutreachVisit',
        outcome: 'RAISE_WARNING',
        visitedOn: today(),
        findings: '家中新购小轿车一辆',
        changes: '家庭新购机动车',
        change: 'ASSET_CHANGE',
        memberId: enrolled.memberId,
      })
      .expect(200);
    const warningId = raised.body.warningId as string;
    const closed = await until(async () => {
      const w = await http.get(`/api/v1/warnings/${warningId}`).set(as('township.caseworker')).expect(200);
      return w.body.stage === 'CLOSED' ? w.body : null;
    });
    expect(closed).toMatchObject({
      warningClass: 'POSSIBLY_NO_LONGER_ELIGIBLE',
      source: 'OUTREACH_VISIT',
      outcome: 'CASE_SIGNALLED',
      enrolledCaseId: enrolled.caseId,
    });
    const reports = await stack.prisma.changeReport.findMany({ where: { enrolledCaseId: enrolled.caseId } });
    expect(reports.map((r) => r.kind).sort()).toEqual(['ASSET_CHANGE', 'INCOME_CHANGE']);
  });

  it('a CHANGE_REPORT the case cannot hear records nothing: the task stays open for another try', async () => {
    const enrolled = await enrolledHousehold();
    // The case's workflow is gone (terminated by an operator): the signal cannot reach it.
    await stack.temporal.client.workflow.getHandle(enrolledCaseWorkflowId(enrolled.caseId)).terminate('e2e');
    const taskId = await visitTask(enrolled.householdId);
    const res = await http.post(`/api/v1/tasks/${taskId}/complete`).set(as('village.assistant')).send({
      action: 'recordOutreachVisit',
      outcome: 'CHANGE_REPORT',
      visitedOn: today(),
      findings: '户主外出务工',
      changes: '户主在外务工',
      change: 'INCOME_CHANGE',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await stack.prisma.outreachVisit.count({ where: { taskId } })).toBe(0);
    expect(await stack.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ status: 'OPEN' });
    expect(await stack.prisma.changeReport.count({ where: { enrolledCaseId: enrolled.caseId } })).toBe(0);
  });

  // ---- class (a): the verification through HTTP ----

  it('a class (a) warning is verified by the township: no application (409), REFER opens the owed item', async () => {
    const enrolled = await enrolledHousehold();
    const warningId = randomUUID();
    await stack.prisma.warning.create({
      data: {
        id: warningId,
        openKey: `${warningId}|POLICY_NOT_APPLIED|MEDICAL_PREMIUM_FIXED`,
        warningClass: 'POLICY_NOT_APPLIED',
        source: 'REFERRAL_RECORDS',
        idNumberHmac: pii().lookupHash(enrolled.personId),
        memberId: enrolled.memberId,
        householdId: enrolled.householdId,
        enrolledCaseId: enrolled.caseId,
        countyCode: VILLAGE.slice(0, 6),
        townshipCode: VILLAGE.slice(0, 9),
        stage: 'RAISED',
        eventDate: new Date(`${today()}T00:00:00Z`),
        details: {
          entitlement: 'MEDICAL_PREMIUM_FIXED',
          entitlementName: '城乡居民医保个人缴费定额资助',
          department: 'MEDICAL_INSURANCE',
          finding: 'NOT_REFERRED',
          referralId: null,
        },
        raisedAt: new Date(),
        updatedAt: new Date(),
        workflowId: warningWorkflowId(warningId),
      },
    });
    await stack.temporal.client.workflow.start(warningWorkflow, {
      workflowId: warningWorkflowId(warningId),
      taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
      args: [
        {
          warningId,
          warningClass: 'POLICY_NOT_APPLIED',
          source: 'REFERRAL_RECORDS',
          countyCode: VILLAGE.slice(0, 6),
          townshipCode: VILLAGE.slice(0, 9),
          enrolledCaseId: enrolled.caseId,
          change: null,
        },
      ],
    });
    const taskId = await until(async () => {
      const t = await stack.prisma.task.findFirst({ where: { caseId: warningId, type: 'WARNING_VERIFICATION' } });
      return t?.id;
    });
    const listed = await http
      .get('/api/v1/warnings?warningClass=POLICY_NOT_APPLIED')
      .set(as('township.caseworker'))
      .expect(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: warningId, sourceName: '转介记录（事项未转介或被退回）' }),
      ]),
    );
    const apply = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('township.caseworker'))
      .send({
        action: 'recordVerification',
        outcome: 'START_APPLICATION',
        findings: '已在低保',
        category: 'MINIMUM_LIVING',
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(409);
    expect(apply.body.code).toBe('WARNING_OUTCOME_NOT_FOR_CLASS');
    await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('township.caseworker'))
      .send({
        action: 'recordVerification',
        outcome: 'REFER',
        department: 'MEDICAL_INSURANCE',
        findings: '医保缴费资助未落实',
      })
      .expect(200);
    const referral = await until(() =>
      stack.prisma.referral.findFirst({ where: { warningId, entitlement: 'MEDICAL_PREMIUM_FIXED' } }),
    );
    expect(referral).toMatchObject({
      origin: 'WARNING',
      department: 'MEDICAL_INSURANCE',
      memberRef: enrolled.memberId,
      enrolledCaseId: enrolled.caseId,
      category: 'MINIMUM_LIVING',
    });
  });
});

import { createHash } from 'node:crypto';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { SOURCE_LAYOUTS, type DataSource } from '../../src/core/contracts/data-source';
import { enrolmentDriver, startEnrolmentStack, type EnrolmentStack } from '../support/enrolment';
import { fakeId } from '../support/data-exchange';

// Department data comparison to warnings, through HTTP on the real stack: a batch is matched
// to the registry by its workflow, raises warnings by the rules in force, and each warning's
// workflow routes it: class (d) to the enrolled case as a change report (a recheck opens);
// class (b) to a home verification by the township (person known here) or the county (not
// known), disposed of through the task API. The same file twice and a newer batch raise
// nothing twice.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const syntheticId = (first17: string) => first17 + residentIdCheckChar(first17);
/** The seeded households' members (prisma/seed.ts): 甲's head (household 1), 乙's father (household 2, not enrolled). */
const HEAD_1 = syntheticId('41050219580312003');
const FATHER_2 = syntheticId('41050219500202007');
const STRANGER = fakeId('41050219770707123');
/** An existing 低保 recipient brought in by import, not in the registry. */
const RECIPIENT = fakeId('41050219450909888');

/** A UTF-8 CSV of a source's layout, each row given by column key. */
function csv(source: DataSource, rows: Record<string, string>[]): Buffer {
  const cols = SOURCE_LAYOUTS[source].columns;
  const lines = [cols.map((c) => c.header).join(','), ...rows.map((r) => cols.map((c) => r[c.key] ?? '').join(','))];
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

interface Warning {
  id: string;
  warningClass: string;
  source: string;
  stage: string;
  outcome: string | null;
  townshipCode: string | null;
  enrolledCaseId: string | null;
}

describe('warnings from department data (e2e)', () => {
  let s: EnrolmentStack;
  let enrolledCaseId: string;
  const users = [
    'village.assistant',
    'township.caseworker',
    'county.officer',
    'county.supervisor',
    'auditor',
    'audit.administrator',
    'liaison.medical-insurance',
    'department.liaison',
  ];

  beforeAll(async () => {
    // The national digest (SM3) for archived files: a home-visit record below is hashed with it.
    s = await startEnrolmentStack(users, { ARCHIVE_HASH_ALGORITHM: 'SM3' });
    const driver = enrolmentDriver(s.http, s.as);
    enrolledCaseId = await driver.enrol(await driver.submit(), { accept: true });
  });
  afterAll(async () => {
    await s?.stack.stop();
  });

  const upload = (source: DataSource, bytes: Buffer, name: string) =>
    s.http
      .post('/api/v1/monitoring/batches')
      .set(s.as('county.officer'))
      .field('source', source)
      .attach('file', bytes, name);

  /** The batch once its workflow reported it. */
  async function reported(batchId: string) {
    for (let i = 0; i < 200; i++) {
      const res = await s.http.get(`/api/v1/monitoring/batches/${batchId}`).set(s.as('county.officer')).expect(200);
      if (res.body.status === 'REPORTED') return res.body;
      await sleep(100);
    }
    throw new Error(`batch ${batchId} never reported`);
  }

  async function warnings(query: string, user = 'county.officer'): Promise<Warning[]> {
    const res = await s.http.get(`/api/v1/warnings?${query}`).set(s.as(user)).expect(200);
    return res.body.items as Warning[];
  }

  async function warningIn(id: string, stage: string) {
    for (let i = 0; i < 200; i++) {
      const res = await s.http.get(`/api/v1/warnings/${id}`).set(s.as('county.officer')).expect(200);
      if (res.body.stage === stage) return res.body;
      await sleep(100);
    }
    throw new Error(`warning ${id} never reached ${stage}`);
  }

  async function verificationTask(user: string, warningId: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const res = await s.http
        .get(`/api/v1/tasks?caseId=${warningId}&type=WARNING_VERIFICATION`)
        .set(s.as(user))
        .expect(200);
      const [task] = res.body.items as Array<{ id: string }>;
      if (task) return task.id;
      await sleep(100);
    }
    throw new Error(`${user} never saw the verification of ${warningId}`);
  }

  it('a death record of an enrolled person reaches the case as a change report, and a recheck opens', async () => {
    const res = await upload(
      'CIVIL_AFFAIRS_DEATH',
      csv('CIVIL_AFFAIRS_DEATH', [
        { idNumber: HEAD_1, name: '演示户主甲', county: '410502', diedOn: '2026-11-20' },
        { idNumber: STRANGER, name: '测试陌生人', county: '410502', diedOn: '2026-11-21' },
      ]),
      'deaths-2026-11.csv',
    ).expect(201);
    const batch = await reported(res.body.id);
    // Both rows staged; the stranger is in no enrolled case, so the rule (enrolled persons) raises one warning.
    expect(batch).toMatchObject({ rowsStaged: 2, rowsMatched: 1, warningsRaised: 1, warningsUpdated: 0 });

    const [warning] = await warnings('warningClass=POSSIBLY_NO_LONGER_ELIGIBLE&source=CIVIL_AFFAIRS_DEATH');
    expect(warning).toMatchObject({ enrolledCaseId, townshipCode: '410502002' });
    const closed = await warningIn(warning!.id, 'CLOSED');
    expect(closed.outcome).toBe('CASE_SIGNALLED');
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual(['RAISED', 'CASE_SIGNALLED', 'CLOSED']);
    expect(JSON.stringify(closed)).not.toContain(HEAD_1);

    const report = await s.stack.prisma.changeReport.findUniqueOrThrow({ where: { id: closed.changeReportId } });
    expect(report).toMatchObject({ enrolledCaseId, kind: 'DEATH', material: true, reportedBy: 'system:workflow' });
    // The case's own workflow heard it: a death is material, its recheck investigation is the township's task.
    for (let i = 0; ; i++) {
      const c = await s.http.get(`/api/v1/enrolled-cases/${enrolledCaseId}`).set(s.as('county.officer')).expect(200);
      if (c.body.status === 'RECHECKING') break;
      if (i > 200) throw new Error(`case stayed ${c.body.status}`);
      await sleep(100);
    }
  });

  let known: Warning;
  let stranger: Warning;

  it('a serious illness of a person in no category: the township verifies a known person, the county a stranger', async () => {
    const res = await upload(
      'HEALTH_SERIOUS_ILLNESS',
      csv('HEALTH_SERIOUS_ILLNESS', [
        { idNumber: FATHER_2, name: '演示父亲乙', county: '410502', disease: '尿毒症', diagnosedOn: '2026-10-01' },
        { idNumber: STRANGER, name: '测试陌生人', county: '410502', disease: '恶性肿瘤', diagnosedOn: '2026-10-02' },
      ]),
      'illness-2026-10.csv',
    ).expect(201);
    expect(await reported(res.body.id)).toMatchObject({ rowsMatched: 1, warningsRaised: 2 });
    const raised = await warnings('warningClass=NOT_COVERED&source=HEALTH_SERIOUS_ILLNESS');
    known = raised.find((w) => w.townshipCode !== null)!;
    stranger = raised.find((w) => w.townshipCode === null)!;
    expect([known?.townshipCode, stranger?.townshipCode]).toEqual(['410502002', null]);

    // The township sees only its own; the village assistant has no warning list.
    const township = await warnings('source=HEALTH_SERIOUS_ILLNESS', 'township.caseworker');
    expect(township.map((w) => w.id)).toEqual([known.id]);
    await s.http.get('/api/v1/warnings').set(s.as('village.assistant')).expect(403);
    await s.http.get('/api/v1/warnings?county=410581').set(s.as('county.officer')).expect(403);

    const detail = await warningIn(known.id, 'VERIFICATION');
    expect(detail.details).toMatchObject({ name: '演示父亲乙', disease: '尿毒症' });
    expect(JSON.stringify(detail)).not.toContain(FATHER_2);
    expect(detail.dueAt).toEqual(expect.any(String));
  });

  it('the same file again raises nothing; a newer record updates the open warning', async () => {
    const again = await upload(
      'HEALTH_SERIOUS_ILLNESS',
      csv('HEALTH_SERIOUS_ILLNESS', [
        { idNumber: FATHER_2, name: '演示父亲乙', county: '410502', disease: '尿毒症', diagnosedOn: '2026-10-01' },
        { idNumber: STRANGER, name: '测试陌生人', county: '410502', disease: '恶性肿瘤', diagnosedOn: '2026-10-02' },
      ]),
      'copy.csv',
    ).expect(200);
    expect(again.body.duplicate).toBe(true);

    const newer = await upload(
      'HEALTH_SERIOUS_ILLNESS',
      csv('HEALTH_SERIOUS_ILLNESS', [
        { idNumber: STRANGER, name: '测试陌生人', county: '410502', disease: '恶性肿瘤', diagnosedOn: '2026-11-15' },
      ]),
      'illness-2026-11.csv',
    ).expect(201);
    expect(await reported(newer.body.id)).toMatchObject({ warningsRaised: 0, warningsUpdated: 1 });
    expect(await warnings('source=HEALTH_SERIOUS_ILLNESS')).toHaveLength(2);
    const updated = await warningIn(stranger.id, 'VERIFICATION');
    expect(updated.eventDate).toBe('2026-11-15');
    expect(updated.timeline.map((e: { type: string }) => e.type)).toContain('UPDATED');
  });

  it('the township refers the known person to medical insurance, which receives the referral; a wrong body or role is refused', async () => {
    const taskId = await verificationTask('township.caseworker', known.id);
    // The home-visit record is filed on the warning itself (one id space over the case tables).
    const visit = Buffer.from('%PDF-1.4\n% 入户核查表\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const filed = await s.http
      .post(`/api/v1/cases/${known.id}/documents`)
      .set(s.as('township.caseworker'))
      .field('type', 'HOME_VISIT_FORM')
      .attach('file', visit, '入户核查表.pdf');
    expect([filed.status, filed.body.caseKind]).toEqual([201, 'WARNING']);
    const sm3 = createHash('sm3').update(visit).digest('hex');
    expect([filed.body.hashAlgorithm, filed.body.hash]).toEqual(['SM3', sm3]);
    const audit = await s.stack.prisma.auditLog.findFirst({
      where: { targetType: 'CaseDocument', targetId: filed.body.id },
    });
    expect(JSON.stringify(audit?.details)).toContain(sm3);
    const files = await s.http.get(`/api/v1/cases/${known.id}/documents`).set(s.as('county.officer')).expect(200);
    expect(files.body.items.map((d: { id: string }) => d.id)).toEqual([filed.body.id]);
    await s.http.get(`/api/v1/cases/${stranger.id}/documents`).set(s.as('township.caseworker')).expect(403);
    const bad = await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('township.caseworker'))
      .send({ action: 'recordVerification', outcome: 'REFER', findings: '经入户核查属实' });
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, 'department']);
    // The referral must be an item of the entitlement matrix the department delivers.
    const refer = (body: Record<string, string>) =>
      s.http
        .post(`/api/v1/tasks/${taskId}/complete`)
        .set(s.as('township.caseworker'))
        .send({ action: 'recordVerification', outcome: 'REFER', findings: '经入户核查属实', ...body });
    const noItem = await refer({ department: 'HEALTH' });
    expect([noItem.status, noItem.body.errors?.[0]?.path]).toEqual([400, 'department']);
    expect(noItem.body.errors[0].message).toContain('卫生健康');
    const several = await refer({ department: 'MEDICAL_INSURANCE' });
    expect([several.status, several.body.errors?.[0]?.path]).toEqual([400, 'entitlement']);
    expect(several.body.errors[0].message).toContain('须选择其一');
    const notTheirs = await refer({ department: 'MEDICAL_INSURANCE', entitlement: 'EDUCATION_AID' });
    expect([notTheirs.status, notTheirs.body.errors?.[0]?.path]).toEqual([400, 'entitlement']);
    expect((await warningIn(known.id, 'VERIFICATION')).referrals).toEqual([]);

    const done = await refer({ department: 'MEDICAL_INSURANCE', entitlement: 'MEDICAL_ASSISTANCE' });
    expect(done.status).toBe(200);
    const closed = await warningIn(known.id, 'CLOSED');
    expect(closed).toMatchObject({ outcome: 'REFERRED', department: 'MEDICAL_INSURANCE' });
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual([
      'RAISED',
      'VERIFICATION',
      'REFERRED',
      'REFERRAL_OPENED',
      'CLOSED',
    ]);
    expect(closed.referrals).toEqual([
      expect.objectContaining({ entitlement: 'MEDICAL_ASSISTANCE', department: 'MEDICAL_INSURANCE' }),
    ]);

    // The medical insurance liaison has the referral in their inbox, and reads the warning without the department record.
    const liaison = s.as('liaison.medical-insurance');
    const inbox = await s.http.get('/api/v1/referrals?entitlement=MEDICAL_ASSISTANCE').set(liaison).expect(200);
    // (The enrolled case's own referral for its seriously ill member is in the same inbox.)
    expect(inbox.body.items.filter((r: { origin: string }) => r.origin === 'WARNING')).toEqual([
      expect.objectContaining({
        id: closed.referrals[0].id,
        origin: 'WARNING',
        warningId: known.id,
        stage: 'OPEN',
        idNumberMasked: expect.stringMatching(/^\d{6}\*{8}\d{3}[\dX]$/),
      }),
    ]);
    const seen = await s.http.get('/api/v1/warnings').set(liaison).expect(200);
    expect(seen.body.items.map((w: Warning) => w.id)).toEqual([known.id]);
    const read = await s.http.get(`/api/v1/warnings/${known.id}`).set(liaison).expect(200);
    expect([read.body.reason, read.body.details]).toEqual(['经入户核查属实', {}]);
    expect(JSON.stringify(read.body)).not.toContain('演示父亲乙');
    // Another department's liaison sees no warning of monitoring, and may not open this one.
    const health = s.as('department.liaison');
    expect((await s.http.get('/api/v1/warnings').set(health).expect(200)).body.items).toEqual([]);
    const other = await s.http.get(`/api/v1/warnings/${known.id}`).set(health);
    expect([other.status, other.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    const unreferred = await s.http.get(`/api/v1/warnings/${stranger.id}`).set(liaison);
    expect([unreferred.status, unreferred.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    const again = await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('township.caseworker'))
      .send({ action: 'recordVerification', outcome: 'DISMISS', findings: '重复提交' });
    expect(again.status).toBe(409);
  });

  it('the county dismisses the stranger with its findings, on the audit trail', async () => {
    const taskId = await verificationTask('county.officer', stranger.id);
    // A stranger's verification is the county officer's: a township caseworker may not record it.
    const outside = await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('township.caseworker'))
      .send({ action: 'recordVerification', outcome: 'DISMISS', findings: '不在本乡镇' });
    expect([outside.status, outside.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const done = await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('county.officer'))
      .send({ action: 'recordVerification', outcome: 'DISMISS', findings: '经核查已由子女赡养，家庭收入高于标准' });
    expect(done.status).toBe(200);
    const closed = await warningIn(stranger.id, 'CLOSED');
    expect(closed).toMatchObject({ outcome: 'DISMISSED', reason: '经核查已由子女赡养，家庭收入高于标准' });
    const audit = await s.stack.prisma.auditLog.findMany({
      where: { targetType: 'Warning', targetId: stranger.id },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual(
      expect.arrayContaining([['WARNING_CLOSED', 'demo-county-officer']]),
    );
    const chain = await s.http.get('/api/v1/audit/verification').set(s.as('audit.administrator')).expect(200);
    expect(chain.body.valid).toBe(true);
  });

  it('too complex for one department: the county puts it to 一事一议, whose decision closes the warning', async () => {
    const complex = fakeId('41050219660606456');
    const before = new Set((await warnings('source=HEALTH_SERIOUS_ILLNESS&pageSize=200')).map((w) => w.id));
    const res = await upload(
      'HEALTH_SERIOUS_ILLNESS',
      csv('HEALTH_SERIOUS_ILLNESS', [
        { idNumber: complex, name: '测试复杂户', county: '410502', disease: '白血病', diagnosedOn: '2026-10-05' },
      ]),
      'illness-complex-2026-10.csv',
    ).expect(201);
    expect(await reported(res.body.id)).toMatchObject({ warningsRaised: 1 });
    const warning = (await warnings('source=HEALTH_SERIOUS_ILLNESS&pageSize=200')).find((w) => !before.has(w.id));
    const taskId = await verificationTask('county.officer', warning!.id);
    await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('county.officer'))
      .send({
        action: 'recordVerification',
        outcome: 'DELIBERATE',
        findings: '患白血病，医疗费用远超医保报销，家中无劳动力，需医保、民政、慈善等部门会商',
      })
      .expect(200);
    await warningIn(warning!.id, 'DELIBERATION');
    // The child records itself once started: listed on the warning from then on.
    let deliberation: { id: string; stage: string } | undefined;
    for (let i = 0; !deliberation; i++) {
      const w = await s.http.get(`/api/v1/warnings/${warning!.id}`).set(s.as('county.officer')).expect(200);
      deliberation = (w.body.deliberations as Array<{ id: string; stage: string }>)[0];
      if (i > 200) throw new Error('the warning never listed its deliberation');
      if (!deliberation) await sleep(100);
    }
    // The county's coordination mechanism convenes, hears the departments and decides.
    const path = `/api/v1/deliberations/${deliberation!.id}/actions`;
    const process = async () => {
      for (let i = 0; i < 200; i++) {
        const r = await s.http.get(`/api/v1/deliberations/${deliberation!.id}`).set(s.as('county.supervisor'));
        if (r.status === 200 && r.body.process?.stage === 'CONVENING') return r.body;
        await sleep(100);
      }
      throw new Error('the deliberation never asked to be convened');
    };
    expect(await process()).toMatchObject({ sourceKind: 'WARNING', sourceId: warning!.id });
    await s.http
      .post(path)
      .set(s.as('county.supervisor'))
      .send({
        action: 'convene',
        members: [
          { userId: 'demo-liaison-medical-insurance', department: 'MEDICAL_INSURANCE' },
          { userId: 'demo-department-liaison', department: 'HEALTH' },
        ],
      })
      .expect(200);
    for (const user of ['liaison.medical-insurance', 'department.liaison']) {
      for (let i = 0; ; i++) {
        const r = await s.http
          .post(path)
          .set(s.as(user))
          .send({ action: 'giveOpinion', opinion: 'REJECT', comment: '已有政策覆盖' });
        if (r.status === 200) break;
        if (i > 100) throw new Error(`${user}: ${r.status} ${JSON.stringify(r.body)}`);
        await sleep(100);
      }
    }
    await s.http
      .post(path)
      .set(s.as('county.supervisor'))
      .send({ action: 'decide', outcome: 'REJECT', reason: '现有医疗救助政策可覆盖，转常规程序办理', measures: [] })
      .expect(200);
    const closed = await warningIn(warning!.id, 'CLOSED');
    expect(closed).toMatchObject({ outcome: 'DELIBERATED' });
    expect(closed.reason).toContain('一事一议决定不予帮扶');
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['DELIBERATION', 'CLOSED']),
    );
  });

  it('the township opens the household’s application from the visit, with its consent; a stranger must be registered first', async () => {
    const head2 = syntheticId('41050219850101005');
    const newcomer = fakeId('41050219720303777');
    const before = new Set((await warnings('source=HEALTH_SERIOUS_ILLNESS&pageSize=200')).map((w) => w.id));
    const res = await upload(
      'HEALTH_SERIOUS_ILLNESS',
      csv('HEALTH_SERIOUS_ILLNESS', [
        { idNumber: head2, name: '演示户主乙', county: '410502', disease: '肝硬化', diagnosedOn: '2026-10-08' },
        { idNumber: newcomer, name: '测试新人', county: '410502', disease: '肺癌', diagnosedOn: '2026-10-09' },
      ]),
      'illness-apply-2026-10.csv',
    ).expect(201);
    await reported(res.body.id);
    const fresh = (await warnings('source=HEALTH_SERIOUS_ILLNESS&pageSize=200')).filter((w) => !before.has(w.id));
    const known2 = fresh.find((w) => w.townshipCode !== null)!;
    const unknown = fresh.find((w) => w.townshipCode === null)!;
    const complete = async (user: string, warningId: string, body: Record<string, unknown>) =>
      s.http
        .post(`/api/v1/tasks/${await verificationTask(user, warningId)}/complete`)
        .set(s.as(user))
        .send({
          action: 'recordVerification',
          outcome: 'START_APPLICATION',
          findings: '入户核查：患肝硬化，无劳动能力',
          ...body,
        });
    const consent = { economicCheck: true, truthfulnessPromise: true };
    // A category without the household's consent: refused on the field, nothing changed.
    const noConsent = await complete('township.caseworker', known2.id, { category: 'MINIMUM_LIVING' });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.errors).toEqual([expect.objectContaining({ path: 'consent' })]);
    expect((await complete('township.caseworker', known2.id, { category: 'MINIMUM_LIVING', consent })).status).toBe(
      200,
    );
    const closed = await warningIn(known2.id, 'CLOSED');
    expect(closed.outcome).toBe('APPLICATION_STARTED');
    expect(closed.timeline.map((e: { type: string }) => e.type)).toContain('APPLICATION_STARTED');
    const [application] = closed.applications as Array<{ id: string; category: string }>;
    expect(application).toMatchObject({ category: 'MINIMUM_LIVING' });
    // The application of the household, on its behalf, pre-filled from the registry: the township accepts it next.
    const app = await s.http
      .get(`/api/v1/applications/${application!.id}`)
      .set(s.as('township.caseworker'))
      .expect(200);
    expect(app.body).toMatchObject({ channel: 'WARNING', category: 'MINIMUM_LIVING' });
    const row = await s.stack.prisma.application.findUniqueOrThrow({ where: { id: application!.id } });
    expect(row.warningId).toBe(known2.id);
    expect((row.facts as { members: unknown[] }).members).toHaveLength(3);
    for (let i = 0; ; i++) {
      const t = await s.http
        .get(`/api/v1/tasks?caseId=${application!.id}&type=ACCEPT`)
        .set(s.as('township.caseworker'));
      if (t.body.items?.length === 1) break;
      if (i > 200) throw new Error('the application never reached its acceptance');
      await sleep(100);
    }
    // Someone known only from the department's list has no household here to apply for.
    const stranger2 = await complete('county.officer', unknown.id, { category: 'MINIMUM_LIVING', consent });
    expect(stranger2.status).toBe(409);
    expect(stranger2.body).toMatchObject({ code: 'WARNING_PERSON_UNKNOWN', message: expect.stringContaining('登记') });
  });

  it('a large medical expense raises a warning only from the threshold parameter up', async () => {
    const below = fakeId('41050219660606321');
    const above = fakeId('41050219660606432');
    const res = await upload(
      'MEDICAL_LARGE_EXPENSE',
      csv('MEDICAL_LARGE_EXPENSE', [
        {
          idNumber: below,
          name: '测试甲',
          county: '410502',
          settledOn: '2026-09-01',
          totalCost: '30000',
          outOfPocket: '19999.99',
        },
        {
          idNumber: above,
          name: '测试乙',
          county: '410502',
          settledOn: '2026-09-02',
          totalCost: '60000',
          outOfPocket: '20000',
        },
      ]),
      'medical-2026-09.csv',
    ).expect(201);
    expect(await reported(res.body.id)).toMatchObject({ rowsMatched: 0, warningsRaised: 1 });
    const [w] = await warnings('source=MEDICAL_LARGE_EXPENSE');
    const detail = await warningIn(w!.id, 'VERIFICATION');
    expect(detail.details).toMatchObject({ name: '测试乙', outOfPocket: '20000' });
  });
  it('existing recipients enter the database by import, are not warned as uncovered, and a death of one is verified', async () => {
    const res = await upload(
      'CIVIL_AFFAIRS_RECIPIENTS',
      csv('CIVIL_AFFAIRS_RECIPIENTS', [
        { idNumber: RECIPIENT, name: '测试在册丁', county: '410502', category: '低保', since: '2022-04-01' },
      ]),
      'recipients.csv',
    ).expect(201);
    expect(await reported(res.body.id)).toMatchObject({ populationRecorded: 1, warningsRaised: 0 });
    const found = await s.http
      .get(`/api/v1/population?idNumber=${RECIPIENT}`)
      .set(s.as('township.caseworker'))
      .expect(200);
    // Not in the registry: its county's staff see it, a township does not (no village known).
    expect(found.body.total).toBe(0);
    const county = await s.http.get(`/api/v1/population?idNumber=${RECIPIENT}`).set(s.as('county.officer')).expect(200);
    expect(county.body.items).toEqual([
      expect.objectContaining({
        name: '测试在册丁',
        idNumberMasked: `${RECIPIENT.slice(0, 6)}********${RECIPIENT.slice(14)}`,
        category: 'MINIMUM_LIVING',
        origin: 'IMPORT',
        since: '2022-04-01',
        memberId: null,
      }),
    ]);

    const illness = await upload(
      'HEALTH_SERIOUS_ILLNESS',
      csv('HEALTH_SERIOUS_ILLNESS', [
        { idNumber: RECIPIENT, name: '测试在册丁', county: '410502', disease: '尿毒症', diagnosedOn: '2026-11-01' },
      ]),
      'illness-recipient.csv',
    ).expect(201);
    expect(await reported(illness.body.id)).toMatchObject({ rowsMatched: 1, warningsRaised: 0 });

    // No case runs here for an imported recipient: a death record is verified by the county instead.
    const death = await upload(
      'CIVIL_AFFAIRS_DEATH',
      csv('CIVIL_AFFAIRS_DEATH', [{ idNumber: RECIPIENT, name: '测试在册丁', county: '410502', diedOn: '2026-11-25' }]),
      'deaths-recipient.csv',
    ).expect(201);
    expect(await reported(death.body.id)).toMatchObject({ rowsMatched: 1, warningsRaised: 1 });
    const [w] = (await warnings('warningClass=POSSIBLY_NO_LONGER_ELIGIBLE')).filter((x) => x.enrolledCaseId === null);
    expect(w).toMatchObject({ townshipCode: null });
    await warningIn(w!.id, 'VERIFICATION');
    await verificationTask('county.officer', w!.id);
  });

  it('防止返贫监测对象 enter the database with their subtype, and are still warned as not covered by assistance', async () => {
    const person = fakeId('41052319770707555');
    const res = await upload(
      'RURAL_RELAPSE_MONITORED',
      csv('RURAL_RELAPSE_MONITORED', [
        { idNumber: person, name: '测试监测戊', county: '410502', subtype: '边缘易致贫户', identifiedOn: '2025-05-10' },
      ]),
      'relapse.csv',
    ).expect(201);
    expect(await reported(res.body.id)).toMatchObject({ populationRecorded: 1, warningsRaised: 1 });
    const found = await s.http.get(`/api/v1/population?idNumber=${person}`).set(s.as('county.officer')).expect(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        category: 'RELAPSE_MONITORED',
        subtype: 'MARGINAL_AT_RISK',
        subtypeName: '边缘易致贫户',
        origin: 'RURAL_REVITALISATION',
      }),
    ]);
    expect(await warnings('source=RURAL_RELAPSE_MONITORED&warningClass=NOT_COVERED')).toHaveLength(1);
  });

  it('the database lists enrolled members with their case, by name and household; one ID number is revealed with a reason', async () => {
    const res = await s.http
      .get(`/api/v1/population?name=${encodeURIComponent('演示户主甲')}`)
      .set(s.as('township.caseworker'))
      .expect(200);
    const [head] = res.body.items;
    expect(head).toMatchObject({
      origin: 'ENROLMENT',
      category: 'MINIMUM_LIVING',
      enrolledCaseId,
      divisionCode: '410502002001',
    });
    const household = await s.http
      .get(`/api/v1/population?householdId=${head.householdId}`)
      .set(s.as('village.assistant'))
      .expect(200);
    expect(household.body.total).toBe(2);
    await s.http.get('/api/v1/population?division=410581').set(s.as('county.officer')).expect(403);
    await s.http.get('/api/v1/population?idNumber=123').set(s.as('county.officer')).expect(400);

    const path = '/api/v1/population/id-number-reveals';
    const memberId = head.memberId as string;
    await s.http.post(path).set(s.as('township.caseworker')).send({ memberId, reason: '核对身份' }).expect(403);
    const noReason = await s.http.post(path).set(s.as('county.officer')).send({ memberId });
    expect([noReason.status, noReason.body.errors?.[0]?.path]).toEqual([400, 'reason']);
    const shown = await s.http.post(path).set(s.as('county.officer')).send({ memberId, reason: '银行代发核对身份' });
    expect([shown.status, shown.body.code, shown.body.errors]).toEqual([200, undefined, undefined]);
    expect(shown.body.idNumber).toBe(HEAD_1);
    const audit = await s.stack.prisma.auditLog.findFirstOrThrow({
      where: { action: 'ID_NUMBER_REVEALED', targetId: head.memberId },
    });
    expect(audit).toMatchObject({ actorId: 'demo-county-officer', reason: '银行代发核对身份' });
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(HEAD_1);
  });
});

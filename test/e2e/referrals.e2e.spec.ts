import { enrolmentDriver, SEEDED_HOUSEHOLD, startEnrolmentStack, type EnrolmentStack } from '../support/enrolment';

// Referrals to departments through HTTP on the real stack: an enrolment opens the case's
// referrals from the entitlement matrix; each department's liaison sees and answers only
// its own; civil affairs sees them all; the outcome is counted in the county's coverage.

interface ReferralView {
  id: string;
  entitlement: string;
  department: string;
  stage: string;
  outcome: string | null;
  amountRequired: boolean;
  periodicity: string;
  idNumberMasked: string | null;
}

/** The demo liaison of each department (prisma/seed-data.ts). */
const liaisonOf = (department: string) =>
  department === 'HEALTH' ? 'department.liaison' : `liaison.${department.toLowerCase().replace(/_/g, '-')}`;

const DEPARTMENTS = [
  'CIVIL_AFFAIRS',
  'FINANCE',
  'HR_SOCIAL_SECURITY',
  'HEALTH',
  'MEDICAL_INSURANCE',
  'EDUCATION',
  'HOUSING',
  'EMERGENCY_MANAGEMENT',
  'DISABLED_PERSONS_FEDERATION',
];

describe('referrals to departments (e2e)', () => {
  let s: EnrolmentStack;
  let enrolledCaseId: string;
  let referrals: ReferralView[];
  const users = [
    'village.assistant',
    'township.caseworker',
    'county.officer',
    'county.supervisor',
    'auditor',
    ...DEPARTMENTS.map(liaisonOf),
  ];

  beforeAll(async () => {
    s = await startEnrolmentStack(users);
    const driver = enrolmentDriver(s.http, s.as);
    enrolledCaseId = await driver.enrol(await driver.submit(), { accept: true });
    // The worker opens the referrals right after the enrolled case's workflow started.
    for (let i = 0; i < 100; i++) {
      const res = await s.http
        .get(`/api/v1/referrals?enrolledCaseId=${enrolledCaseId}`)
        .set(s.as('county.officer'))
        .expect(200);
      referrals = res.body.items as ReferralView[];
      if (referrals.length > 0 && referrals.every((r) => r.stage === 'OPEN')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(async () => {
    await s?.stack.stop();
  });

  it('an enrolment opens one referral per entitlement and person, each to its department, ID masked', () => {
    expect(referrals.length).toBeGreaterThan(0);
    const keys = referrals.map((r) => `${r.entitlement}|${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of referrals) {
      expect(r.stage).toBe('OPEN');
      expect(DEPARTMENTS).toContain(r.department);
      expect(r.idNumberMasked ?? '').toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
  });

  it('each liaison lists only their own department’s referrals; asking for another department is refused', async () => {
    for (const department of new Set(referrals.map((r) => r.department))) {
      const res = await s.http
        .get('/api/v1/referrals')
        .set(s.as(liaisonOf(department)))
        .expect(200);
      const seen = res.body.items as ReferralView[];
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((r) => r.department))).toEqual(new Set([department]));
    }
    const other = DEPARTMENTS.find((d) => d !== 'EDUCATION')!;
    const res = await s.http.get(`/api/v1/referrals?department=${other}`).set(s.as('liaison.education'));
    expect([res.status, res.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    await s.http.get('/api/v1/referrals').set(s.as('village.assistant')).expect(403);
  });

  it('a liaison of another department can neither read nor answer a referral (403), and nothing changes', async () => {
    const r = referrals[0]!;
    const stranger = liaisonOf(DEPARTMENTS.find((d) => d !== r.department)!);
    const read = await s.http.get(`/api/v1/referrals/${r.id}`).set(s.as(stranger));
    expect([read.status, read.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    const act = await s.http
      .post(`/api/v1/referrals/${r.id}/actions`)
      .set(s.as(stranger))
      .send({ action: 'DECLINE', reason: '不属于本部门' });
    expect([act.status, act.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    const after = await s.http.get(`/api/v1/referrals/${r.id}`).set(s.as('county.officer')).expect(200);
    expect(after.body.stage).toBe('OPEN');
  });

  it('the department delivers: bad feedback is refused field by field; the delivery closes it, once', async () => {
    const r = referrals[0]!;
    const liaison = liaisonOf(r.department);
    const url = `/api/v1/referrals/${r.id}/actions`;

    const noWhat = await s.http.post(url).set(s.as(liaison)).send({ action: 'DELIVER' });
    expect([noWhat.status, noWhat.body.errors?.[0]?.path]).toEqual([400, 'what']);
    const noReason = await s.http.post(url).set(s.as(liaison)).send({ action: 'DECLINE', reason: ' ' });
    expect([noReason.status, noReason.body.errors?.[0]?.path]).toEqual([400, 'reason']);
    const control = await s.http.post(url).set(s.as(liaison)).send({ action: 'DECLINE', reason: '不符合\u0000条件' });
    expect([control.status, control.body.errors?.[0]?.path]).toEqual([400, 'reason']);
    if (r.amountRequired || r.periodicity === 'YEARLY') {
      const bare = await s.http.post(url).set(s.as(liaison)).send({ action: 'DELIVER', what: '已落实' });
      expect(bare.status).toBe(400);
      const paths = (bare.body.errors as { path: string }[]).map((e) => e.path);
      if (r.amountRequired) expect(paths).toContain('amount');
      if (r.periodicity === 'YEARLY') expect(paths).toEqual(expect.arrayContaining(['periodFrom', 'periodTo']));
    }

    await s.http.post(url).set(s.as(liaison)).send({ action: 'ACCEPT' }).expect(200);
    const delivered = await s.http.post(url).set(s.as(liaison)).send({
      action: 'DELIVER',
      what: '城乡居民医保个人缴费资助 2027 年度',
      amount: 380,
      periodFrom: '2027-01-01',
      periodTo: '2027-12-31',
    });
    expect([delivered.status, delivered.body.stage, delivered.body.outcome]).toEqual([200, 'CLOSED', 'DELIVERED']);

    const again = await s.http.post(url).set(s.as(liaison)).send({ action: 'DECLINE', reason: '重复反馈' });
    expect([again.status, again.body.code]).toEqual([409, 'REFERRAL_CLOSED']);

    // The read model follows the workflow's answer as soon as its activity has written it.
    let detail = await s.http.get(`/api/v1/referrals/${r.id}`).set(s.as('auditor')).expect(200);
    for (let i = 0; i < 100 && detail.body.stage !== 'CLOSED'; i++) {
      await new Promise((done) => setTimeout(done, 100));
      detail = await s.http.get(`/api/v1/referrals/${r.id}`).set(s.as('auditor')).expect(200);
    }
    expect(detail.body).toMatchObject({ stage: 'CLOSED', outcome: 'DELIVERED', delivery: { amount: '380' } });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['OPENED', 'ACCEPTED', 'DELIVERED']),
    );
  });

  it('the authorisation matrix: role × department × jurisdiction × endpoint', async () => {
    const delivered = referrals[0]!; // closed by the test above
    const r = referrals.find((x) => x.id !== delivered.id)!;
    const own = liaisonOf(r.department);
    const other = liaisonOf(DEPARTMENTS.find((d) => d !== r.department)!);
    // The same department's liaison in another county (林州市).
    const farToken = await s.stack.tokenForActor({
      userId: 'test-liaison-410581',
      role: 'DEPARTMENT_LIAISON',
      jurisdiction: '410581',
    });
    await s.stack.prisma.user.update({ where: { id: 'test-liaison-410581' }, data: { department: r.department } });
    const as = (user: string) => (user === 'far' ? { authorization: `Bearer ${farToken}` } : s.as(user));
    const reveal = `/api/v1/referrals/${r.id}/id-number-reveals`;
    const why = { reason: '办理医保参保资助需核对身份证号' };
    type Row = [user: string, method: 'get' | 'post', path: string, status: number, code?: string];
    const rows: Row[] = [
      // The referral itself: its department's liaison in its county, and civil affairs of the jurisdiction.
      [own, 'get', `/api/v1/referrals/${r.id}`, 200],
      [other, 'get', `/api/v1/referrals/${r.id}`, 403, 'WRONG_DEPARTMENT'],
      ['far', 'get', `/api/v1/referrals/${r.id}`, 403, 'OUT_OF_JURISDICTION'],
      ['township.caseworker', 'get', `/api/v1/referrals/${r.id}`, 200],
      ['county.officer', 'get', `/api/v1/referrals/${r.id}`, 200],
      ['auditor', 'get', `/api/v1/referrals/${r.id}`, 200],
      ['village.assistant', 'get', `/api/v1/referrals/${r.id}`, 403, 'ROLE_NOT_ALLOWED'],
      ['far', 'get', '/api/v1/assistance/coverage?county=410502', 403, 'OUT_OF_JURISDICTION'],
      // The full ID number: the department's liaison and the county, with a reason, while open.
      [other, 'post', reveal, 403, 'WRONG_DEPARTMENT'],
      ['far', 'post', reveal, 403, 'OUT_OF_JURISDICTION'],
      ['township.caseworker', 'post', reveal, 403, 'ROLE_NOT_ALLOWED'],
      ['auditor', 'post', reveal, 403, 'ROLE_NOT_ALLOWED'],
      [
        liaisonOf(delivered.department),
        'post',
        `/api/v1/referrals/${delivered.id}/id-number-reveals`,
        409,
        'REFERRAL_CLOSED',
      ],
    ];
    // Nothing of the county outside their referrals: applications, households, cases, emergency aid.
    for (const liaison of [own, other, 'far'])
      for (const path of [
        '/api/v1/applications',
        `/api/v1/households/${SEEDED_HOUSEHOLD}`,
        '/api/v1/enrolled-cases',
        `/api/v1/enrolled-cases/${enrolledCaseId}`,
        '/api/v1/cases',
        '/api/v1/emergency-aid',
      ])
        rows.push([liaison, 'get', path, 403, 'NOT_REFERRED_TO_DEPARTMENT']);
    for (const [user, method, path, status, code] of rows) {
      const req = s.http[method](path).set(as(user));
      const res = method === 'post' ? await req.send(why) : await req;
      // The row in the message: a failure names the user and endpoint.
      expect(`${user} ${method} ${path} → ${res.status}${res.body?.code ? ` ${res.body.code}` : ''}`).toBe(
        `${user} ${method} ${path} → ${status}${code ? ` ${code}` : ''}`,
      );
    }
    expect((await s.http.get('/api/v1/referrals').set(as('far')).expect(200)).body.items).toEqual([]);
    expect((await s.http.get('/api/v1/warnings').set(as(own)).expect(200)).body.items).toEqual([]);

    // The reveal: a reason is required; the number matches the masked form; each reveal is on the audit trail.
    const noReason = await s.http.post(reveal).set(s.as(own)).send({});
    expect([noReason.status, noReason.body.errors?.[0]?.path]).toEqual([400, 'reason']);
    for (const user of [own, 'county.officer']) {
      const res = await s.http.post(reveal).set(s.as(user)).send(why).expect(200);
      expect(res.body.referralId).toBe(r.id);
      expect(res.body.idNumber).toMatch(/^\d{17}[\dX]$/);
      const masked = r.idNumberMasked!;
      expect([res.body.idNumber.slice(0, 6), res.body.idNumber.slice(-4)]).toEqual([
        masked.slice(0, 6),
        masked.slice(-4),
      ]);
    }
    const audited = await s.stack.prisma.auditLog.findMany({
      where: { action: 'ID_NUMBER_REVEALED' },
      orderBy: { at: 'asc' },
    });
    expect(audited.map((a) => [a.role, a.reason, (a.details as { referralId?: string }).referralId])).toEqual([
      ['DEPARTMENT_LIAISON', why.reason, r.id],
      ['COUNTY_OFFICER', why.reason, r.id],
    ]);
    // The REFERRAL task: in its department's inboxes only; another department's liaison may not claim it.
    const task = await s.stack.prisma.task.findFirstOrThrow({ where: { caseId: r.id, type: 'REFERRAL' } });
    expect(task.department).toBe(r.department);
    const inboxOf = async (user: string) =>
      (await s.http.get(`/api/v1/tasks?caseId=${r.id}`).set(s.as(user)).expect(200)).body.items.map(
        (t: { id: string }) => t.id,
      );
    expect(await inboxOf(own)).toEqual([task.id]);
    expect(await inboxOf(other)).toEqual([]);
    const claim = await s.http.post(`/api/v1/tasks/${task.id}/claim`).set(s.as(other));
    expect([claim.status, claim.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    const peek = await s.http.get(`/api/v1/tasks/${task.id}`).set(s.as(other));
    expect([peek.status, peek.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    await s.http.get(`/api/v1/tasks/${task.id}`).set(s.as(own)).expect(200);

    // Coverage for a liaison: their department's rows only.
    const coverage = await s.http.get('/api/v1/assistance/coverage?county=410502').set(s.as(own)).expect(200);
    expect(new Set(coverage.body.items.map((i: { department: string }) => i.department))).toEqual(
      new Set([r.department]),
    );
  });

  it('coverage of the county counts the delivered and the pending per entitlement', async () => {
    const res = await s.http.get('/api/v1/assistance/coverage?county=410502').set(s.as('county.officer')).expect(200);
    const items = res.body.items as { entitlement: string; owed: number; delivered: number; pending: number }[];
    const delivered = items.reduce((n, i) => n + i.delivered, 0);
    const pending = items.reduce((n, i) => n + i.pending, 0);
    expect([delivered, pending]).toEqual([1, referrals.length - 1]);
    const bad = await s.http.get('/api/v1/assistance/coverage?county=41').set(s.as('county.officer'));
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, 'county']);
    await s.http.get('/api/v1/assistance/coverage?county=410581').set(s.as('county.officer')).expect(403);
  });
});

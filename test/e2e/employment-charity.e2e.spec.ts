import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { ENROLMENT_FACTS, enrolmentDriver, startEnrolmentStack, type EnrolmentStack } from '../support/enrolment';

// Employment assistance and emergency referrals through HTTP on the real stack: a 低保 household
// with unemployed members who can work is tracked as 零就业 and its members referred to human
// resources; a 公益性岗位 placement reaches the enrolled case as a change report and clears the
// household. An emergency case is referred to the charity emergency fund, once, and the charity
// federation's liaison reports back like any department.

interface ReferralView {
  id: string;
  origin: string;
  entitlement: string;
  department: string;
  stage: string;
  outcome: string | null;
  emergencyCaseId: string | null;
}
interface ZeroEmploymentView {
  householdId: string;
  since: string;
  cleared: boolean;
  clearedReason: string | null;
  membersCapable: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const syntheticId = (first17: string) => first17 + residentIdCheckChar(first17);
const HR = 'liaison.hr-social-security';
const CHARITY = 'liaison.charity-federation';

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await sleep(200);
  }
}

describe('employment assistance, 零就业 and emergency referrals (e2e)', () => {
  let s: EnrolmentStack;
  let householdId: string;
  let enrolledCaseId: string;
  let employment: ReferralView[];
  const users = [
    'village.assistant',
    'township.caseworker',
    'county.officer',
    'auditor',
    HR,
    CHARITY,
    'liaison.education',
  ];

  const zeroEmployment = async (user = 'county.officer') =>
    (await s.http.get('/api/v1/assistance/zero-employment?county=410502').set(s.as(user)).expect(200)).body as {
      counts: { tracked: number; open: number; cleared: number };
      items: ZeroEmploymentView[];
    };

  beforeAll(async () => {
    s = await startEnrolmentStack(users);
    // Two working-age members who can work, neither employed.
    const registered = await s.http
      .post('/api/v1/households')
      .set(s.as('village.assistant'))
      .send({
        divisionCode: '410502002001',
        area: 'RURAL',
        address: '宝莲寺镇前进村 4 组 7 号',
        members: [
          {
            name: '测试户主',
            idNumber: syntheticId('41050219800214003'),
            relation: 'HEAD',
            labourCapacity: 'FULL',
          },
          {
            name: '测试配偶',
            idNumber: syntheticId('41050219820305004'),
            relation: 'SPOUSE',
            labourCapacity: 'PARTIAL',
          },
        ],
      })
      .expect(201);
    householdId = registered.body.id as string;
    const submitted = await s.http
      .post('/api/v1/applications')
      .set(s.as('village.assistant'))
      .send({
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts: ENROLMENT_FACTS,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    enrolledCaseId = await enrolmentDriver(s.http, s.as).enrol(submitted.body.id as string, { accept: true });
    employment = await until(
      'employment referrals',
      async () =>
        (
          await s.http
            .get(`/api/v1/referrals?enrolledCaseId=${enrolledCaseId}&entitlement=EMPLOYMENT_ASSISTANCE`)
            .set(s.as('county.officer'))
            .expect(200)
        ).body.items as ReferralView[],
      (items) => items.length === 2 && items.every((r) => r.stage === 'OPEN'),
    );
  });
  afterAll(async () => {
    await s?.stack.stop();
  });

  it('enrolment tracks the household as 零就业 and refers each capable member to human resources', async () => {
    expect(employment.map((r) => r.department)).toEqual(['HR_SOCIAL_SECURITY', 'HR_SOCIAL_SECURITY']);
    const register = await until(
      '零就业 register',
      () => zeroEmployment(),
      (b) => b.items.some((i) => i.householdId === householdId),
    );
    const row = register.items.find((i) => i.householdId === householdId)!;
    expect(row).toMatchObject({ cleared: false, clearedReason: null, membersCapable: 2 });
    expect(register.counts.open).toBeGreaterThanOrEqual(1);
    // No names and no ID numbers in the register.
    expect(JSON.stringify(register)).not.toMatch(/测试|\d{6}\*{8}|41050219800214/);
    // The human-resources liaison reads it; another department's liaison does not.
    await zeroEmployment(HR);
    const other = await s.http.get('/api/v1/assistance/zero-employment?county=410502').set(s.as('liaison.education'));
    expect([other.status, other.body.code]).toEqual([403, 'WRONG_DEPARTMENT']);
    const bad = await s.http.get('/api/v1/assistance/zero-employment?county=4105').set(s.as('county.officer'));
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, 'county']);
  });

  it('a placement without a wage is refused field by field; a 公益性岗位 with a wage reaches the case and clears 零就业', async () => {
    const r = employment[0]!;
    const url = `/api/v1/referrals/${r.id}/actions`;
    const noWage = await s.http
      .post(url)
      .set(s.as(HR))
      .send({
        action: 'DELIVER',
        what: '安置公益性岗位',
        employment: { kind: 'PUBLIC_WELFARE_JOB', from: '2026-12-01' },
      });
    expect(noWage.status).toBe(400);
    const wageError = (noWage.body.errors as { path: string; message: string }[]).find((e) =>
      e.path.includes('monthlyWage'),
    );
    expect(wageError?.message).toBe('须填写月工资（元）');

    await s.http.post(url).set(s.as(HR)).send({ action: 'ACCEPT' }).expect(200);
    const delivered = await s.http
      .post(url)
      .set(s.as(HR))
      .send({
        action: 'DELIVER',
        what: '安置村级保洁公益性岗位',
        employment: { kind: 'PUBLIC_WELFARE_JOB', monthlyWage: 1500, from: '2026-12-01' },
      });
    expect([delivered.status, delivered.body.stage, delivered.body.outcome]).toEqual([200, 'CLOSED', 'DELIVERED']);
    const again = await s.http
      .post(url)
      .set(s.as(HR))
      .send({
        action: 'DELIVER',
        what: '重复反馈',
        employment: { kind: 'JOB_FOUND', monthlyWage: 2000, from: '2026-12-01' },
      });
    expect([again.status, again.body.code]).toEqual([409, 'REFERRAL_CLOSED']);

    // The enrolled case hears an income change (a material one: its recheck applies the rules).
    const kase = await until(
      'change report on the case',
      async () => (await s.http.get(`/api/v1/enrolled-cases/${enrolledCaseId}`).set(s.as('county.officer'))).body,
      (b: { changes?: { kind: string; details: { referralId?: string } }[] }) =>
        (b.changes ?? []).some((c) => c.details.referralId === r.id),
    );
    const change = (
      kase.changes as { kind: string; material: boolean; details: { description: string; referralId?: string } }[]
    ).find((c) => c.details.referralId === r.id)!;
    expect(change).toMatchObject({ kind: 'INCOME_CHANGE', material: true });
    expect(change.details.description).toContain('1500');
    const process = await until(
      'the case workflow heard it',
      async () =>
        (await s.http.get(`/api/v1/enrolled-cases/${enrolledCaseId}`).set(s.as('county.officer'))).body.process as {
          changesReported: number;
        } | null,
      (p) => (p?.changesReported ?? 0) >= 1,
    );
    expect(process!.changesReported).toBe(1);

    const detail = await s.http.get(`/api/v1/referrals/${r.id}`).set(s.as(HR)).expect(200);
    expect(detail.body.delivery.employment).toEqual({
      kind: 'PUBLIC_WELFARE_JOB',
      monthlyWage: '1500',
      from: '2026-12-01',
    });
    const register = await until(
      '零就业 cleared',
      () => zeroEmployment(),
      (b) => b.items.some((i) => i.householdId === householdId && i.cleared),
    );
    expect(register.items.find((i) => i.householdId === householdId)).toMatchObject({
      cleared: true,
      clearedReason: 'PUBLIC_WELFARE_JOB',
    });
    const open = await s.http
      .get('/api/v1/assistance/zero-employment?county=410502&cleared=false')
      .set(s.as('auditor'))
      .expect(200);
    expect((open.body.items as ZeroEmploymentView[]).map((i) => i.householdId)).not.toContain(householdId);
  });

  it('an emergency case is referred to the charity fund once; the charity liaison reports back', async () => {
    const created = await s.http
      .post('/api/v1/emergency-aid')
      .set(s.as('township.caseworker'))
      .send({
        townshipCode: '410502002',
        applicant: { name: '赵某某', idNumber: syntheticId('41050219750606123') },
        area: 'RURAL',
        kind: 'SUDDEN',
        amount: 800,
        description: '家中失火，生活无着',
      })
      .expect(201);
    const caseId = created.body.id as string;
    const url = `/api/v1/emergency-aid/${caseId}/referrals`;

    const badTarget = await s.http
      .post(url)
      .set(s.as('township.caseworker'))
      .send({ target: 'LOTTERY', reason: '火灾后生活困难' });
    expect([badTarget.status, badTarget.body.errors?.[0]?.path]).toEqual([400, 'target']);
    await s.http.post(url).set(s.as('village.assistant')).send({ target: 'CHARITY_FUND', reason: '火灾' }).expect(403);

    const first = await s.http
      .post(url)
      .set(s.as('township.caseworker'))
      .send({ target: 'CHARITY_FUND', reason: '火灾后生活困难，申请慈善专项基金' })
      .expect(200);
    expect(first.body.opened).toBe(true);
    expect(first.body.referral).toMatchObject({
      origin: 'EMERGENCY',
      entitlement: 'CHARITY_EMERGENCY_FUND',
      department: 'CHARITY_FEDERATION',
      emergencyCaseId: caseId,
    });
    // The liaison reads why on the referral's timeline.
    expect(first.body.referral.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'REQUESTED', detail: '急难救助案件转介：火灾后生活困难，申请慈善专项基金' }),
      ]),
    );
    const second = await s.http
      .post(url)
      .set(s.as('county.officer'))
      .send({ target: 'CHARITY_FUND', reason: '再次申请' })
      .expect(200);
    expect([second.body.opened, second.body.referral.id]).toEqual([false, first.body.referral.id]);
    const listed = await s.http
      .get(`/api/v1/referrals?emergencyCaseId=${caseId}`)
      .set(s.as('county.officer'))
      .expect(200);
    expect(listed.body.total).toBe(1);
    // The vagrant relief route is the other target: civil affairs' relief station, its own referral.
    const vagrant = await s.http
      .post(url)
      .set(s.as('township.caseworker'))
      .send({ target: 'VAGRANT_RELIEF', reason: '无固定住所，需护送至救助管理站' })
      .expect(200);
    expect([vagrant.body.opened, vagrant.body.referral.department, vagrant.body.referral.entitlement]).toEqual([
      true,
      'CIVIL_AFFAIRS',
      'VAGRANT_RELIEF',
    ]);

    const referralId = first.body.referral.id as string;
    const inbox = await until(
      'the charity liaison’s inbox',
      async () => (await s.http.get('/api/v1/referrals').set(s.as(CHARITY)).expect(200)).body.items as ReferralView[],
      (items) => items.some((i) => i.id === referralId),
    );
    expect(inbox.find((i) => i.id === referralId)).toMatchObject({ origin: 'EMERGENCY', stage: 'OPEN' });
    const act = `/api/v1/referrals/${referralId}/actions`;
    await until(
      'the referral workflow answers',
      async () => (await s.http.post(act).set(s.as(CHARITY)).send({ action: 'ACCEPT' })).status,
      (status) => status === 200,
    );
    const noAmount = await s.http.post(act).set(s.as(CHARITY)).send({ action: 'DELIVER', what: '拨付慈善救急资金' });
    expect([noAmount.status, noAmount.body.errors?.[0]?.path]).toEqual([400, 'amount']);
    const delivered = await s.http
      .post(act)
      .set(s.as(CHARITY))
      .send({ action: 'DELIVER', what: '拨付困难群众救急难慈善专项基金', amount: 3000 });
    expect([delivered.status, delivered.body.outcome]).toEqual([200, 'DELIVERED']);
    const closed = await until(
      'the referral closed in the list',
      async () =>
        (
          await s.http
            .get(`/api/v1/referrals?emergencyCaseId=${caseId}&entitlement=CHARITY_EMERGENCY_FUND`)
            .set(s.as('county.officer'))
            .expect(200)
        ).body.items as ReferralView[],
      // The ACCEPTED line may be written after the delivery closed the state: wait for the outcome itself.
      (items) => items[0]?.outcome === 'DELIVERED',
    );
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ origin: 'EMERGENCY', stage: 'CLOSED', outcome: 'DELIVERED' });
    // Asked again after the delivery: still the one referral, not a second.
    const third = await s.http
      .post(url)
      .set(s.as('township.caseworker'))
      .send({ target: 'CHARITY_FUND', reason: '第三次申请' })
      .expect(200);
    expect([third.body.opened, third.body.referral.id]).toEqual([false, referralId]);
  });
});

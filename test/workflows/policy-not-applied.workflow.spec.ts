import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import { cstDate } from '../../src/core/clock';
import type { ActorRef } from '../../src/core/contracts/determination';
import type { WarningState, WarningVerification } from '../../src/core/contracts/warning';
import { warningActUpdate, warningStateQuery } from '../../src/core/messages';
import { dataBatchWorkflowId, warningWorkflowId } from '../../src/core/workflow-ids';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { caseworker } from '../support/actors';
import { enrolledCaseRow } from '../support/funds';
import { recordHistory } from '../support/histories';
import { divisionChain, outreachHousehold } from '../support/outreach';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: class (a) warnings (政策未落实, seed 二(三)4) on the time-skipping server with
// the REAL activities on a real PostgreSQL. Found two ways: a 低保 student absent from the
// education department's list (the anti-join rule of the batch), and the county's daily check
// of the referral records (an owed item never referred, or declined other than as the rules
// accept). Disposed of by the township's verification: REFER opens the owed item's referral,
// no application (the person is in a category), overdue escalates; a dismissal stands.

const QUEUE = 'policy-not-applied-test';
const DAY = 24 * 60 * 60 * 1000;

describe('class (a) warnings: found by batch and referral records, verified (time-skipping, real activities)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  const started: Array<{ id: string; file: string }> = [];

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });
  beforeEach(async () => {
    env = await startTimeSkipping();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: createActivities({
        prisma,
        parameters: defaultParameterStore(),
        temporal: { client: env.client, taskQueue: QUEUE },
      }),
    });
    running = worker.run();
  });
  afterEach(async () => {
    for (const { id, file } of started)
      await recordHistory(file, () => env.client.workflow.getHandle(id).fetchHistory());
    started.length = 0;
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function eventually<T>(check: () => Promise<T>, tries = 400): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await check();
      } catch (error) {
        if (i > tries) throw error;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }
  const state = (h: WorkflowHandle): Promise<WarningState> => h.query(warningStateQuery);
  const act = (h: WorkflowHandle, actor: ActorRef, command: WarningVerification) =>
    h.executeUpdate(warningActUpdate, { args: [{ actor, requestId: `r-${randomUUID()}`, command }] });
  async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  }

  /** A 低保 household of the village: a head (of the given birth date) and a schoolchild, enrolled yesterday. */
  async function enrolledFamily(villageCode: string, headBorn = '1960-01-01') {
    await divisionChain(prisma, villageCode);
    const { householdId, memberId: headId } = await outreachHousehold(prisma, villageCode);
    await prisma.member.update({ where: { id: headId }, data: { birthDate: new Date(headBorn) } });
    const childId = randomUUID();
    const childHmac = randomBytes(32).toString('hex');
    await prisma.member.create({
      data: {
        id: childId,
        householdId,
        name: '测试学生',
        idNumberHmac: childHmac,
        idNumberEncrypted: 'test',
        idNumberMasked: '410502********0011',
        birthDate: new Date('2012-05-01'),
        sex: 'F',
        relation: 'CHILD',
        labourCapacity: 'NONE',
        student: true,
      },
    });
    const caseId = await enrolledCaseRow(prisma, { countyCode: villageCode.slice(0, 6), householdId });
    await prisma.enrolledCase.update({
      where: { id: caseId },
      data: { createdAt: new Date(Date.now() - 2 * DAY), townshipCode: villageCode.slice(0, 9) },
    });
    return { householdId, headId, childId, childHmac, caseId };
  }

  /** A referral row as its workflow leaves it (no workflow runs: the check reads the records only). */
  async function referralRow(
    f: { caseId: string; memberRef: string; countyCode: string },
    entitlement: string,
    department: string,
    outcome: 'DELIVERED' | 'DECLINED' | null,
  ) {
    const id = randomUUID();
    const now = new Date(Date.now() - DAY);
    await prisma.referral.create({
      data: {
        id,
        openKey: outcome === null ? `${f.memberRef}|${entitlement}` : null,
        origin: 'ENROLMENT',
        memberRef: f.memberRef,
        enrolledCaseId: f.caseId,
        category: 'MINIMUM_LIVING',
        entitlement,
        department,
        countyCode: f.countyCode,
        timeLimitWorkingDays: 20,
        periodicity: 'YEARLY',
        amountRequired: true,
        year: Number(cstDate(now.toISOString()).slice(0, 4)),
        stage: outcome === null ? 'OPEN' : 'CLOSED',
        outcome,
        declineReason: outcome === 'DECLINED' ? '名额已满' : null,
        workflowId: `referral-${id}`,
        openedAt: new Date(now.getTime() - DAY),
        updatedAt: now,
        closedAt: outcome === null ? null : now,
      },
    });
    return id;
  }

  it('a 低保 student absent from the education list is warned once; the verification refers the owed item', async () => {
    const COUNTY = '410502';
    const fam = await enrolledFamily('410502002001');
    const listedHmac = randomBytes(32).toString('hex');
    const batch = async (sha: string) => {
      const batchId = randomUUID();
      await prisma.dataBatch.create({
        data: {
          id: batchId,
          source: 'EDUCATION_STUDENTS',
          fileName: 'students.csv',
          sha256: sha.repeat(64),
          encoding: 'utf-8',
          scopeCode: COUNTY,
          status: 'STAGED',
          rowsRead: 1,
          rowsRefused: 0,
          rowsStaged: 1,
          uploadedBy: 'test',
          uploadedAt: new Date(),
          stagedAt: new Date(),
          rows: {
            create: [
              {
                row: 2,
                idNumberHmac: listedHmac,
                countyCode: COUNTY,
                eventDate: new Date('2026-09-01'),
                fields: { name: '另一学生', school: '测试小学', stage: '小学', recognisedOn: '2026-09-01' },
              },
            ],
          },
        },
      });
      return env.client.workflow.execute('dataBatchWorkflow', {
        taskQueue: QUEUE,
        workflowId: dataBatchWorkflowId(batchId),
        args: [{ batchId, countyCode: COUNTY }],
      });
    };
    expect(await batch('a')).toMatchObject({ warningsRaised: 1, warningsUpdated: 0 });
    const w = await prisma.warning.findFirstOrThrow({ where: { idNumberHmac: fam.childHmac } });
    expect(w).toMatchObject({
      warningClass: 'POLICY_NOT_APPLIED',
      source: 'EDUCATION_STUDENTS',
      openKey: `${fam.childHmac}|POLICY_NOT_APPLIED|EDUCATION_AID`,
      memberId: fam.childId,
      enrolledCaseId: fam.caseId,
      townshipCode: '410502002',
    });
    expect(w.details).toMatchObject({ entitlement: 'EDUCATION_AID', department: 'EDUCATION', finding: 'NOT_LISTED' });
    // Not on the next list either: the same open warning moves on, none added.
    expect(await batch('b')).toMatchObject({ warningsRaised: 0, warningsUpdated: 1 });
    expect(await prisma.warning.count({ where: { idNumberHmac: fam.childHmac } })).toBe(1);

    const h = env.client.workflow.getHandle(warningWorkflowId(w.id));
    started.push({ id: h.workflowId, file: 'warning-policy-not-applied-referred' });
    const task = await eventually(async () => {
      const s = await state(h);
      expect(s.currentTask).not.toBeNull();
      return s.currentTask!;
    });
    expect(task).toMatchObject({ candidateRole: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502002' });
    // The person is in a category: no application on their behalf.
    const refused = await refusal(
      act(h, caseworker, {
        action: 'recordVerification',
        outcome: 'START_APPLICATION',
        findings: '学生家庭已在低保',
        category: 'MINIMUM_LIVING',
        consent: { economicCheck: true, truthfulnessPromise: true },
      }),
    );
    expect(refused.type).toBe('WARNING_OUTCOME_NOT_FOR_CLASS');
    // REFER to the education department: the owed item without naming it.
    await act(h, caseworker, {
      action: 'recordVerification',
      outcome: 'REFER',
      department: 'EDUCATION',
      findings: '学生本学期未获资助，转教育部门落实',
    });
    const result = await h.result();
    expect(result).toMatchObject({ stage: 'CLOSED', outcome: 'REFERRED' });
    const referral = await eventually(() => prisma.referral.findUniqueOrThrow({ where: { id: result.referralId! } }));
    expect(referral).toMatchObject({
      origin: 'WARNING',
      entitlement: 'EDUCATION_AID',
      department: 'EDUCATION',
      memberRef: fam.childId,
      enrolledCaseId: fam.caseId,
      category: 'MINIMUM_LIVING',
      warningId: w.id,
    });
    expect((await prisma.warning.findUniqueOrThrow({ where: { id: w.id } })).openKey).toBeNull();
  });

  it('the daily check raises what the referral records leave undelivered, escalates when overdue, and a dismissal stands', async () => {
    const COUNTY = '410503';
    const VILLAGE = '410503002001';
    // A head of working age (owed employment assistance, declined as the rules accept) and a schoolchild.
    const fam = await enrolledFamily(VILLAGE, '1986-03-01');
    const refs = (memberRef: string) => ({ caseId: fam.caseId, memberRef, countyCode: COUNTY });
    await referralRow(refs(fam.headId), 'MEDICAL_PREMIUM_FIXED', 'MEDICAL_INSURANCE', 'DELIVERED');
    await referralRow(refs(fam.headId), 'HOUSING_RENOVATION', 'HOUSING', null);
    await referralRow(refs(fam.headId), 'EMPLOYMENT_ASSISTANCE', 'HR_SOCIAL_SECURITY', 'DECLINED');
    const declined = await referralRow(refs(fam.childId), 'EDUCATION_AID', 'EDUCATION', 'DECLINED');
    // The child's premium subsidy was never referred (a case from before the matrix).

    const round = (suffix: string) =>
      env.client.workflow.execute('outreachRoundWorkflow', {
        taskQueue: QUEUE,
        workflowId: `outreach-round-test-${suffix}-${randomUUID()}`,
        args: [{ countyCode: COUNTY }],
      });
    const first = await round('first');
    expect(first).toMatchObject({ countyCode: COUNTY, policyNotApplied: 2 });
    const warnings = await prisma.warning.findMany({ where: { enrolledCaseId: fam.caseId }, orderBy: { id: 'asc' } });
    const found = warnings
      .map((w) => {
        const d = w.details as { entitlement: string; finding: string; referralId: string | null };
        return [w.memberId, d.entitlement, d.finding, d.referralId];
      })
      .sort();
    expect(found).toEqual(
      [
        [fam.childId, 'EDUCATION_AID', 'DECLINED', declined],
        [fam.childId, 'MEDICAL_PREMIUM_FIXED', 'NOT_REFERRED', null],
      ].sort(),
    );
    for (const w of warnings)
      expect(w).toMatchObject({ warningClass: 'POLICY_NOT_APPLIED', source: 'REFERRAL_RECORDS', countyCode: COUNTY });
    expect(await prisma.auditLog.count({ where: { targetId: COUNTY, action: 'POLICY_NOT_APPLIED_CHECKED' } })).toBe(1);

    // The same day again: nothing new (one open warning per person and entitlement).
    expect(await round('again')).toMatchObject({ policyNotApplied: 0 });

    const premium = warnings.find(
      (w) => (w.details as { entitlement: string }).entitlement === 'MEDICAL_PREMIUM_FIXED',
    )!;
    const education = warnings.find((w) => (w.details as { entitlement: string }).entitlement === 'EDUCATION_AID')!;
    const hp = env.client.workflow.getHandle(warningWorkflowId(premium.id));
    const he = env.client.workflow.getHandle(warningWorkflowId(education.id));
    started.push({ id: he.workflowId, file: 'warning-policy-not-applied-escalated' });
    const taskId = await eventually(async () => {
      const s = await state(he);
      expect(s.currentTask).not.toBeNull();
      return s.currentTask!.taskId;
    });
    await eventually(async () => expect((await state(hp)).currentTask).not.toBeNull());
    const task = await eventually(() => prisma.task.findUniqueOrThrow({ where: { id: taskId } }));
    expect(task).toMatchObject({ type: 'WARNING_VERIFICATION', candidateRole: 'TOWNSHIP_CASEWORKER' });

    // Past its due date: the county supervisor's escalation, the warning overdue.
    await env.sleep(task.dueAt!.getTime() - (await env.currentTimeMs()) + 3_600_000);
    const escalation = await eventually(() =>
      prisma.task.findFirstOrThrow({ where: { caseId: education.id, type: 'ESCALATION' } }),
    );
    expect(escalation).toMatchObject({ candidateRole: 'COUNTY_SUPERVISOR', escalationKind: 'OVERDUE_STEP' });
    await eventually(async () =>
      expect((await prisma.warning.findUniqueOrThrow({ where: { id: education.id } })).overdue).toBe(true),
    );

    const township: ActorRef = { ...caseworker, jurisdiction: '410503002' };
    await act(he, township, {
      action: 'recordVerification',
      outcome: 'REFER',
      department: 'EDUCATION',
      findings: '教育部门以名额已满退回，经核实该生符合条件，再次转介落实',
    });
    const referred = await he.result();
    expect(referred).toMatchObject({ outcome: 'REFERRED', overdue: true });
    expect(await prisma.referral.findUniqueOrThrow({ where: { id: referred.referralId! } })).toMatchObject({
      entitlement: 'EDUCATION_AID',
      memberRef: fam.childId,
      stage: 'OPEN',
    });
    await act(hp, township, {
      action: 'recordVerification',
      outcome: 'DISMISS',
      findings: '该生随父母在外地参保，个人缴费已由当地资助',
    });
    expect(await hp.result()).toMatchObject({ outcome: 'DISMISSED' });

    // The next day's check: the education item is with the department again, the dismissal stands.
    expect(await round('next')).toMatchObject({ policyNotApplied: 0 });
    expect(await prisma.warning.count({ where: { enrolledCaseId: fam.caseId } })).toBe(2);
  });
});

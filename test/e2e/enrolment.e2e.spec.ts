import { enrolmentDriver, startEnrolmentStack, type EnrolmentStack } from '../support/enrolment';

// The enrolled-case lifecycle through HTTP against the dev server and a real worker that
// starts each enrolled case's workflow at enrolment (the stack of test/support/enrolment.ts:
// publicity shortened, the first payment instruction written at once).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('enrolled-case lifecycle (e2e)', () => {
  let stack: EnrolmentStack['stack'];
  let http: EnrolmentStack['http'];
  let as: EnrolmentStack['as'];

  beforeAll(async () => {
    ({ stack, http, as } = await startEnrolmentStack([
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'auditor',
    ]));
  });
  afterAll(() => stack?.stop());

  // `http` is set in beforeAll, so the driver is built at call time.
  const driver = () => enrolmentDriver(http, as);
  const inboxTask = (user: string, caseId: string, type: string) => driver().inboxTask(user, caseId, type);

  /** The enrolled case once the read model and the workflow's own state both satisfy `ok`. */
  async function enrolledCase(
    id: string,
    ok: (body: { status: string; process: { status: string } | null }) => boolean,
    timeoutMs = 20_000,
  ) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await http.get(`/api/v1/enrolled-cases/${id}`).set(as('township.caseworker')).expect(200);
      if (ok(res.body)) return res.body;
      if (Date.now() > until) throw new Error(`enrolled case stayed ${res.body.status} / ${res.body.process?.status}`);
      await sleep(150);
    }
  }

  async function audit(targetId: string, action: string) {
    return stack.prisma.auditLog.findMany({ where: { targetId, action } });
  }

  it('enrolled through HTTP; payments, reconciliation, a change report and its recheck, suspension and resumption', async () => {
    // ---- to ENROLLED, as in determination.e2e ----
    const caseId = await driver().submit();
    const enrolledId = await driver().enrol(caseId, { accept: true });

    // ---- the enrolled case, its workflow running ----
    // The row is ACTIVE from the decision; the first recheck date is written a moment later by the workflow.
    const active = await enrolledCase(
      enrolledId,
      (b) =>
        b.status === 'ACTIVE' &&
        b.process?.status === 'ACTIVE' &&
        (b as { nextRecheckAt?: unknown }).nextRecheckAt != null,
    );
    expect(active).toMatchObject({
      applicationId: caseId,
      category: 'MINIMUM_LIVING',
      statusName: '在保',
      nextRecheckAt: expect.any(String),
      phaseOutEndsAt: null,
    });
    expect(Number(active.monthlyAmount)).toBe(660);
    const startMonth = active.startMonth as string;
    // The application id reaches the same case.
    expect((await http.get(`/api/v1/enrolled-cases/${caseId}`).set(as('county.officer')).expect(200)).body.id).toBe(
      enrolledId,
    );
    const stranger = await stack.tokenForActor({
      userId: 'u-stranger',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502001',
    });
    expect(
      (
        await http
          .get(`/api/v1/enrolled-cases/${enrolledId}`)
          .set({ authorization: `Bearer ${stranger}` })
          .expect(403)
      ).body.code,
    ).toBe('OUT_OF_JURISDICTION');
    const badList = await http.get('/api/v1/enrolled-cases?status=GONE&page=0').set(as('county.officer')).expect(400);
    expect(badList.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['page', 'status']);

    // ---- the first payment instruction ----
    let payment: { id: string; month: string; amount: string; status: string; enrolledCaseId: string } | undefined;
    for (let i = 0; i < 100 && !payment; i++) {
      const res = await http
        .get(`/api/v1/payments?month=${startMonth}&county=410502`)
        .set(as('county.officer'))
        .expect(200);
      payment = res.body.items.find((p: { enrolledCaseId: string }) => p.enrolledCaseId === enrolledId);
      if (!payment) await sleep(100);
    }
    expect(payment).toMatchObject({ month: startMonth, status: 'PENDING' });
    expect(Number(payment!.amount)).toBe(660);
    const badMonth = await http.get('/api/v1/payments?month=2026-13&county=4105').set(as('county.officer')).expect(400);
    expect(badMonth.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['county', 'month']);
    expect(
      (await http.get(`/api/v1/payments?month=${startMonth}&county=410502`).set(as('auditor')).expect(200)).body.total,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await http.get(`/api/v1/payments?month=${startMonth}&county=410502`).set(as('township.caseworker')).expect(403))
        .body.code,
    ).toBe('ROLE_NOT_ALLOWED');

    // ---- reconciliation: FAILED with a reason opens a PAYMENT_FAILED task ----
    const noReason = await http
      .post(`/api/v1/payments/${payment!.id}/reconciliation`)
      .set(as('county.officer'))
      .send({ status: 'FAILED' })
      .expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    await http
      .post(`/api/v1/payments/${payment!.id}/reconciliation`)
      .set(as('county.supervisor'))
      .send({ status: 'PAID' })
      .expect(403);
    const failed = await http
      .post(`/api/v1/payments/${payment!.id}/reconciliation`)
      .set(as('county.officer'))
      .send({ status: 'FAILED', reason: '银行账户已注销' })
      .expect(200);
    expect(failed.body).toMatchObject({
      status: 'FAILED',
      failureReason: '银行账户已注销',
      reconciledBy: 'demo-county-officer',
      taskId: expect.any(String),
    });
    const again = await http
      .post(`/api/v1/payments/${payment!.id}/reconciliation`)
      .set(as('county.officer'))
      .send({ status: 'FAILED', reason: '重复登记' })
      .expect(409);
    expect(again.body.code).toBe('ALREADY_RECONCILED');
    expect(await inboxTask('county.officer', caseId, 'PAYMENT_FAILED')).toBe(failed.body.taskId);
    expect(await audit(payment!.id, 'PAYMENT_RECONCILED_FAILED')).toEqual([
      expect.objectContaining({ actorId: 'demo-county-officer', reason: '银行账户已注销' }),
    ]);
    expect(await audit(failed.body.taskId, 'TASK_OPENED')).toHaveLength(1);

    // ---- a material change report starts a recheck ----
    const badChange = await http
      .post(`/api/v1/cases/${enrolledId}/changes`)
      .set(as('village.assistant'))
      .send({ kind: 'LOTTERY', description: '' })
      .expect(400);
    expect(badChange.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['description', 'kind']);
    await http
      .post(`/api/v1/cases/${enrolledId}/changes`)
      .set(as('county.officer'))
      .send({ kind: 'INCOME_CHANGE', description: '务工收入增加' })
      .expect(403);
    const reported = await http
      .post(`/api/v1/cases/${enrolledId}/changes`)
      .set(as('village.assistant'))
      .send({
        kind: 'INCOME_CHANGE',
        description: '户主在县城务工，月收入约 1500 元',
        occurredOn: '2026-10-01',
        memberId: 'p1',
      })
      .expect(202);
    expect(reported.body).toMatchObject({
      enrolledCaseId: enrolledId,
      material: true,
      recheck: 'STARTED',
      message: expect.stringContaining('复核'),
    });
    expect(await audit(enrolledId, 'CHANGE_REPORTED')).toEqual([
      expect.objectContaining({ actorId: 'demo-village-assistant', requestId: expect.any(String) }),
    ]);

    const investigate = await inboxTask('township.caseworker', caseId, 'RECHECK_INVESTIGATE');
    const rechecking = await enrolledCase(enrolledId, (b) => b.status === 'RECHECKING');
    expect(rechecking.rechecks).toEqual([expect.objectContaining({ reason: 'CHANGE', status: 'OPEN' })]);
    expect(rechecking.changes).toEqual([
      expect.objectContaining({ kind: 'INCOME_CHANGE', material: true, processedAt: null }),
    ]);
    expect(rechecking.openTasks.map((t: { type: string }) => t.type)).toEqual(
      expect.arrayContaining(['RECHECK_INVESTIGATE']),
    );
    // The decision step is not open yet: the county officer cannot act on the investigation task.
    expect(
      (
        await http
          .post(`/api/v1/recheck-tasks/${investigate}/complete`)
          .set(as('county.officer'))
          .send({ action: 'decide', decision: { outcome: 'UNCHANGED' } })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_NOT_ALLOWED');
    // A determination action on a recheck task is refused before any Update, naming the step's actions.
    const wrongRoute = await http
      .post(`/api/v1/tasks/${investigate}/complete`)
      .set(as('township.caseworker'))
      .send({ action: 'accept' })
      .expect(422);
    expect(wrongRoute.body).toMatchObject({
      code: 'TASK_PAYLOAD_INVALID',
      errors: [expect.objectContaining({ path: 'action', message: expect.stringContaining('recordInvestigation') })],
    });
    const badInvestigation = await http
      .post(`/api/v1/recheck-tasks/${investigate}/complete`)
      .set(as('township.caseworker'))
      .send({ action: 'recordInvestigation', homeVisit: 'yes' })
      .expect(400);
    expect(badInvestigation.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['findings', 'homeVisit']);
    await http
      .post(`/api/v1/recheck-tasks/${investigate}/complete`)
      .set(as('township.caseworker'))
      .send({
        action: 'recordInvestigation',
        findings: '入户核实：务工收入不稳定，家庭人均收入仍低于标准',
        homeVisit: true,
      })
      .expect(200);
    const decide = await inboxTask('county.officer', caseId, 'RECHECK_DECIDE');
    const decided = await http
      .post(`/api/v1/recheck-tasks/${decide}/complete`)
      .set(as('county.officer'))
      .send({ action: 'decide', decision: { outcome: 'UNCHANGED', note: '维持' } })
      .expect(200);
    // The Update answers once the task is closed; the recheck may already have finished by then.
    expect(decided.body).toMatchObject({ currentTask: null, stage: expect.stringMatching(/^(DECIDE|DONE)$/) });
    const after = await enrolledCase(enrolledId, (b) => b.status === 'ACTIVE' && b.process?.status === 'ACTIVE');
    expect(after.rechecks).toEqual([
      expect.objectContaining({
        reason: 'CHANGE',
        status: 'DECIDED',
        outcome: 'UNCHANGED',
        decidedBy: 'demo-county-officer',
      }),
    ]);
    expect(after.changes[0].processedAt).not.toBeNull();
    expect(after.process).toMatchObject({ rechecksDone: 1, changesReported: 1, currentRecheck: null });
    // A non-recheck task is not completed here.
    expect(
      (
        await http
          .post(`/api/v1/recheck-tasks/${failed.body.taskId}/complete`)
          .set(as('county.officer'))
          .send({ action: 'decide', decision: { outcome: 'UNCHANGED' } })
          .expect(400)
      ).body.code,
    ).toBe('NOT_A_RECHECK_TASK');

    // ---- suspension and resumption ----
    const byCaseworker = await http
      .post(`/api/v1/enrolled-cases/${enrolledId}/suspend`)
      .set(as('township.caseworker'))
      .send({ reason: '核查' })
      .expect(403);
    expect(byCaseworker.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('县级主管') });
    const blank = await http
      .post(`/api/v1/enrolled-cases/${enrolledId}/suspend`)
      .set(as('county.supervisor'))
      .send({ reason: '  ' })
      .expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const suspended = await http
      .post(`/api/v1/enrolled-cases/${enrolledId}/suspend`)
      .set(as('county.supervisor'))
      .send({ reason: '涉嫌隐瞒收入，待核实' })
      .expect(200);
    expect(suspended.body).toMatchObject({
      status: 'SUSPENDED',
      suspension: { reason: '涉嫌隐瞒收入，待核实', by: 'demo-county-supervisor', resumeTo: 'ACTIVE' },
    });
    expect(
      (
        await http
          .post(`/api/v1/enrolled-cases/${enrolledId}/suspend`)
          .set(as('county.supervisor'))
          .send({ reason: '再次暂停' })
          .expect(409)
      ).body.code,
    ).toBe('WRONG_STATUS');
    expect(
      (await http.get(`/api/v1/enrolled-cases/${enrolledId}`).set(as('county.supervisor')).expect(200)).body.status,
    ).toBe('SUSPENDED');
    const resumed = await http
      .post(`/api/v1/enrolled-cases/${enrolledId}/resume`)
      .set(as('county.supervisor'))
      .send({ reason: '核实无隐瞒收入' })
      .expect(200);
    expect(resumed.body).toMatchObject({ status: 'ACTIVE', suspension: null });
    expect(
      (
        await http
          .post(`/api/v1/enrolled-cases/${enrolledId}/resume`)
          .set(as('county.supervisor'))
          .send({ reason: '再次恢复' })
          .expect(409)
      ).body.code,
    ).toBe('WRONG_STATUS');
    const statusAudit = await stack.prisma.auditLog.findMany({
      where: { targetId: enrolledId, action: { in: ['ENROLLED_CASE_SUSPENDED', 'ENROLLED_CASE_RESUMED'] } },
      orderBy: { seq: 'asc' },
    });
    expect(statusAudit).toEqual([
      expect.objectContaining({
        action: 'ENROLLED_CASE_SUSPENDED',
        actorId: 'demo-county-supervisor',
        reason: '涉嫌隐瞒收入，待核实',
      }),
      expect.objectContaining({
        action: 'ENROLLED_CASE_RESUMED',
        actorId: 'demo-county-supervisor',
        reason: '核实无隐瞒收入',
      }),
    ]);

    // ---- the officer reissues it (task done, instruction pending); it fails again: a new task ----
    const resolve = (taskId: string, user: string, body: object) =>
      http.post(`/api/v1/payment-tasks/${taskId}/complete`).set(as(user)).send(body);
    expect(
      (await resolve(failed.body.taskId, 'county.officer', { resolution: 'RESEND' }).expect(400)).body.errors
        .map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['reason', 'resolution']);
    expect(
      (
        await resolve(failed.body.taskId, 'county.supervisor', { resolution: 'REISSUE', reason: '已更正账户' }).expect(
          403,
        )
      ).body.code,
    ).toBe('ROLE_NOT_ALLOWED');
    const reissued = await resolve(failed.body.taskId, 'county.officer', {
      resolution: 'REISSUE',
      reason: '已更正为新开立的社保卡账户',
    }).expect(200);
    expect(reissued.body).toMatchObject({
      outcome: 'REISSUED',
      payment: { id: payment!.id, status: 'PENDING', failureReason: '银行账户已注销' },
    });
    expect(
      (await resolve(failed.body.taskId, 'county.officer', { resolution: 'CLOSE', reason: '重复办理' }).expect(409))
        .body.code,
    ).toBe('TASK_NOT_OPEN');
    expect(await audit(payment!.id, 'PAYMENT_REISSUED')).toEqual([
      expect.objectContaining({ actorId: 'demo-county-officer', reason: '已更正为新开立的社保卡账户' }),
    ]);
    const failedAgain = await http
      .post(`/api/v1/payments/${payment!.id}/reconciliation`)
      .set(as('county.officer'))
      .send({ status: 'FAILED', reason: '账户信息仍有误' })
      .expect(200);
    expect(failedAgain.body.taskId).not.toBe(failed.body.taskId);

    // ---- a failed payment paid again closes its task ----
    const repaid = await http
      .post(`/api/v1/payments/${payment!.id}/reconciliation`)
      .set(as('county.officer'))
      .send({ status: 'PAID' })
      .expect(200);
    expect(repaid.body).toMatchObject({ status: 'PAID', taskId: null });
    expect(await stack.prisma.task.findUniqueOrThrow({ where: { id: failedAgain.body.taskId } })).toMatchObject({
      status: 'DONE',
      outcome: 'PAID',
    });
    expect(
      (
        await http
          .post(`/api/v1/payments/${payment!.id}/reconciliation`)
          .set(as('county.officer'))
          .send({ status: 'PAID' })
          .expect(409)
      ).body.code,
    ).toBe('ALREADY_RECONCILED');
  });

  it('refuses a change report for an exited case (409) and one for an unknown case (404)', async () => {
    const any = await stack.prisma.enrolledCase.findFirst({
      where: { villageCode: { startsWith: '410502002' } },
      select: { id: true },
    });
    expect(any).not.toBeNull();
    await stack.prisma.enrolledCase.update({ where: { id: any!.id }, data: { status: 'EXITED' } });
    const exited = await http
      .post(`/api/v1/cases/${any!.id}/changes`)
      .set(as('township.caseworker'))
      .send({ kind: 'DEATH', description: '户主去世' })
      .expect(409);
    expect(exited.body).toMatchObject({ code: 'CASE_EXITED', message: expect.stringContaining('退出') });
    await http
      .post('/api/v1/cases/00000000-0000-4000-8000-00000000ffff/changes')
      .set(as('township.caseworker'))
      .send({ kind: 'DEATH', description: '户主去世' })
      .expect(404);
  });
});

import { enrolmentDriver, startEnrolmentStack, type EnrolmentStack } from '../support/enrolment';

// Complaints and reports (投诉举报, plan 三(三)) through HTTP on the real stack: filed by
// anyone without login (anonymous allowed) or recorded by staff from a hotline call; each
// is a workflow whose handling task the county answers through the task API; the public
// reads the stage and the reply by the receipt code; a complaint about an enrolled case can
// open its recheck. Bad input is a 400 with Chinese field messages; a flood from one client
// a 429.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const COUNTY = '410502';

interface FieldError {
  path: string;
  message: string;
}

describe('complaints and reports (e2e)', () => {
  let s: EnrolmentStack;
  let enrolledCaseId: string;
  const users = [
    'village.assistant',
    'township.caseworker',
    'county.officer',
    'county.supervisor',
    'city.supervisor',
    'auditor',
  ];

  beforeAll(async () => {
    // A burst of 8 per client (the tests below file fewer before the flood), regained slowly.
    s = await startEnrolmentStack(users, { COMPLAINT_RATE_BURST: '8', COMPLAINT_RATE_PER_MINUTE: '0.1' });
    const driver = enrolmentDriver(s.http, s.as);
    enrolledCaseId = await driver.enrol(await driver.submit(), { accept: true });
  });
  afterAll(async () => {
    await s?.stack.stop();
  });

  const filePublic = (body: Record<string, unknown>) => s.http.post('/api/v1/public/complaints').send(body);

  async function handleTask(user: string, complaintId: string, type = 'COMPLAINT_HANDLE'): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const res = await s.http.get(`/api/v1/tasks?caseId=${complaintId}&type=${type}`).set(s.as(user)).expect(200);
      const [task] = res.body.items as Array<{ id: string }>;
      if (task) return task.id;
      await sleep(100);
    }
    throw new Error(`${user} never saw the handling task of ${complaintId}`);
  }

  async function complaintIn(id: string, stage: string) {
    for (let i = 0; i < 200; i++) {
      const res = await s.http.get(`/api/v1/complaints/${id}`).set(s.as('county.officer')).expect(200);
      if (res.body.stage === stage) return res.body;
      await sleep(100);
    }
    throw new Error(`complaint ${id} never reached ${stage}`);
  }

  it('an anonymous public complaint: receipt, the county officer answers through the task, the public reads the reply', async () => {
    const filed = await filePublic({
      subject: 'PROCEDURE',
      countyCode: COUNTY,
      content: '村里低保民主评议没有公开，群众不知道结果。',
      anonymous: true,
    }).expect(201);
    expect(Object.keys(filed.body)).toEqual(['receiptCode']);
    const code = filed.body.receiptCode as string;
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);

    const before = await s.http.get(`/api/v1/public/complaints/${code}`).expect(200);
    expect(before.body.reply).toBeNull();
    expect(['REGISTERED', 'ASSIGNED']).toContain(before.body.stage);

    // Staff find it in their county's list, then answer through the task.
    const list = await s.http.get(`/api/v1/complaints?county=${COUNTY}`).set(s.as('county.officer')).expect(200);
    const row = (list.body.items as Array<{ id: string; anonymous: boolean; channel: string }>)[0]!;
    expect(row).toMatchObject({ anonymous: true, channel: 'PUBLIC' });
    const taskId = await handleTask('county.officer', row.id);

    // A body for another kind of task is refused before anything changes.
    await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('county.officer'))
      .send({ action: 'recordVerification', outcome: 'DISMISS', findings: '无' })
      .expect(422);
    const reply = '经核查，该村民主评议结果已在村务公开栏公示，今后将同时在村微信群公布。';
    await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('county.officer'))
      .send({ action: 'answerComplaint', findings: '评议结果已张贴，但位置偏僻', reply })
      .expect(200);

    const closed = await complaintIn(row.id, 'CLOSED');
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual([
      'REGISTERED',
      'ASSIGNED',
      'INVESTIGATED',
      'ANSWERED',
      'CLOSED',
    ]);
    const after = await s.http.get(`/api/v1/public/complaints/${code}`).expect(200);
    expect(after.body).toMatchObject({ stage: 'CLOSED', stageName: '已办结', reply });
    // The public sees the stage and the reply, nothing else (no findings, no content).
    expect(JSON.stringify(after.body)).not.toContain('位置偏僻');
    expect(JSON.stringify(after.body)).not.toContain('民主评议没有公开');

    // An unknown receipt code is a 404; a malformed one a 400.
    await s.http.get('/api/v1/public/complaints/ABCDEFGHJKMN').expect(404);
    const bad = await s.http.get('/api/v1/public/complaints/abc').expect(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'param.receiptCode', message: '受理编号须为 12 位字母或数字' });

    // Every step on the audit trail.
    const audit = await s.stack.prisma.auditLog.findMany({ where: { targetType: 'Complaint', targetId: row.id } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['COMPLAINT_REGISTERED', 'COMPLAINT_ASSIGNED', 'COMPLAINT_ANSWERED', 'COMPLAINT_CLOSED']),
    );
  });

  it('a hotline complaint about an enrolled case: the answer opens the case’s recheck; the contact is kept sealed', async () => {
    const res = await s.http
      .post('/api/v1/complaints')
      .set(s.as('township.caseworker'))
      .send({
        channel: 'HOTLINE',
        subject: 'CASE',
        subjectRef: enrolledCaseId,
        countyCode: COUNTY,
        content: '来电反映该低保户家中新购置小汽车，可能不再符合条件。',
        anonymous: false,
        contactName: '王某某',
        contactPhone: '13800000000',
      })
      .expect(201);
    const { id, receiptCode } = res.body as { id: string; receiptCode: string };
    expect(receiptCode).toHaveLength(12);
    const stored = await s.stack.prisma.complaint.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ channel: 'HOTLINE', enrolledCaseId, recordedBy: expect.any(String) });
    expect(stored.contactSealed).not.toContain('13800000000');
    expect(stored.receiptHash).not.toContain(receiptCode);
    // The contact reaches whoever answers, not the auditor.
    const seen = await s.http.get(`/api/v1/complaints/${id}`).set(s.as('county.officer')).expect(200);
    expect(seen.body.contact).toEqual({ name: '王某某', phone: '13800000000' });
    const audited = await s.http.get(`/api/v1/complaints/${id}`).set(s.as('auditor')).expect(200);
    expect(audited.body.contact).toBeNull();

    const taskId = await handleTask('county.officer', id);
    await s.http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(s.as('county.officer'))
      .send({
        action: 'answerComplaint',
        findings: '经车管部门核实，该户名下新登记小汽车一辆',
        reply: '经核查，反映情况属实，已启动对该户的复核。',
        openRecheck: true,
      })
      .expect(200);
    const closed = await complaintIn(id, 'CLOSED');
    expect(closed.timeline.map((e: { type: string }) => e.type)).toContain('RECHECK_OPENED');
    const report = await s.stack.prisma.changeReport.findUniqueOrThrow({ where: { id: closed.changeReportId } });
    expect(report).toMatchObject({ enrolledCaseId, material: true, reportedBy: 'system:workflow' });
    // The case's own workflow heard it: its recheck opens.
    for (let i = 0; ; i++) {
      const c = await s.http.get(`/api/v1/enrolled-cases/${enrolledCaseId}`).set(s.as('county.officer')).expect(200);
      if (c.body.status === 'RECHECKING') break;
      if (i > 200) throw new Error(`case stayed ${c.body.status}`);
      await sleep(100);
    }
  });

  it('a county home visit before the answer: asked from the handling task, recorded on the case, then answered', async () => {
    const res = await s.http
      .post('/api/v1/complaints')
      .set(s.as('county.officer'))
      .send({
        channel: 'HOTLINE',
        subject: 'CASE',
        subjectRef: enrolledCaseId,
        countyCode: COUNTY,
        content: '来电反映该户长期在外务工，家中无人居住。',
        anonymous: true,
      })
      .expect(201);
    const { id } = res.body as { id: string };
    const taskId = await handleTask('county.officer', id);
    const complete = (task: string, body: Record<string, unknown>, user = 'county.officer') =>
      s.http.post(`/api/v1/tasks/${task}/complete`).set(s.as(user)).send(body);
    await complete(taskId, { action: 'requestHomeVisit', reason: '核实家庭实际居住情况' }).expect(200);
    // No answer while the visit is outstanding, and no second visit asked for.
    const early = await complete(taskId, { action: 'answerComplaint', findings: '未核查', reply: '答复' }).expect(409);
    expect(early.body).toMatchObject({ code: 'HOME_VISIT_OPEN', message: expect.stringContaining('入户核查尚未完成') });
    await complete(taskId, { action: 'requestHomeVisit', reason: '再次核查' }).expect(409);
    const visitTask = await handleTask('county.officer', id, 'COMPLAINT_HOME_VISIT');
    // The village assistant does not record the county's visit.
    await complete(visitTask, { action: 'recordHomeVisit', findings: '入户核查' }, 'village.assistant').expect(403);
    await complete(visitTask, {
      action: 'recordHomeVisit',
      findings: '入户核查：该户确有人居住，务工为季节性。',
    }).expect(200);
    for (let i = 0; ; i++) {
      const c = (await s.http.get(`/api/v1/complaints/${id}`).set(s.as('county.officer')).expect(200)).body;
      if (c.timeline.some((e: { type: string }) => e.type === 'HOME_VISIT_RECORDED')) break;
      if (i > 200) throw new Error('the home visit was never recorded');
      await sleep(100);
    }
    // On the case's own record of home visits, as the county's.
    const kase = await s.stack.prisma.enrolledCase.findUniqueOrThrow({ where: { id: enrolledCaseId } });
    const detail = await s.http
      .get(`/api/v1/applications/${kase.applicationId}`)
      .set(s.as('county.officer'))
      .expect(200);
    expect(detail.body.homeVisits).toContainEqual(
      expect.objectContaining({ kind: 'COUNTY', findings: '入户核查：该户确有人居住，务工为季节性。' }),
    );
    await complete(taskId, {
      action: 'answerComplaint',
      findings: '经县级入户核查，反映情况不属实',
      reply: '经入户核查，该户有人居住，您反映的情况不属实。',
    }).expect(200);
    const closed = await complaintIn(id, 'CLOSED');
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['HOME_VISIT_REQUESTED', 'HOME_VISIT_RECORDED', 'ANSWERED', 'CLOSED']),
    );
    // A complaint that names no case cannot have one.
    const procedural = await s.http
      .post('/api/v1/complaints')
      .set(s.as('county.officer'))
      .send({
        channel: 'HOTLINE',
        subject: 'PROCEDURE',
        countyCode: COUNTY,
        content: '办事窗口排队时间过长。',
        anonymous: true,
      })
      .expect(201);
    const other = await handleTask('county.officer', procedural.body.id);
    const refused = await complete(other, { action: 'requestHomeVisit', reason: '核查' }).expect(409);
    expect(refused.body.code).toBe('NO_ENROLLED_CASE');
  });

  it('a complaint about county staff is answered by the city: the county supervisor may not answer it', async () => {
    const filed = await filePublic({
      subject: 'STAFF',
      countyCode: COUNTY,
      content: '县民政局某工作人员办理时态度恶劣，拖延不办。',
      anonymous: true,
    }).expect(201);
    const { receiptCode } = filed.body as { receiptCode: string };
    const all = (await s.http.get('/api/v1/complaints?pageSize=200').set(s.as('city.supervisor')).expect(200)).body
      .items as Array<{ id: string; subject: string; stage: string }>;
    const mine = all.find((c) => c.subject === 'STAFF' && c.stage !== 'CLOSED')!;
    const taskId = await handleTask('city.supervisor', mine.id);
    const body = { action: 'answerComplaint', findings: '已约谈', reply: '经市民政局核查，已责令整改。' };
    const refused = await s.http.post(`/api/v1/tasks/${taskId}/complete`).set(s.as('county.supervisor')).send(body);
    expect([refused.status, refused.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    await s.http.post(`/api/v1/tasks/${taskId}/complete`).set(s.as('city.supervisor')).send(body).expect(200);
    for (let i = 0; ; i++) {
      const c = await s.http.get(`/api/v1/complaints/${mine.id}`).set(s.as('city.supervisor')).expect(200);
      if (c.body.stage === 'CLOSED') break;
      if (i > 200) throw new Error(`complaint stayed ${c.body.stage}`);
      await sleep(100);
    }
    // Those it may concern do not read it.
    await s.http.get(`/api/v1/complaints/${mine.id}`).set(s.as('county.officer')).expect(403);
    const status = await s.http.get(`/api/v1/public/complaints/${receiptCode}`).expect(200);
    expect(status.body.reply).toBe('经市民政局核查，已责令整改。');
  });

  it('bad input is a 400 with Chinese field messages: empty content, oversized content, unknown county', async () => {
    const empty = await filePublic({
      subject: 'PROCEDURE',
      countyCode: COUNTY,
      content: '   ',
      anonymous: true,
    }).expect(400);
    expect((empty.body.errors as FieldError[]).find((e) => e.path === 'content')?.message).toBe('须填写投诉举报内容');

    const long = await filePublic({
      subject: 'PROCEDURE',
      countyCode: COUNTY,
      content: '长'.repeat(2001),
      anonymous: true,
    }).expect(400);
    expect((long.body.errors as FieldError[]).find((e) => e.path === 'content')?.message).toBe('最多 2000 个字符');

    const unknown = await filePublic({
      subject: 'HOUSEHOLD',
      countyCode: '419999',
      content: '某户隐瞒收入',
      anonymous: true,
    }).expect(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: 'countyCode', message: '县级区划 419999 不存在' }),
    ]);

    // A body past the complaint limit (16 KB) is refused as too large before it is read further.
    const huge = await filePublic({
      subject: 'PROCEDURE',
      countyCode: COUNTY,
      content: '大'.repeat(10_000),
      anonymous: true,
    }).expect(413);
    expect(huge.body.message).toContain('16 KB');
  });

  it('staff outside the listed roles are refused with the reason', async () => {
    const res = await s.http
      .post('/api/v1/complaints')
      .set(s.as('village.assistant'))
      .send({ channel: 'HOTLINE', subject: 'PROCEDURE', countyCode: COUNTY, content: '来电', anonymous: true })
      .expect(403);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    await s.http.get('/api/v1/complaints').set(s.as('village.assistant')).expect(403);
  });

  it('the same content again from the same client is a 409; a flood from one client is a 429', async () => {
    const body = { subject: 'HOUSEHOLD', countyCode: COUNTY, content: '某户家中经营商铺，收入较高。', anonymous: true };
    await filePublic(body).expect(201);
    const repeat = await filePublic(body).expect(409);
    expect(repeat.body.code).toBe('COMPLAINT_DUPLICATE');

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await filePublic({ ...body, content: `第 ${i} 条：某户隐瞒收入。` })).status);
    expect(statuses).toContain(429);
    const refused = await filePublic({ ...body, content: '再来一条' }).expect(429);
    expect(refused.body).toMatchObject({ code: 'COMPLAINT_RATE_LIMITED', message: '提交过于频繁，请稍后再试' });
  });

  it('the public statistics: no login; this month’s few answered complaints are not published', async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const res = await s.http.get(`/api/v1/public/statistics?month=${month}`).expect(200);
    const wenfeng = res.body.counties.find((c: { countyCode: string }) => c.countyCode === COUNTY);
    expect(wenfeng.complaints).toEqual({ answered: null, answeredOnTime: null, suppressed: true });
    expect(res.body.city.complaints.suppressed).toBe(true);
    // Without a month: the last full one.
    const last = await s.http.get('/api/v1/public/statistics').expect(200);
    expect(last.body.month < month).toBe(true);
    const future = await s.http.get('/api/v1/public/statistics?month=2999-01').expect(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'month', message: '不能晚于本月' })]);
    const bad = await s.http.get('/api/v1/public/statistics?month=2026-13').expect(400);
    expect(bad.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});

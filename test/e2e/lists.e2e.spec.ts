import request from 'supertest';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { startStack, type Stack } from '../support/stack';

// The list routes of emergency aid, reserve funds and 一事一议 through HTTP on the real stack
// (API, worker, Temporal dev server, PostgreSQL with the shipped parameters): each filter,
// the pages, and jurisdiction — a caller sees its own division only, another county is 403,
// a city-wide auditor sees every county. The database is fresh, so each list is compared
// item for item. Last, the expense-type path end to end on the shipped parameters.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const validId = (first17: string) => first17 + residentIdCheckChar(first17);

interface Listed {
  items: Array<{ id: string; stage: string; townshipCode: string; countyCode: string; [k: string]: unknown }>;
  total: number;
  page: number;
  pageSize: number;
}

describe('list routes of emergency aid, reserve funds and 一事一议 (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  /** Emergency cases in creation order: E1…E4 in 文峰区 (410502), E5 in 北关区 (410503). */
  const e: Record<'E1' | 'E2' | 'E3' | 'E4' | 'E5', string> = { E1: '', E2: '', E3: '', E4: '', E5: '' };
  /** Deliberations in creation order: from E4 (CONVENING), direct (OPINIONS), direct then closed (CLOSED), and one of 北关区. */
  const d: Record<'fromEmergency' | 'open' | 'closed' | 'beiguan', string> = {
    fromEmergency: '',
    open: '',
    closed: '',
    beiguan: '',
  };

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await get();
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(v).slice(0, 500)}`);
      await sleep(150);
    }
  }

  /** Creates an emergency case as `user` and waits until its workflow has taken it to `stage`. */
  async function emergency(user: string, body: Record<string, unknown>, stage: string): Promise<string> {
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as(user))
      .send({ area: 'RURAL', description: '家中突发困难', ...body })
      .expect(201);
    const id = created.body.id as string;
    await until(
      `${id} to ${stage}`,
      () =>
        http
          .get(`/api/v1/emergency-aid/${id}`)
          .set(as('auditor'))
          .expect(200)
          .then((r) => r.body.stage as string),
      (s) => s === stage,
    );
    return id;
  }

  const members = [
    { userId: 'demo-liaison-civil-affairs', department: 'CIVIL_AFFAIRS' },
    { userId: 'demo-department-liaison', department: 'HEALTH' },
  ];
  async function deliberation(user: string, question: string, memberList = members): Promise<string> {
    const started = await http
      .post('/api/v1/deliberations')
      .set(as(user))
      .send({ question, members: memberList })
      .expect(201);
    const id = started.body.id as string;
    await until(
      `${id} opinions`,
      () => stack.prisma.deliberation.findUnique({ where: { id } }),
      (row) => row?.stage === 'OPINIONS',
    );
    return id;
  }

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'department.liaison',
      'auditor',
    ])
      tokens[u] = await stack.tokenFor(u);
    tokens['caseworker.410502001'] = await stack.tokenForActor({
      userId: 'u-caseworker-410502001',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502001',
    });
    tokens['caseworker.410503001'] = await stack.tokenForActor({
      userId: 'u-caseworker-410503001',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410503001',
    });
    tokens['supervisor.410503'] = await stack.tokenForActor({
      userId: 'u-supervisor-410503',
      role: 'COUNTY_SUPERVISOR',
      jurisdiction: '410503',
    });
    tokens['officer.410503'] = await stack.tokenForActor({
      userId: 'u-officer-410503',
      role: 'COUNTY_OFFICER',
      jurisdiction: '410503',
    });
    for (const [id, department] of [
      ['u-liaison-410503-civil', 'CIVIL_AFFAIRS'],
      ['u-liaison-410503-health', 'HEALTH'],
    ] as const) {
      await stack.prisma.user.create({
        data: {
          id,
          username: `test.${id}`,
          displayName: '测试·北关区部门联络员',
          role: 'DEPARTMENT_LIAISON',
          jurisdictionCode: '410503',
          department,
        },
      });
    }

    const applicant = (n: number) => ({ name: '王某某', idNumber: validId(`41050219900101${String(100 + n)}`) });
    e.E1 = await emergency(
      'township.caseworker',
      { townshipCode: '410502002', applicant: applicant(1), kind: 'SUDDEN', amount: 800 },
      'EXPLANATION_DUE',
    );
    e.E2 = await emergency(
      'township.caseworker',
      { townshipCode: '410502002', applicant: applicant(2), kind: 'EXPENSE', amount: 1200 },
      'EXPENSE_TYPE',
    );
    e.E3 = await emergency(
      'caseworker.410502001',
      { townshipCode: '410502001', applicant: applicant(3), kind: 'SUDDEN', severity: 'SEVERE', amount: 1500 },
      'AID_FIRST',
    );
    e.E4 = await emergency(
      'township.caseworker',
      { townshipCode: '410502002', applicant: applicant(4), kind: 'SUDDEN', amount: 40_000 },
      'DELIBERATION',
    );
    e.E5 = await emergency(
      'caseworker.410503001',
      { townshipCode: '410503001', applicant: applicant(5), kind: 'EXPENSE', amount: 1000 },
      'EXPENSE_TYPE',
    );

    // The deliberation E4's workflow started (a CONVENE task waits), then three raised directly.
    d.fromEmergency = (await until(
      'deliberation of E4',
      () => stack.prisma.emergencyCase.findUniqueOrThrow({ where: { id: e.E4 } }).then((r) => r.deliberationId),
      (id) => id !== null,
    )) as string;
    await until(
      'its row',
      () => stack.prisma.deliberation.findUnique({ where: { id: d.fromEmergency } }),
      (row) => row?.stage === 'CONVENING',
    );
    d.open = await deliberation('county.supervisor', '某户因病致贫，需多部门联合救助');
    d.closed = await deliberation('county.supervisor', '某户子女就学困难');
    await http
      .post(`/api/v1/deliberations/${d.closed}/actions`)
      .set(as('county.supervisor'))
      .send({ action: 'close', reason: '已由教育部门另行资助' })
      .expect(200);
    await until(
      'closed',
      () => stack.prisma.deliberation.findUniqueOrThrow({ where: { id: d.closed } }),
      // The CLOSED event itself (an earlier step's row may already carry the stage the close set).
      (row) => row.stage === 'CLOSED' && row.closedReason !== null,
    );
    d.beiguan = await deliberation('supervisor.410503', '北关区某户因灾致贫', [
      { userId: 'u-liaison-410503-civil', department: 'CIVIL_AFFAIRS' },
      { userId: 'u-liaison-410503-health', department: 'HEALTH' },
    ]);

    await http
      .post('/api/v1/reserve-funds/410503001/top-ups')
      .set(as('officer.410503'))
      .send({ amount: 3000, reason: '县财政拨付备用金' })
      .expect(201);
  }, 300_000);
  afterAll(() => stack?.stop());

  const list = (user: string, query = '') => http.get(`/api/v1/emergency-aid${query}`).set(as(user));
  const ids = (body: Listed) => body.items.map((i) => i.id);

  it('emergency aid: the county’s cases newest first with their stages, masked ID numbers only', async () => {
    const all = (await list('county.supervisor').expect(200)).body as Listed;
    expect(ids(all)).toEqual([e.E4, e.E3, e.E2, e.E1]);
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(all.items.map((i) => [i.stage, i.path, i.townshipCode, i.countyCode, Number(i.requestedAmount)])).toEqual([
      ['DELIBERATION', 'DELIBERATION', '410502002', '410502', 40_000],
      ['AID_FIRST', 'AID_FIRST', '410502001', '410502', 1500],
      ['EXPENSE_TYPE', 'EXPENSE_TYPE', '410502002', '410502', 1200],
      ['EXPLANATION_DUE', 'SMALL_AMOUNT', '410502002', '410502', 800],
    ]);
    for (const item of all.items) {
      expect(item.idNumberMasked).toMatch(/^410502\*{8}\d{3}[\dX]$/);
      expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['idNumberHmac']));
      expect(Object.keys(item)).not.toContain('idNumberEncrypted');
    }
    expect(JSON.stringify(all)).not.toContain('199001011');
  });

  it('emergency aid: township and stage filters, alone and together', async () => {
    expect(ids((await list('county.supervisor', '?township=410502002').expect(200)).body)).toEqual([e.E4, e.E2, e.E1]);
    expect(ids((await list('county.supervisor', '?county=410502&stage=EXPENSE_TYPE').expect(200)).body)).toEqual([
      e.E2,
    ]);
    expect(ids((await list('county.supervisor', '?township=410502001&stage=AID_FIRST').expect(200)).body)).toEqual([
      e.E3,
    ]);
    const none = (await list('county.supervisor', '?township=410502001&stage=EXPENSE_TYPE').expect(200)).body as Listed;
    expect(none).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('emergency aid: pages of the requested size with the total; past the last page, empty', async () => {
    const first = (await list('county.supervisor', '?pageSize=3').expect(200)).body as Listed;
    expect(ids(first)).toEqual([e.E4, e.E3, e.E2]);
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    const second = (await list('county.supervisor', '?pageSize=3&page=2').expect(200)).body as Listed;
    expect(ids(second)).toEqual([e.E1]);
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect((await list('county.supervisor', '?pageSize=3&page=3').expect(200)).body).toEqual({
      items: [],
      total: 4,
      page: 3,
      pageSize: 3,
    });
  });

  it('emergency aid: a township caseworker sees its own township only; another township or county is 403; the city-wide auditor sees every county', async () => {
    expect(ids((await list('township.caseworker').expect(200)).body)).toEqual([e.E4, e.E2, e.E1]);
    expect((await list('township.caseworker', '?township=410502001').expect(403)).body.code).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect((await list('township.caseworker', '?county=410502').expect(403)).body.code).toBe('OUT_OF_JURISDICTION');
    expect(ids((await list('caseworker.410502001').expect(200)).body)).toEqual([e.E3]);
    expect((await list('county.supervisor', '?county=410503').expect(403)).body.code).toBe('OUT_OF_JURISDICTION');
    expect((await list('county.supervisor', '?township=410503001').expect(403)).body.code).toBe('OUT_OF_JURISDICTION');
    expect(ids((await list('supervisor.410503').expect(200)).body)).toEqual([e.E5]);
    const city = (await list('auditor').expect(200)).body as Listed;
    expect(ids(city)).toEqual([e.E5, e.E4, e.E3, e.E2, e.E1]);
    expect(city.total).toBe(5);
    expect(ids((await list('auditor', '?county=410503').expect(200)).body)).toEqual([e.E5]);
    await list('department.liaison').expect(403);
    // A village assistant's division is below the township where cases are kept: none is theirs to see.
    expect((await list('village.assistant').expect(200)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    await http.get(`/api/v1/emergency-aid/${e.E1}`).set(as('village.assistant')).expect(403);
  });

  it('emergency aid: a bad filter or page is a 400 naming the field', async () => {
    const paths = async (query: string) =>
      ((await list('county.supervisor', query).expect(400)).body.errors as Array<{ path: string }>).map((x) => x.path);
    expect(await paths('?stage=SOMEWHERE')).toEqual(['stage']);
    expect(await paths('?pageSize=101')).toEqual(['pageSize']);
    expect(await paths('?page=0')).toEqual(['page']);
    expect(await paths('?county=4105')).toEqual(['county']);
    expect(await paths('?township=41050200')).toEqual(['township']);
  });

  const funds = (user: string, query = '') => http.get(`/api/v1/reserve-funds${query}`).set(as(user));
  const balances = (body: { items: Array<{ townshipCode: string; countyCode: string; balance: number }> }) =>
    body.items.map((f) => [f.townshipCode, f.countyCode, f.balance]);

  it('reserve funds: the county’s townships in code order with their balances (E1’s 800.00 paid from 410502002); the caseworker sees its own; another county is 403', async () => {
    expect(balances((await funds('county.supervisor').expect(200)).body)).toEqual([
      ['410502001', '410502', 50_000],
      ['410502002', '410502', 49_200],
    ]);
    expect(balances((await funds('county.officer', '?county=410502').expect(200)).body)).toEqual([
      ['410502001', '410502', 50_000],
      ['410502002', '410502', 49_200],
    ]);
    expect(balances((await funds('township.caseworker').expect(200)).body)).toEqual([['410502002', '410502', 49_200]]);
    expect((await funds('township.caseworker', '?county=410502').expect(403)).body.code).toBe('OUT_OF_JURISDICTION');
    expect((await funds('county.supervisor', '?county=410503').expect(403)).body.code).toBe('OUT_OF_JURISDICTION');
    expect(balances((await funds('officer.410503').expect(200)).body)).toEqual([['410503001', '410503', 3000]]);
    expect(balances((await funds('auditor').expect(200)).body)).toEqual([
      ['410502001', '410502', 50_000],
      ['410502002', '410502', 49_200],
      ['410503001', '410503', 3000],
    ]);
    expect(balances((await funds('auditor', '?county=410503').expect(200)).body)).toEqual([
      ['410503001', '410503', 3000],
    ]);
    await funds('village.assistant').expect(403);
    await funds('department.liaison').expect(403);
    expect(
      (await funds('county.supervisor', '?county=41050').expect(400)).body.errors.map((x: { path: string }) => x.path),
    ).toEqual(['county']);
  });

  const deliberations = (user: string, query = '') => http.get(`/api/v1/deliberations${query}`).set(as(user));

  it('一事一议: the county’s matters newest first with their stage and source; stage filter; pages with the total', async () => {
    const all = (await deliberations('county.supervisor').expect(200)).body as Listed;
    expect(ids(all)).toEqual([d.closed, d.open, d.fromEmergency]);
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(all.items.map((i) => [i.stage, i.sourceKind, i.sourceId, i.countyCode, i.townshipCode])).toEqual([
      ['CLOSED', 'DIRECT', null, '410502', null],
      ['OPINIONS', 'DIRECT', null, '410502', null],
      ['CONVENING', 'EMERGENCY', e.E4, '410502', '410502002'],
    ]);
    expect(all.items[0]).toMatchObject({ closedReason: '已由教育部门另行资助', chairId: 'demo-county-supervisor' });
    expect(ids((await deliberations('county.supervisor', '?stage=OPINIONS').expect(200)).body)).toEqual([d.open]);
    expect(ids((await deliberations('county.supervisor', '?stage=CLOSED&county=410502').expect(200)).body)).toEqual([
      d.closed,
    ]);
    expect(ids((await deliberations('county.supervisor', '?stage=CONVENING').expect(200)).body)).toEqual([
      d.fromEmergency,
    ]);
    expect((await deliberations('county.supervisor', '?stage=FOLLOW_UP').expect(200)).body).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
    const page1 = (await deliberations('county.supervisor', '?pageSize=2').expect(200)).body as Listed;
    expect(ids(page1)).toEqual([d.closed, d.open]);
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(ids((await deliberations('county.supervisor', '?pageSize=2&page=2').expect(200)).body)).toEqual([
      d.fromEmergency,
    ]);
  });

  it('一事一议: own county only (another is 403); the county’s liaisons see its matters; the city-wide auditor sees every county; bad filters are 400', async () => {
    expect((await deliberations('county.supervisor', '?county=410503').expect(403)).body.code).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect(ids((await deliberations('supervisor.410503').expect(200)).body)).toEqual([d.beiguan]);
    expect(ids((await deliberations('department.liaison').expect(200)).body)).toEqual([
      d.closed,
      d.open,
      d.fromEmergency,
    ]);
    // A matter is the county's: a township's staff list none of them (and may not open one).
    expect((await deliberations('township.caseworker').expect(200)).body).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
    await http.get(`/api/v1/deliberations/${d.fromEmergency}`).set(as('township.caseworker')).expect(403);
    const city = (await deliberations('auditor').expect(200)).body as Listed;
    expect(ids(city)).toEqual([d.beiguan, d.closed, d.open, d.fromEmergency]);
    expect(city.total).toBe(4);
    expect(ids((await deliberations('auditor', '?county=410503').expect(200)).body)).toEqual([d.beiguan]);
    const paths = async (query: string) =>
      ((await deliberations('county.supervisor', query).expect(400)).body.errors as Array<{ path: string }>).map(
        (x) => x.path,
      );
    expect(await paths('?stage=PENDING')).toEqual(['stage']);
    expect(await paths('?pageSize=0')).toEqual(['pageSize']);
    expect(await paths('?county=41')).toEqual(['county']);
  });

  it('expense type end to end on the shipped parameters: the income test reads the latest disposable-income figure in force (marked stale), approved, paid from the reserve fund, notice', async () => {
    const id = e.E2;
    const path = `/api/v1/emergency-aid/${id}/actions`;
    const process = () =>
      http
        .get(`/api/v1/emergency-aid/${id}`)
        .set(as('township.caseworker'))
        .expect(200)
        .then((r) => r.body);
    await until('accept task', process, (c) => c.process?.currentTask?.type === 'EMERGENCY_ACCEPT');
    await http.post(path).set(as('township.caseworker')).send({ action: 'accept' }).expect(200);
    await until('investigate task', process, (c) => c.process?.currentTask?.type === 'EMERGENCY_INVESTIGATE');
    await http
      .post(path)
      .set(as('township.caseworker'))
      .send({
        action: 'recordInvestigation',
        investigators: ['张调查', '李调查'],
        findings: '入户核实医疗支出',
        householdSize: 3,
        annualIncome: 30_000,
        rigidExpenses: 20_000,
      })
      .expect(200);
    const reviewing = await until('review task', process, (c) => c.process?.currentTask?.type === 'EMERGENCY_REVIEW');
    // (30,000.00 − 20,000.00) / 3 against 文峰区's rural figure; the latest shipped one is of 2023, a year older than the one due.
    const figureDue = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;
    // The stale figure is named in the reason itself, as in every determination.
    const staleNote =
      figureDue > 2023 ? `（注：${figureDue} 年度统计数据尚未录入，暂按 2023 年度数据计算，已提醒管理员补录）` : '';
    const incomeReason = `家庭扣除刚性支出后的人均年收入 3333.33 元，低于上年度当地农村居民人均可支配收入 19700.00 元，符合支出型临时救助收入条件${staleNote}`;
    expect(reviewing.process.incomeTest).toEqual({
      eligible: true,
      perCapitaIncome: 3333.33,
      threshold: 19_700,
      reasonZh: incomeReason,
      parameter: expect.objectContaining({
        id: 'statistics.previous_year_disposable_income',
        version: '2023-figure',
        division: '410502',
        area: 'RURAL',
        ...(figureDue > 2023 ? { stale: { figureYear: 2023, expectedYear: figureDue } } : {}),
      }),
    });
    await http
      .post(path)
      .set(as('township.caseworker'))
      .send({ action: 'submitOpinion', proposal: 'APPROVE', amount: 1200, reasons: ['医疗支出大，生活困难'] })
      .expect(200);
    await until('confirm task', process, (c) => c.process?.currentTask?.type === 'EMERGENCY_CONFIRM');
    await http.post(path).set(as('township.caseworker')).send({ action: 'confirm' }).expect(200);
    const closed = await until('closed', process, (c) => c.stage === 'CLOSED');
    expect(closed).toMatchObject({ stage: 'CLOSED', decision: { outcome: 'APPROVED', amount: 1200 } });
    expect(Number(closed.paidAmount)).toBe(1200);
    expect(closed.payments.map((p: { amount: string; source: string }) => [Number(p.amount), p.source])).toEqual([
      [1200, 'RESERVE_FUND'],
    ]);
    expect(closed.notice).toBe(
      `临时救助决定通知：经审批，给予您临时救助金 1200.00 元，已按规定发放。理由：${incomeReason}。如有疑问，可向乡镇（街道）人民政府咨询。`,
    );
    expect(balances((await funds('township.caseworker').expect(200)).body)).toEqual([
      ['410502002', '410502', 49_200 - 1200],
    ]);
  });
});

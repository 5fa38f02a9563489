import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { household, member, monthly } from '../unit/policy/fixtures';
import { freshHousehold } from '../support/households';
import { startStack, type Stack } from '../support/stack';

// What-if through HTTP on the real stack: a draft 低保 standard for 北关区 (410503) urban from
// 2027-01-01 (660 → 700 yuan) over hand-computed households on record. Per person the gap
// method pays max(standard − per-capita income, floor 330):
//   A enrolled, per capita 700 = the new standard exactly: not below it → stays ineligible
//   B open application, per capita 680: 680 ≥ 660 before, < 700 after → newly eligible, 330 × 2 = 660
//   C enrolled, per capita 200: (660 − 200) × 2 = 920 → (700 − 200) × 2 = 1000, up 80
//   D enrolled but EXITED: out of scope
// Monthly cost difference 660 + 80 = 740; rest of 2027 (12 months) 8880.

const COUNTY = '410503';
const VILLAGE = '410503001001';

describe('policy simulation (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let admin: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    admin = { authorization: `Bearer ${await stack.tokenFor('administrator')}` };
    for (const [name, perCapita, enrolled, status] of [
      ['A', 700, true, 'ACTIVE'],
      ['B', 680, false, null],
      ['C', 200, true, 'ACTIVE'],
      ['D', 100, true, 'EXITED'],
    ] as const) {
      ids[name] = await onRecord(perCapita, enrolled, status);
    }
  });
  afterAll(() => stack?.stop());

  /** A two-person urban household with a basic pension of 2 × perCapita a month, on record as an open application or an enrolled case. */
  async function onRecord(perCapita: number, enrolled: boolean, status: 'ACTIVE' | 'EXITED' | null): Promise<string> {
    const householdId = await freshHousehold(stack.prisma, VILLAGE);
    const facts = household({
      residence: { county: COUNTY, area: 'URBAN' },
      members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
      income: monthly('p1', 'PENSION_BASIC', perCapita * 2),
    });
    const applicationId = randomUUID();
    await stack.prisma.application.create({
      data: {
        id: applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: enrolled ? 'ENROLLED' : 'REVIEW',
        workflowId: `application-${applicationId}`,
        townshipCode: '410503001',
        countyCode: COUNTY,
        submittedBy: 'e2e',
        facts,
      } as never,
    });
    if (!enrolled) return applicationId;
    const id = randomUUID();
    await stack.prisma.enrolledCase.create({
      data: {
        id,
        applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 123.45,
        membersIncluded: ['p1', 'p2'],
        startMonth: '2024-05',
        countyCode: COUNTY,
        status: status!,
      },
    });
    return id;
  }

  const draft = {
    parameterId: 'minimum_living.standard',
    value: 700,
    unit: 'YUAN_PER_PERSON_MONTH',
    division: COUNTY,
    area: 'URBAN',
  };

  it('refuses a bad draft and an empty scope field by field, storing nothing', async () => {
    const unit = await http
      .post('/api/v1/policy/simulations')
      .set(admin)
      .send({ effectiveDate: '2027-01-01', drafts: [{ ...draft, unit: 'RATIO' }], scope: { counties: [COUNTY] } })
      .expect(422);
    expect(unit.body.errors).toEqual([expect.objectContaining({ path: 'drafts.0.unit', code: 'UNIT_MISMATCH' })]);
    const empty = await http
      .post('/api/v1/policy/simulations')
      .set(admin)
      .send({ effectiveDate: '2027-01-01', drafts: [draft], scope: { counties: ['410527'] } })
      .expect(422);
    expect(empty.body).toMatchObject({ code: 'SIMULATION_EMPTY_SCOPE' });
    expect(empty.body.errors).toEqual([
      expect.objectContaining({ path: 'scope', message: expect.stringMatching(/没有/) }),
    ]);
    expect(await stack.prisma.policySimulation.count()).toBe(0);
  });

  it('runs the drafts over the cases in scope: per-case rows and the county summary as computed by hand; no case changes', async () => {
    const started = await http
      .post('/api/v1/policy/simulations')
      .set(admin)
      .send({
        effectiveDate: '2027-01-01',
        drafts: [draft],
        scope: { counties: [COUNTY], categories: ['MINIMUM_LIVING'] },
      })
      .expect(201);
    expect(started.body.progress).toMatchObject({ total: 3 });
    const id = started.body.id as string;
    let run = started.body;
    for (let i = 0; i < 200 && run.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await http.get(`/api/v1/policy/simulations/${id}`).set(admin).expect(200)).body;
    }
    expect(run).toMatchObject({ status: 'COMPLETED', progress: { processed: 3, total: 3 } });
    expect(run.summary).toEqual([
      expect.objectContaining({
        countyCode: COUNTY,
        category: 'MINIMUM_LIVING',
        cases: 3,
        newlyEligible: 1,
        noLongerEligible: 0,
        amountUp: 1,
        amountDown: 0,
        unchanged: 1,
        monthlyCostDifference: 740,
        restOfYearCostDifference: 8880,
      }),
    ]);
    const cases = (await http.get(`/api/v1/policy/simulations/${id}/cases?pageSize=10`).set(admin).expect(200)).body;
    const byId = new Map(cases.items.map((c: { caseId: string }) => [c.caseId, c]));
    expect(byId.get(ids.A!)).toMatchObject({
      change: 'UNCHANGED',
      oldStatus: 'ineligible',
      newStatus: 'ineligible',
      newBenefit: 0,
    });
    expect(byId.get(ids.B!)).toMatchObject({
      caseKind: 'APPLICATION',
      change: 'NEWLY_ELIGIBLE',
      oldBenefit: 0,
      newBenefit: 660,
      reason: expect.stringContaining('700.00'),
    });
    expect(byId.get(ids.C!)).toMatchObject({
      caseKind: 'ENROLLED',
      change: 'AMOUNT_UP',
      oldBenefit: 920,
      newBenefit: 1000,
    });
    expect(byId.has(ids.D!)).toBe(false);
    // Read only: the cases on record are as they were.
    const c = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { id: ids.C! } });
    expect(Number(c.monthlyAmount)).toBe(123.45);
    expect((await stack.prisma.application.findUniqueOrThrow({ where: { id: ids.B! } })).stage).toBe('REVIEW');
    await http.post(`/api/v1/policy/simulations/${id}/cancellation`).set(admin).expect(409);

    // The workbook: one row per case after the heading row.
    const xlsx = await http
      .get(`/api/v1/policy/simulations/${id}/workbook`)
      .set(admin)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer); // exceljs types its Buffer as ArrayBuffer-backed
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(10).value).toBe('原因');
    const rowOf = (caseId: string) => sheet.getRows(2, 3)!.find((r) => r.getCell(2).value === caseId)!;
    expect(rowOf(ids.C!).getCell(9).value).toBe('金额增加');
    expect(rowOf(ids.C!).getCell(8).value).toBe(1000);
  });
});

import request from 'supertest';
import { APP, household, member, monthly } from '../unit/policy/fixtures';
import { startStack, type Stack } from '../support/stack';

// The policy engine over HTTP: authenticated staff, field-level refusals.

describe('policy endpoints (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    token = await stack.tokenFor('township.caseworker');
  });
  afterAll(() => stack?.stop());

  const facts = household({
    members: [member('p1', '1980-05-01'), member('p2', '1982-07-01', { relation: 'SPOUSE' })],
    income: monthly('p1', 'WAGE', 1000),
  });

  it('evaluates household facts into an explained determination', async () => {
    const res = await http
      .post('/api/v1/policy/evaluate')
      .set('authorization', `Bearer ${token}`)
      .send(facts)
      .expect(200);
    const minimum = res.body.categories.MINIMUM_LIVING;
    expect(minimum).toMatchObject({ status: 'eligible', monthlyPerCapitaIncome: 500, membersIncluded: ['p1', 'p2'] });
    expect(minimum.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'MINIMUM_LIVING.INCOME',
          zh: '家庭月人均收入 500.00 元 < 低保标准 630.00 元',
        }),
      ]),
    );
    expect(res.body.parametersUsed).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'minimum_living.standard', source: expect.any(String) })]),
    );
  });

  it('refuses inconsistent facts with field-level reasons', async () => {
    const bad = {
      ...facts,
      members: [facts.members[0], facts.members[0]],
      income: [{ memberId: 'p9', type: 'WAGE', month: '2024-01', amount: -5 }],
    };
    const res = await http
      .post('/api/v1/policy/evaluate')
      .set('authorization', `Bearer ${token}`)
      .send(bad)
      .expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['members.1.id', 'income.0.amount', 'income.0.memberId']));
  });

  it('lists the parameters in force on a date, with their sources; needs a token', async () => {
    const res = await http
      .get(`/api/v1/policy/parameters?date=${APP}&county=410502`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const standard = res.body.parameters.filter((p: { id: string }) => p.id === 'minimum_living.standard');
    expect(standard.map((p: { area: string; value: number }) => [p.area, p.value]).sort()).toEqual([
      ['RURAL', 440],
      ['URBAN', 630],
    ]);
    expect(standard[0]).toMatchObject({ source: expect.any(String), placeholder: true });
    const bad = await http
      .get('/api/v1/policy/parameters?date=2024-13-40&county=999999')
      .set('authorization', `Bearer ${token}`)
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['county', 'date']);
    await http.get(`/api/v1/policy/parameters?date=${APP}&county=410502`).expect(401);
  });

  it('lists the legal-source registry every citation names; the listing cites by id and names the document', async () => {
    const res = await http.get('/api/v1/policy/sources').set('authorization', `Bearer ${token}`).expect(200);
    const ids = new Set(res.body.sources.map((s: { id: string }) => s.id));
    expect(res.body.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'ANYANG_PLAN_2024',
          docNo: '安政办〔2024〕1号',
          name: '《安阳市加强低收入人口动态监测和常态化救助帮扶工作实施方案》（安政办〔2024〕1号）',
        }),
        expect.objectContaining({ id: 'ANYANG_LOCAL_DEFAULT', kind: 'LOCAL_DEFAULT', placeholder: true }),
      ]),
    );
    const listed = await http
      .get(`/api/v1/policy/parameters?date=${APP}&county=410502`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const ratio = listed.body.parameters.find((p: { id: string }) => p.id === 'rigid_expense.expense_ratio');
    expect(ratio).toMatchObject({
      citations: [{ sourceId: 'ANYANG_PLAN_2024', article: '二(二)5' }],
      source: '《安阳市加强低收入人口动态监测和常态化救助帮扶工作实施方案》（安政办〔2024〕1号）二(二)5',
    });
    for (const p of listed.body.parameters as { citations: { sourceId: string }[]; source: string }[]) {
      for (const c of p.citations) expect(ids.has(c.sourceId)).toBe(true);
      expect(p.source).not.toMatch(/seed|\bN\d+\s*(Art|第)/);
    }
    await http.get('/api/v1/policy/sources').expect(401);
    const doc = (await http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    expect(Object.keys(doc.paths['/api/v1/policy/sources']?.get?.responses ?? {})).toContain('200');
  });
});

import request from 'supertest';
import { appendAudit } from '../../src/audit/audit-log';
import { AuditPage, AuditVerification } from '../../src/openapi/responses';
import { startStack, type Stack } from '../support/stack';

// The audit administrator's reading of the trail through HTTP on the real stack (API,
// worker, Temporal dev server, PostgreSQL): the search's filters and pages, its 400s and
// 403s, and the verification against the checkpoint the API started on boot.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  seq: string;
  at: string;
  actorId: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  requestId: string | null;
  chain: number;
  hash: string;
  [k: string]: unknown;
}
interface Page {
  items: Row[];
  page: number;
  pageSize: number;
  total: number;
}

describe('audit trail search and verification (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const search = (user: string, query: string) => http.get(`/api/v1/audit${query}`).set(as(user));
  /** The time between the first three rows and the last two. */
  let middle = '';

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const user of ['audit.administrator', 'auditor', 'administrator', 'security.administrator', 'county.officer'])
      tokens[user] = await stack.tokenFor(user);
    // Five rows of two actors, the last two after `middle`; details hold data the search never shows.
    const row = (i: number) => ({
      actorId: i % 2 ? 'e2e-actor-b' : 'e2e-actor-a',
      role: 'COUNTY_OFFICER',
      action: i < 3 ? 'E2E_FIRST' : 'E2E_SECOND',
      targetType: 'E2eTarget',
      targetId: `e2e-target-${i}`,
      reason: i === 0 ? '抽查复核' : null,
      requestId: `e2e-req-${i}`,
      details: { name: '张三' },
    });
    for (let i = 0; i < 5; i++) {
      if (i === 3) {
        await sleep(20);
        middle = new Date().toISOString();
        await sleep(20);
      }
      await stack.prisma.$transaction((tx) => appendAudit(tx, row(i)));
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('filters by target type, actor, action, target and time, newest first, without details', async () => {
    const all = (await search('audit.administrator', '?targetType=E2eTarget').expect(200)).body as Page;
    expect(AuditPage.parse(all)).toEqual(all); // the documented response schema (OpenAPI)
    expect(all.total).toBe(5);
    expect(all.items.map((r) => r.targetId)).toEqual([4, 3, 2, 1, 0].map((i) => `e2e-target-${i}`));
    expect(all.items[4]).toMatchObject({
      actorId: 'e2e-actor-a',
      role: 'COUNTY_OFFICER',
      action: 'E2E_FIRST',
      targetType: 'E2eTarget',
      reason: '抽查复核',
      requestId: 'e2e-req-0',
    });
    expect(all.items[4]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(all.items.every((r) => !('details' in r) && !JSON.stringify(r).includes('张三'))).toBe(true);

    const ids = async (query: string) =>
      ((await search('audit.administrator', `?targetType=E2eTarget&${query}`).expect(200)).body as Page).items.map(
        (r) => r.targetId,
      );
    expect(await ids('actor=e2e-actor-b')).toEqual(['e2e-target-3', 'e2e-target-1']);
    expect(await ids('action=E2E_SECOND')).toEqual(['e2e-target-4', 'e2e-target-3']);
    expect(await ids('target=e2e-target-2')).toEqual(['e2e-target-2']);
    expect(await ids(`from=${encodeURIComponent(middle)}`)).toEqual(['e2e-target-4', 'e2e-target-3']);
    expect(await ids(`to=${encodeURIComponent(middle)}`)).toEqual(['e2e-target-2', 'e2e-target-1', 'e2e-target-0']);
    expect(await ids('actor=e2e-actor-a&action=E2E_FIRST')).toEqual(['e2e-target-2', 'e2e-target-0']);
    expect(await ids('actor=nobody')).toEqual([]);
  });

  it('pages through the trail without gaps or repeats', async () => {
    const pages: Page[] = [];
    for (let page = 1; page <= 3; page++)
      pages.push(
        (await search('audit.administrator', `?targetType=E2eTarget&pageSize=2&page=${page}`).expect(200)).body as Page,
      );
    expect(pages.map((p) => [p.page, p.pageSize, p.total, p.items.length])).toEqual([
      [1, 2, 5, 2],
      [2, 2, 5, 2],
      [3, 2, 5, 1],
    ]);
    expect(pages.flatMap((p) => p.items.map((r) => r.targetId))).toEqual([4, 3, 2, 1, 0].map((i) => `e2e-target-${i}`));
    // The whole trail (the seed's rows too) is paged with the default size.
    const first = (await search('audit.administrator', '').expect(200)).body as Page;
    expect(first.pageSize).toBe(50);
    expect(first.total).toBe(await stack.prisma.auditLog.count());
  });

  it('refuses bad dates, a reversed range, an oversized page and unknown fields with Chinese field messages', async () => {
    const fields = async (query: string) => {
      const body = (await search('audit.administrator', query).expect(400)).body as {
        code: string;
        errors: Array<{ path: string; message: string }>;
      };
      expect(body.code).toBe('VALIDATION_FAILED');
      for (const e of body.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      return body.errors.map((e) => e.path);
    };
    expect(await fields('?from=yesterday')).toEqual(['from']);
    expect(await fields('?to=2026-13-01T00:00:00Z')).toEqual(['to']);
    expect(await fields('?from=2026-12-02T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00')).toEqual(['from']);
    expect(await fields('?pageSize=201')).toEqual(['pageSize']);
    expect(await fields('?page=0')).toEqual(['page']);
    expect(await fields('?action=drop%20table')).toEqual(['action']);
    expect((await fields('?sort=hash')).length).toBe(1);
    const reversed = await search('audit.administrator', '?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z').expect(
      400,
    );
    expect(reversed.body.errors[0].message).toBe('开始时间不得晚于结束时间');
  });

  it('answers the edges of the time range, and refuses instants outside it as a field error', async () => {
    for (const query of [
      '?from=1970-01-01T00:00:00Z',
      '?to=9999-12-31T23:59:59Z',
      '?from=2026-12-01T00:00:00.123456789%2B08:00',
    ])
      expect([query, (await search('audit.administrator', query)).body]).toEqual([
        query,
        expect.objectContaining({ page: 1 }),
      ]);
    for (const query of ['?from=0000-01-01T00:00:00Z', '?to=9999-12-31T23:59:59-14:00']) {
      const res = await search('audit.administrator', query).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ message: '时间须在 1970 年至 9999 年之间' })]);
    }
  });

  it('lets the audit administrator alone search: 403 with the reason for the other administrators, the supervisor and staff', async () => {
    for (const user of ['administrator', 'security.administrator', 'auditor', 'county.officer']) {
      const res = await search(user, '').expect(403);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await http.get('/api/v1/audit').expect(401);
  });

  it('verifies the chains against the checkpoint the API started on boot', async () => {
    let body: Record<string, unknown> = {};
    for (let i = 0; i < 100 && body.checkpointStatus !== 'VERIFIED'; i++) {
      body = (await http.get('/api/v1/audit/verification').set(as('audit.administrator')).expect(200)).body;
      if (body.checkpointStatus !== 'VERIFIED') await sleep(200);
    }
    expect(body).toMatchObject({
      valid: true,
      chainsValid: true,
      brokenAtSeq: null,
      checkpointStatus: 'VERIFIED',
      checkpoint: { id: 'audit-checkpoint/1', workflowId: 'audit-checkpoint' },
      brokenChains: [],
    });
    expect(body.rows).toBe(await stack.prisma.auditLog.count());
    expect(AuditVerification.parse(body)).toEqual(body);
    // The system administrator keeps the verification (not the rows).
    await http.get('/api/v1/audit/verification').set(as('administrator')).expect(200);
  });
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SEEDED_HOUSEHOLD } from '../support/enrolment';
import { startStack, type Stack } from '../support/stack';

// The deep lists page by keyset: `after` (the previous page's `nextCursor`) gives the rows
// after that one in the list's own order, NULL due dates last, ties in creation time broken by
// id, the same rows numbered pages give. Numbered pages end at row 10,000; a cursor that names
// no row, a page beside a cursor and a page past the end are refused field by field.

const TOWNSHIP = '410502002';
const TYPES = ['ACCEPT', 'HOME_VISIT', 'REVIEW'];

describe('keyset pagination of the inbox and the case list (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let token = '';
  const get = (path: string) => http.get(`/api/v1${path}`).set({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    token = await stack.tokenFor('township.caseworker');
    // 23 open tasks of the township: three creation instants shared by many (ties), a third
    // without a due date, priorities repeating.
    const base = Date.parse('2026-11-01T00:00:00Z');
    await stack.prisma.task.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        id: randomUUID(),
        taskKey: `keyset-${i}`,
        type: TYPES[i % 3]!,
        workflowId: `keyset-${i}`,
        candidateRole: 'TOWNSHIP_CASEWORKER' as const,
        jurisdiction: TOWNSHIP,
        countyCode: '410502',
        townshipCode: TOWNSHIP,
        priority: i % 4,
        createdAt: new Date(base + (i % 3) * 60_000),
        dueAt: i % 3 === 0 ? null : new Date(base + ((i * 7) % 11) * 86_400_000),
      })),
    });
    await stack.prisma.application.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        id: randomUUID(),
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING' as const,
        channel: 'ON_BEHALF' as const,
        stage: 'REJECTED' as const,
        workflowId: `keyset-application-${i}`,
        townshipCode: TOWNSHIP,
        countyCode: '410502',
        submittedBy: 'e2e',
        facts: {},
        createdAt: new Date(base + (i % 2) * 60_000),
      })) as never,
    });
  });
  afterAll(() => stack?.stop());

  /** Every row of a list, page by page through `after`. */
  async function byCursor(path: string, pageSize: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const res = await get(
        `${path}${path.includes('?') ? '&' : '?'}pageSize=${pageSize}${after ? `&after=${after}` : ''}`,
      ).expect(200);
      ids.push(...(res.body.items as Array<{ id: string }>).map((t) => t.id));
      after = res.body.nextCursor as string | null;
      if (after === null) return ids;
    }
    throw new Error('more than 50 pages');
  }

  it.each(['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt'])(
    'the inbox sorted by %s: the cursor pages hold the rows of one long page, in its order',
    async (sort) => {
      const all = await get(`/tasks?sort=${sort}&pageSize=100`).expect(200);
      const expected = (all.body.items as Array<{ id: string }>).map((t) => t.id);
      expect(expected).toHaveLength(23);
      expect(all.body.nextCursor).toBeNull();
      expect(await byCursor(`/tasks?sort=${sort}`, 5)).toEqual(expected);
      // The same rows as numbered pages.
      const numbered: string[] = [];
      for (let page = 1; page <= 5; page++)
        numbered.push(
          ...(
            (await get(`/tasks?sort=${sort}&pageSize=5&page=${page}`).expect(200)).body.items as Array<{ id: string }>
          ).map((t) => t.id),
        );
      expect(numbered).toEqual(expected);
    },
  );

  it('the case list pages by cursor too, newest first', async () => {
    const all = await get('/cases?pageSize=100').expect(200);
    const expected = (all.body.items as Array<{ id: string }>).map((c) => c.id);
    expect(expected.length).toBeGreaterThanOrEqual(7);
    expect(await byCursor('/cases', 2)).toEqual(expected);
  });

  it('refuses a cursor that names no row, a page beside a cursor and a page past row 10,000', async () => {
    const unknown = await get(`/tasks?after=${randomUUID()}`).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'after', code: 'invalid_cursor' })]);
    expect(unknown.body.errors[0].message).toMatch(/游标无效/);
    const malformed = await get('/tasks?after=abc').expect(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['after']);
    const some = (await get('/tasks?pageSize=1').expect(200)).body.nextCursor as string;
    const both = await get(`/tasks?page=2&after=${some}`).expect(400);
    expect(both.body.errors.map((e: { path: string }) => e.path)).toEqual(['page']);
    const deep = await get('/cases?page=101&pageSize=100').expect(400);
    expect(deep.body.errors).toEqual([
      expect.objectContaining({ path: 'page', message: expect.stringMatching(/after/) }),
    ]);
    await get('/cases?page=100&pageSize=100').expect(200);
  });
});

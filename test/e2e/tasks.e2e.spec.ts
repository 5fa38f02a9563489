import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { verifyAuditChain } from '../../src/audit/audit-log';
import type { TaskSpec } from '../../src/core/contracts/task';
import { createTaskActivities, type TaskActivities } from '../../src/tasks/task.activities';
import { startStack, type Stack } from '../support/stack';

// Human tasks end to end: tasks opened by the real activities, then inbox, claim, unclaim and
// reassign through HTTP against the real app, PostgreSQL, Temporal dev server and worker.

const HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const DAY = 24 * 60 * 60 * 1000;

interface TaskItem {
  id: string;
  type: string;
  status: string;
  assignee: string | null;
  overdue: boolean;
  dueAt: string | null;
  application: { category: string; stage: string };
}

describe('human tasks (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let activities: TaskActivities;
  const token: Record<string, string> = {};
  const now = Date.now();

  // Applications: two in 文峰区 宝莲寺镇 410502002, one in 东大街街道 410502001, one in 林州市 姚村镇 410581002.
  const apps = { a: randomUUID(), a2: randomUUID(), b: randomUUID(), c: randomUUID() };
  const where: Record<keyof typeof apps, { township: string; county: string; category: string; stage: string }> = {
    a: { township: '410502002', county: '410502', category: 'MINIMUM_LIVING', stage: 'SUBMITTED' },
    a2: { township: '410502002', county: '410502', category: 'DESTITUTE', stage: 'REVIEW' },
    b: { township: '410502001', county: '410502', category: 'MINIMUM_LIVING', stage: 'SUBMITTED' },
    c: { township: '410581002', county: '410581', category: 'NEAR_MINIMUM', stage: 'SUBMITTED' },
  };
  /** Task ids by name, fixed before the suite starts. */
  const t = Object.fromEntries(
    [
      'accept',
      'review',
      'visit',
      'visit2',
      'otherTownship',
      'otherCounty',
      'confirm',
      'confirmB',
      'confirmOtherCounty',
      'supply',
      'done',
      'escalation',
    ].map((k) => [k, randomUUID()]),
  ) as Record<string, string>;

  const spec = (app: keyof typeof apps, taskId: string, taskKey: string, over: Partial<TaskSpec>): TaskSpec => ({
    taskId,
    taskKey,
    type: 'ACCEPT',
    applicationId: apps[app],
    workflowId: `application-${apps[app]}`,
    candidateRole: 'TOWNSHIP_CASEWORKER',
    jurisdiction: where[app].township,
    countyCode: where[app].county,
    townshipCode: where[app].township,
    priority: 0,
    dueAt: null,
    dueProvisional: false,
    ...over,
  });
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    activities = createTaskActivities({ prisma: stack.prisma });
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'township.caseworker2',
      'county.officer',
      'county.supervisor',
      'auditor',
      'administrator',
    ]) {
      token[u] = await stack.tokenFor(u);
    }
    for (const [key, id] of Object.entries(apps) as Array<[keyof typeof apps, string]>) {
      await stack.prisma.application.create({
        data: {
          id,
          householdId: HOUSEHOLD,
          category: where[key].category,
          channel: 'ON_BEHALF',
          stage: where[key].stage,
          workflowId: `application-${id}`,
          townshipCode: where[key].township,
          countyCode: where[key].county,
          submittedBy: 'demo-village-assistant',
        },
      });
    }
    const specs: TaskSpec[] = [
      spec('a', t.accept!, 'ACCEPT#1', { type: 'ACCEPT', priority: 1, dueAt: iso(now + 2 * DAY) }),
      spec('a2', t.review!, 'REVIEW#1', { type: 'REVIEW', priority: 5, dueAt: iso(now - DAY) }),
      spec('a', t.visit!, 'HOME_VISIT#1', { type: 'HOME_VISIT', priority: 3, dueAt: null }),
      spec('a2', t.visit2!, 'HOME_VISIT#1', { type: 'HOME_VISIT', priority: 2, dueAt: iso(now + 30 * DAY) }),
      spec('b', t.otherTownship!, 'ACCEPT#1', { dueAt: iso(now + DAY) }),
      spec('c', t.otherCounty!, 'ACCEPT#1', { dueAt: iso(now + DAY) }),
      spec('a', t.confirm!, 'CONFIRM#1', {
        type: 'CONFIRM',
        candidateRole: 'COUNTY_OFFICER',
        jurisdiction: '410502',
        dueAt: iso(now + 5 * DAY),
      }),
      spec('b', t.confirmB!, 'CONFIRM#1', {
        type: 'CONFIRM',
        candidateRole: 'COUNTY_OFFICER',
        jurisdiction: '410502',
        dueAt: iso(now + 6 * DAY),
      }),
      spec('c', t.confirmOtherCounty!, 'CONFIRM#1', {
        type: 'CONFIRM',
        candidateRole: 'COUNTY_OFFICER',
        jurisdiction: '410581',
        dueAt: iso(now + DAY),
      }),
      spec('a', t.supply!, 'SUPPLY#1', {
        type: 'SUPPLY',
        candidateRole: 'VILLAGE_ASSISTANT',
        jurisdiction: '410502002001',
        dueAt: iso(now + 10 * DAY),
      }),
      spec('a2', t.done!, 'ACCEPT#1', { type: 'ACCEPT', dueAt: iso(now - 10 * DAY) }),
      spec('a2', t.escalation!, 'ESCALATION:REVIEW#1', {
        type: 'ESCALATION',
        candidateRole: 'COUNTY_SUPERVISOR',
        jurisdiction: '410502',
        priority: 10,
        dueAt: iso(now + 3 * DAY),
        escalates: t.review!,
      }),
    ];
    for (const [i, s] of specs.entries()) {
      await activities.openTask(s);
      // Creation times one minute apart, so the createdAt sorts have one right answer.
      await stack.prisma.task.update({
        where: { id: s.taskId },
        data: { createdAt: new Date(now - (specs.length - i) * 60_000) },
      });
    }
    await activities.closeTask({
      taskId: t.done!,
      status: 'DONE',
      outcome: 'ACCEPTED',
      completedBy: 'demo-township-caseworker',
      completedByRole: 'TOWNSHIP_CASEWORKER',
    });
  });
  afterAll(() => stack?.stop());

  const bearer = (user: string) => ({ authorization: `Bearer ${token[user]}` });
  const inbox = async (user: string, query = '') =>
    (await http.get(`/api/v1/tasks${query}`).set(bearer(user)).expect(200)).body as {
      items: TaskItem[];
      page: number;
      pageSize: number;
      total: number;
    };
  const ids = async (user: string, query = '') => (await inbox(user, query)).items.map((i) => i.id);
  const auditOf = (taskId: string, action?: string) =>
    stack.prisma.auditLog.findMany({
      where: { targetType: 'Task', targetId: taskId, ...(action ? { action } : {}) },
      orderBy: { seq: 'asc' },
    });

  describe('inbox visibility', () => {
    it('shows a township caseworker the live tasks of their township, soonest due first, overdue marked', async () => {
      const page = await inbox('township.caseworker');
      expect(page).toMatchObject({ page: 1, pageSize: 20, total: 4 });
      expect(page.items.map((i) => i.id)).toEqual([t.review, t.accept, t.visit2, t.visit]);
      expect(page.items.map((i) => i.overdue)).toEqual([true, false, false, false]);
      expect(page.items[0]).toMatchObject({
        type: 'REVIEW',
        status: 'OPEN',
        assignee: null,
        candidateRole: 'TOWNSHIP_CASEWORKER',
        jurisdiction: '410502002',
        applicationId: apps.a2,
        escalatedAt: expect.any(String),
        application: { category: 'DESTITUTE', stage: 'REVIEW' },
      });
      // Not 东大街街道 (410502001), not 林州市 (410581002), not the other roles' tasks.
      expect(page.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([t.otherTownship]));
      expect(await ids('township.caseworker2')).toEqual([t.review, t.accept, t.visit2, t.visit]);
    });

    it('shows the county officer only COUNTY_OFFICER tasks of 文峰区', async () => {
      expect(await ids('county.officer')).toEqual([t.confirm, t.confirmB]);
    });

    it('shows the village assistant the supply task of the village, and the supervisor the escalation', async () => {
      expect(await ids('village.assistant')).toEqual([t.supply]);
      expect(await ids('county.supervisor')).toEqual([t.escalation]);
    });

    it('shows auditors nothing, and administrators no case task (only ENTER_STATISTIC ones)', async () => {
      expect(await inbox('auditor')).toEqual({ items: [], page: 1, pageSize: 20, total: 0, nextCursor: null });
      expect((await inbox('administrator')).items.filter((i) => i.type !== 'ENTER_STATISTIC')).toEqual([]);
    });
  });

  describe('inbox filters, sorting and pages', () => {
    it('filters by type and status', async () => {
      expect(await ids('township.caseworker', '?type=ACCEPT')).toEqual([t.accept]);
      expect(await ids('township.caseworker', '?type=HOME_VISIT')).toEqual([t.visit2, t.visit]);
      expect(await ids('township.caseworker', '?status=DONE')).toEqual([t.done]);
      expect(await ids('township.caseworker', '?status=CLAIMED')).toEqual([]);
      expect(await ids('township.caseworker', '?status=OPEN&type=REVIEW')).toEqual([t.review]);
    });

    it('filters overdue and not overdue', async () => {
      expect(await ids('township.caseworker', '?overdue=true')).toEqual([t.review]);
      expect(await ids('township.caseworker', '?overdue=false')).toEqual([t.accept, t.visit2, t.visit]);
      // A done task is never overdue, even past its date.
      expect(await ids('township.caseworker', '?status=DONE&overdue=true')).toEqual([]);
      expect(await ids('township.caseworker', '?status=DONE&overdue=false')).toEqual([t.done]);
    });

    it('filters by due date, as an instant or as a date in China Standard Time', async () => {
      expect(await ids('township.caseworker', `?dueBefore=${encodeURIComponent(iso(now + 10 * DAY))}`)).toEqual([
        t.review,
        t.accept,
      ]);
      expect(await ids('township.caseworker', `?dueBefore=${encodeURIComponent(iso(now))}`)).toEqual([t.review]);
      const inAYear = new Date(now + 365 * DAY).toISOString().slice(0, 10);
      expect(await ids('township.caseworker', `?dueBefore=${inAYear}`)).toEqual([t.review, t.accept, t.visit2]);
    });

    it('filters by county and township', async () => {
      expect(await ids('township.caseworker', '?county=410502&township=410502002')).toEqual([
        t.review,
        t.accept,
        t.visit2,
        t.visit,
      ]);
      expect(await ids('township.caseworker', '?township=410502001')).toEqual([]);
      expect(await ids('county.officer', '?township=410502001')).toEqual([t.confirmB]);
      expect(await ids('county.officer', '?township=410502002')).toEqual([t.confirm]);
      expect(await ids('county.officer', '?county=410581')).toEqual([]);
    });

    it('filters by case', async () => {
      expect(await ids('township.caseworker', `?caseId=${apps.a}`)).toEqual([t.accept, t.visit]);
      expect(await ids('township.caseworker', `?caseId=${apps.a2}&type=REVIEW`)).toEqual([t.review]);
      expect(await ids('township.caseworker', `?caseId=${apps.c}`)).toEqual([]); // another county's case: not in this inbox
    });

    it('sorts by due date, priority and creation, both ways', async () => {
      expect(await ids('township.caseworker', '?sort=dueAt')).toEqual([t.review, t.accept, t.visit2, t.visit]);
      expect(await ids('township.caseworker', '?sort=-dueAt')).toEqual([t.visit2, t.accept, t.review, t.visit]); // no date: last
      expect(await ids('township.caseworker', '?sort=priority')).toEqual([t.accept, t.visit2, t.visit, t.review]);
      expect(await ids('township.caseworker', '?sort=-priority')).toEqual([t.review, t.visit, t.visit2, t.accept]);
      expect(await ids('township.caseworker', '?sort=createdAt')).toEqual([t.accept, t.review, t.visit, t.visit2]);
      expect(await ids('township.caseworker', '?sort=-createdAt')).toEqual([t.visit2, t.visit, t.review, t.accept]);
    });

    it('pages without overlap and counts the total', async () => {
      const first = await inbox('township.caseworker', '?sort=createdAt&pageSize=3');
      const second = await inbox('township.caseworker', '?sort=createdAt&pageSize=3&page=2');
      const third = await inbox('township.caseworker', '?sort=createdAt&pageSize=3&page=3');
      // A full page names the cursor of the next one: its last row.
      expect(first).toMatchObject({ page: 1, pageSize: 3, total: 4, nextCursor: t.visit });
      expect(first.items.map((i) => i.id)).toEqual([t.accept, t.review, t.visit]);
      expect(second).toMatchObject({ page: 2, pageSize: 3, total: 4, nextCursor: null });
      expect(second.items.map((i) => i.id)).toEqual([t.visit2]);
      expect(third).toEqual({ items: [], page: 3, pageSize: 3, total: 4, nextCursor: null });
    });

    it('refuses a bad query with 400 naming each field', async () => {
      const res = await http
        .get(
          '/api/v1/tasks?pageSize=0&page=-1&sort=due&overdue=yes&type=LUNCH&status=LATE&dueBefore=tomorrow&county=4105&township=41050200&caseId=42',
        )
        .set(bearer('township.caseworker'))
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
      expect((res.body.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual([
        'caseId',
        'county',
        'dueBefore',
        'overdue',
        'page',
        'pageSize',
        'sort',
        'status',
        'township',
        'type',
      ]);
      expect(
        (await http.get('/api/v1/tasks?pageSize=101').set(bearer('township.caseworker')).expect(400)).body.errors[0]
          .path,
      ).toBe('pageSize');
      const unknown = await http.get('/api/v1/tasks?colour=red').set(bearer('township.caseworker')).expect(400);
      expect(unknown.body.errors[0]).toMatchObject({ code: 'unrecognized_keys' });
    });

    it('is documented in OpenAPI with its query parameters', async () => {
      const doc = (await http.get('/docs/openapi.json').expect(200)).body as {
        paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/tasks',
          '/api/v1/tasks/{id}',
          '/api/v1/tasks/{id}/claim',
          '/api/v1/tasks/{id}/unclaim',
          '/api/v1/tasks/{id}/reassign',
        ]),
      );
      expect(doc.paths['/api/v1/tasks']!.get!.parameters!.map((p) => p.name)).toEqual(
        expect.arrayContaining([
          'type',
          'status',
          'overdue',
          'dueBefore',
          'county',
          'township',
          'caseId',
          'assignee',
          'sort',
          'page',
          'pageSize',
        ]),
      );
    });

    it('needs a token', async () => {
      expect((await http.get('/api/v1/tasks').expect(401)).body.code).toBe('TOKEN_MISSING');
    });
  });

  describe('one task', () => {
    it('shows a visible task with its case', async () => {
      const res = await http.get(`/api/v1/tasks/${t.accept}`).set(bearer('township.caseworker')).expect(200);
      expect(res.body).toMatchObject({
        id: t.accept,
        type: 'ACCEPT',
        status: 'OPEN',
        overdue: false,
        dueAt: iso(now + 2 * DAY),
        application: { category: 'MINIMUM_LIVING', stage: 'SUBMITTED' },
      });
    });

    it('lets the county supervisor read any task of the county, but no other county', async () => {
      await http.get(`/api/v1/tasks/${t.accept}`).set(bearer('county.supervisor')).expect(200);
      expect(
        (await http.get(`/api/v1/tasks/${t.otherCounty}`).set(bearer('county.supervisor')).expect(403)).body.code,
      ).toBe('ROLE_NOT_ALLOWED');
    });

    it('refuses a task of another jurisdiction or role with 403, an unknown one with 404, a malformed id with 400', async () => {
      expect(
        (await http.get(`/api/v1/tasks/${t.otherTownship}`).set(bearer('township.caseworker')).expect(403)).body.code,
      ).toBe('OUT_OF_JURISDICTION');
      expect(
        (await http.get(`/api/v1/tasks/${t.otherCounty}`).set(bearer('township.caseworker')).expect(403)).body.code,
      ).toBe('OUT_OF_JURISDICTION');
      const role = await http.get(`/api/v1/tasks/${t.confirm}`).set(bearer('township.caseworker')).expect(403);
      expect(role.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('县级民政经办人') });
      expect((await http.get(`/api/v1/tasks/${t.accept}`).set(bearer('auditor')).expect(403)).body.code).toBe(
        'ROLE_NOT_ALLOWED',
      );
      expect(
        (await http.get(`/api/v1/tasks/${randomUUID()}`).set(bearer('township.caseworker')).expect(404)).body.code,
      ).toBe('NOT_FOUND');
      expect(
        (await http.get('/api/v1/tasks/not-a-uuid').set(bearer('township.caseworker')).expect(400)).body.errors[0].path,
      ).toBe('param.id');
    });
  });

  describe('claim and unclaim', () => {
    it('claims an open task for the caller, audited with the request id; a repeat changes nothing', async () => {
      const res = await http
        .post(`/api/v1/tasks/${t.accept}/claim`)
        .set(bearer('township.caseworker'))
        .set('x-request-id', 'claim-accept-1')
        .expect(200);
      expect(res.body).toMatchObject({ id: t.accept, status: 'CLAIMED', assignee: 'demo-township-caseworker' });
      const audit = await auditOf(t.accept!, 'TASK_CLAIMED');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: 'demo-township-caseworker',
        role: 'TOWNSHIP_CASEWORKER',
        requestId: 'claim-accept-1',
        details: { type: 'ACCEPT', applicationId: apps.a },
      });

      await http.post(`/api/v1/tasks/${t.accept}/claim`).set(bearer('township.caseworker')).expect(200);
      expect(await auditOf(t.accept!, 'TASK_CLAIMED')).toHaveLength(1);
      expect(await ids('township.caseworker', '?assignee=me')).toEqual([t.accept]);
      expect(await ids('township.caseworker2', '?assignee=me')).toEqual([]);
      expect(await ids('township.caseworker2', '?assignee=demo-township-caseworker')).toEqual([t.accept]);
      expect(await ids('township.caseworker', '?status=CLAIMED')).toEqual([t.accept]);
    });

    it('refuses a task claimed by someone else with 409 naming who, and changes nothing', async () => {
      const res = await http.post(`/api/v1/tasks/${t.accept}/claim`).set(bearer('township.caseworker2')).expect(409);
      expect(res.body).toMatchObject({
        code: 'TASK_ALREADY_CLAIMED',
        message: expect.stringContaining('演示·乡镇经办人（demo-township-caseworker）'),
      });
      expect(await stack.prisma.task.findUniqueOrThrow({ where: { id: t.accept } })).toMatchObject({
        status: 'CLAIMED',
        assignee: 'demo-township-caseworker',
      });
    });

    it('refuses a closed task (409), another role’s task (403) and another township’s task (403)', async () => {
      expect(
        (await http.post(`/api/v1/tasks/${t.done}/claim`).set(bearer('township.caseworker')).expect(409)).body.code,
      ).toBe('TASK_NOT_OPEN');
      expect(
        (await http.post(`/api/v1/tasks/${t.visit}/claim`).set(bearer('county.officer')).expect(403)).body.code,
      ).toBe('ROLE_NOT_ALLOWED');
      // The supervisor reads every task of the county but claims only its own (escalations).
      expect(
        (await http.post(`/api/v1/tasks/${t.visit}/claim`).set(bearer('county.supervisor')).expect(403)).body.code,
      ).toBe('ROLE_NOT_ALLOWED');
      expect(
        (await http.post(`/api/v1/tasks/${t.otherTownship}/claim`).set(bearer('township.caseworker')).expect(403)).body
          .code,
      ).toBe('OUT_OF_JURISDICTION');
      expect(
        (await http.post(`/api/v1/tasks/${randomUUID()}/claim`).set(bearer('township.caseworker')).expect(404)).body
          .code,
      ).toBe('NOT_FOUND');
      expect(await auditOf(t.visit!, 'TASK_CLAIMED')).toHaveLength(0);
    });

    it('lets only the assignee or the county supervisor give a task back', async () => {
      expect(
        (await http.post(`/api/v1/tasks/${t.accept}/unclaim`).set(bearer('township.caseworker2')).expect(403)).body
          .code,
      ).toBe('NOT_ASSIGNEE');
      expect(
        (await http.post(`/api/v1/tasks/${t.accept}/unclaim`).set(bearer('county.officer')).expect(403)).body.code,
      ).toBe('ROLE_NOT_ALLOWED');
      const res = await http
        .post(`/api/v1/tasks/${t.accept}/unclaim`)
        .set(bearer('township.caseworker'))
        .set('x-request-id', 'unclaim-accept-1')
        .expect(200);
      expect(res.body).toMatchObject({ status: 'OPEN', assignee: null });
      expect((await auditOf(t.accept!, 'TASK_UNCLAIMED'))[0]).toMatchObject({
        actorId: 'demo-township-caseworker',
        role: 'TOWNSHIP_CASEWORKER',
        requestId: 'unclaim-accept-1',
        details: { previousAssignee: 'demo-township-caseworker' },
      });
      expect(
        (await http.post(`/api/v1/tasks/${t.accept}/unclaim`).set(bearer('township.caseworker')).expect(409)).body.code,
      ).toBe('TASK_NOT_CLAIMED');
      expect(
        (await http.post(`/api/v1/tasks/${t.done}/unclaim`).set(bearer('township.caseworker')).expect(409)).body.code,
      ).toBe('TASK_NOT_OPEN');

      await http.post(`/api/v1/tasks/${t.visit}/claim`).set(bearer('township.caseworker2')).expect(200);
      const bySupervisor = await http
        .post(`/api/v1/tasks/${t.visit}/unclaim`)
        .set(bearer('county.supervisor'))
        .expect(200);
      expect(bySupervisor.body).toMatchObject({ status: 'OPEN', assignee: null });
      expect((await auditOf(t.visit!, 'TASK_UNCLAIMED'))[0]).toMatchObject({
        actorId: 'demo-county-supervisor',
        role: 'COUNTY_SUPERVISOR',
        details: { previousAssignee: 'demo-township-caseworker-2' },
      });
    });

    it('lets exactly one of two caseworkers claiming at once win; the other gets 409', async () => {
      for (let round = 0; round < 5; round++) {
        const id = randomUUID();
        await activities.openTask(spec('a', id, `RACE#${round}`, { type: 'HOME_VISIT', dueAt: iso(now + DAY) }));
        const [one, two] = await Promise.all(
          ['township.caseworker', 'township.caseworker2'].map((u) =>
            http.post(`/api/v1/tasks/${id}/claim`).set(bearer(u)),
          ),
        );
        expect([one!.status, two!.status].sort()).toEqual([200, 409]);
        const winner = one!.status === 200 ? 'demo-township-caseworker' : 'demo-township-caseworker-2';
        expect((one!.status === 409 ? one! : two!).body.code).toBe('TASK_ALREADY_CLAIMED');
        expect(await stack.prisma.task.findUniqueOrThrow({ where: { id } })).toMatchObject({
          status: 'CLAIMED',
          assignee: winner,
        });
        const audit = await auditOf(id, 'TASK_CLAIMED');
        expect(audit.map((a) => a.actorId)).toEqual([winner]);
      }
    });
  });

  describe('reassign (county supervisor)', () => {
    it('is for the county supervisor only', async () => {
      const res = await http
        .post(`/api/v1/tasks/${t.visit2}/reassign`)
        .set(bearer('township.caseworker'))
        .send({ assignee: 'demo-township-caseworker-2', reason: '休假' })
        .expect(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it('needs a reason and an assignee (400 naming the field)', async () => {
      const noReason = await http
        .post(`/api/v1/tasks/${t.visit2}/reassign`)
        .set(bearer('county.supervisor'))
        .send({ assignee: 'demo-township-caseworker-2' })
        .expect(400);
      expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
      const blank = await http
        .post(`/api/v1/tasks/${t.visit2}/reassign`)
        .set(bearer('county.supervisor'))
        .send({ assignee: 'demo-township-caseworker-2', reason: '   ' })
        .expect(400);
      expect(blank.body.errors[0]).toMatchObject({ path: 'reason', message: '须填写改派理由' });
      const noAssignee = await http
        .post(`/api/v1/tasks/${t.visit2}/reassign`)
        .set(bearer('county.supervisor'))
        .send({ reason: '休假' })
        .expect(400);
      expect(noAssignee.body.errors.map((e: { path: string }) => e.path)).toEqual(['assignee']);
    });

    it('refuses an assignee of the wrong role, an unknown one, or one whose jurisdiction does not cover the task (422 on assignee)', async () => {
      const before = await stack.prisma.auditLog.count();
      const wrongRole = await http
        .post(`/api/v1/tasks/${t.visit2}/reassign`)
        .set(bearer('county.supervisor'))
        .send({ assignee: 'demo-county-officer', reason: '人手调配' })
        .expect(422);
      expect(wrongRole.body).toMatchObject({
        code: 'INVALID_ASSIGNEE',
        errors: [
          { path: 'assignee', code: 'invalid_assignee', message: expect.stringContaining('乡镇（街道）经办人') },
        ],
      });
      const unknown = await http
        .post(`/api/v1/tasks/${t.visit2}/reassign`)
        .set(bearer('county.supervisor'))
        .send({ assignee: 'nobody', reason: '人手调配' })
        .expect(422);
      expect(unknown.body.errors[0].path).toBe('assignee');
      // 宝莲寺镇's caseworkers do not cover 东大街街道 (410502001).
      const notCovering = await http
        .post(`/api/v1/tasks/${t.otherTownship}/reassign`)
        .set(bearer('county.supervisor'))
        .send({ assignee: 'demo-township-caseworker', reason: '人手调配' })
        .expect(422);
      expect(notCovering.body.errors[0].path).toBe('assignee');
      expect(await stack.prisma.auditLog.count()).toBe(before);
      expect(await stack.prisma.notification.count({ where: { kind: 'TASK_ASSIGNED', taskId: t.visit2 } })).toBe(0);
      expect(await stack.prisma.task.findUniqueOrThrow({ where: { id: t.visit2 } })).toMatchObject({
        status: 'OPEN',
        assignee: null,
      });
    });

    it('refuses a task of another county (403) and a closed task (409)', async () => {
      expect(
        (
          await http
            .post(`/api/v1/tasks/${t.otherCounty}/reassign`)
            .set(bearer('county.supervisor'))
            .send({ assignee: 'demo-township-caseworker', reason: '人手调配' })
            .expect(403)
        ).body.code,
      ).toBe('OUT_OF_JURISDICTION');
      expect(
        (
          await http
            .post(`/api/v1/tasks/${t.done}/reassign`)
            .set(bearer('county.supervisor'))
            .send({ assignee: 'demo-township-caseworker-2', reason: '人手调配' })
            .expect(409)
        ).body.code,
      ).toBe('TASK_NOT_OPEN');
      expect(
        (
          await http
            .post(`/api/v1/tasks/${randomUUID()}/reassign`)
            .set(bearer('county.supervisor'))
            .send({ assignee: 'demo-township-caseworker-2', reason: '人手调配' })
            .expect(404)
        ).body.code,
      ).toBe('NOT_FOUND');
    });

    it('hands a claimed or an open task to a named caseworker, with the reason on the audit row', async () => {
      await http.post(`/api/v1/tasks/${t.review}/claim`).set(bearer('township.caseworker')).expect(200);
      const res = await http
        .post(`/api/v1/tasks/${t.review}/reassign`)
        .set(bearer('county.supervisor'))
        .set('x-request-id', 'reassign-review-1')
        .send({ assignee: 'demo-township-caseworker-2', reason: '原经办人休假，逾期转办' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: t.review,
        status: 'CLAIMED',
        assignee: 'demo-township-caseworker-2',
        overdue: true,
      });
      const audit = await auditOf(t.review!, 'TASK_REASSIGNED');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: 'demo-county-supervisor',
        role: 'COUNTY_SUPERVISOR',
        reason: '原经办人休假，逾期转办',
        requestId: 'reassign-review-1',
        details: {
          type: 'REVIEW',
          applicationId: apps.a2,
          from: 'demo-township-caseworker',
          to: 'demo-township-caseworker-2',
        },
      });
      expect(await ids('township.caseworker2', '?assignee=me&type=REVIEW')).toEqual([t.review]); // (the races above gave it some HOME_VISITs)
      // The new assignee is told as of a task opened for them (交办), by the bell and by text message.
      const told = await http.get('/api/v1/notifications?pageSize=50').set(bearer('township.caseworker2')).expect(200);
      const assigned = (told.body.items as { kind: string; taskId: string; message: string; read: boolean }[]).filter(
        (n) => n.taskId === t.review && n.kind === 'TASK_ASSIGNED',
      );
      expect(assigned).toEqual([
        expect.objectContaining({ kind: 'TASK_ASSIGNED', read: false, message: expect.stringMatching(/已交由您办理/) }),
      ]);
      const notice = await stack.prisma.notification.findFirstOrThrow({
        where: { taskId: t.review, kind: 'TASK_ASSIGNED' },
      });
      expect(notice.recipientUserId).toBe('demo-township-caseworker-2');
      expect(await stack.prisma.smsMessage.findMany({ where: { notificationId: notice.id } })).toEqual([
        expect.objectContaining({ recipient: 'demo-township-caseworker-2', text: notice.message }),
      ]);
      // The one it was taken from is not told it is theirs.
      const former = await http.get('/api/v1/notifications?pageSize=50').set(bearer('township.caseworker')).expect(200);
      expect(
        (former.body.items as { kind: string; taskId: string }[]).filter(
          (n) => n.taskId === t.review && n.kind === 'TASK_ASSIGNED',
        ),
      ).toEqual([]);

      const open = await http
        .post(`/api/v1/tasks/${t.visit2}/reassign`)
        .set(bearer('county.supervisor'))
        .send({ assignee: 'demo-township-caseworker', reason: '就近办理' })
        .expect(200);
      expect(open.body).toMatchObject({ status: 'CLAIMED', assignee: 'demo-township-caseworker' });
      expect((await auditOf(t.visit2!, 'TASK_REASSIGNED'))[0]).toMatchObject({
        reason: '就近办理',
        details: { from: null, to: 'demo-township-caseworker' },
      });
    });

    it('leaves the audit chain intact', async () => {
      await expect(verifyAuditChain(stack.prisma)).resolves.toMatchObject({ valid: true });
    });
  });
});

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TaskSpec } from '../../src/core/contracts/task';
import { LiveHub } from '../../src/live/live-hub';
import { createTaskActivities, type TaskActivities } from '../../src/tasks/task.activities';
import { openEventStream } from '../support/event-stream';
import { until } from '../support/launcher';
import { startStack, type Stack } from '../support/stack';

// The live inbox and notifications end to end: tasks opened and reminded by the real
// activities (a trigger announces them with pg_notify), the API's LISTEN connection, the event
// stream read over a real socket, the notifications API and the embedded SMS gateway's table.

const ID_NUMBER = /\d{17}[\dXx]/;

describe('live inbox and notifications (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let base: string;
  let activities: TaskActivities;
  const token: Record<string, string> = {};
  /** A caseworker of another township of the same county (东大街街道). */
  const other = {
    userId: 'live-caseworker-dongdajie',
    role: 'TOWNSHIP_CASEWORKER' as const,
    jurisdiction: '410502001',
  };

  const spec = (township: string, over: Partial<TaskSpec> = {}): TaskSpec => {
    const id = randomUUID();
    return {
      taskId: id,
      taskKey: 'ACCEPT#1',
      type: 'ACCEPT',
      applicationId: null,
      caseKind: 'EMERGENCY',
      caseId: randomUUID(),
      workflowId: `live-test-${id}`,
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: township,
      countyCode: township.slice(0, 6),
      townshipCode: township,
      priority: 0,
      dueAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
      dueProvisional: false,
      ...over,
    };
  };

  beforeAll(async () => {
    stack = await startStack();
    await new Promise<void>((resolve) => stack.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
    http = request(stack.app.getHttpServer());
    activities = createTaskActivities({ prisma: stack.prisma });
    for (const u of ['township.caseworker', 'township.caseworker2', 'county.supervisor', 'security.administrator'])
      token[u] = await stack.tokenFor(u);
    token.other = await stack.tokenForActor(other);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a stream without a token (401) and to a role with no task or notification (403)', async () => {
    const anonymous = await fetch(`${base}/api/v1/events`);
    expect(anonymous.status).toBe(401);
    const admin = await fetch(`${base}/api/v1/events`, {
      headers: { authorization: `Bearer ${token['security.administrator']}` },
    });
    expect(admin.status).toBe(403);
    expect(((await admin.json()) as { message: string }).message).toMatch(/三员分立/);
  });

  it('tells a subscriber of the jurisdiction about a task opened in the worker, and not one outside it', async () => {
    const mine = await openEventStream(base, token['township.caseworker']!);
    const outside = await openEventStream(base, token.other!);
    try {
      expect(mine.status).toBe(200);
      expect(mine.contentType).toMatch(/^text\/event-stream/);
      const here = spec('410502002');
      await activities.openTask(here);
      const event = await mine.waitFor((e) => e.event === 'task' && e.data.id === here.taskId);
      // Ids and kinds only: no name, no case detail.
      expect(event.data).toEqual({ id: here.taskId, kind: 'TASK_OPENED' });
      await mine.waitFor((e) => e.event === 'notification' && e.data.kind === 'TASK_OPENED');

      // A task of the other township reaches its caseworker: by then the first one would have too.
      const there = spec('410502001');
      await activities.openTask(there);
      await outside.waitFor((e) => e.event === 'task' && e.data.id === there.taskId);
      expect(outside.events.some((e) => e.data.id === here.taskId)).toBe(false);
      expect(mine.events.some((e) => e.data.id === there.taskId)).toBe(false);

      // Claimed by a colleague: the change reaches the open inbox.
      const claimed = await http
        .post(`/api/v1/tasks/${here.taskId}/claim`)
        .set('Authorization', `Bearer ${token['township.caseworker2']}`);
      expect(claimed.status).toBe(200);
      await mine.waitFor((e) => e.event === 'task' && e.data.id === here.taskId && e.data.kind === 'TASK_CHANGED');
      await activities.closeTask({ taskId: here.taskId, status: 'CANCELLED', outcome: 'TEST', completedBy: null });
      await mine.waitFor((e) => e.event === 'task' && e.data.id === here.taskId && e.data.kind === 'TASK_CLOSED');
    } finally {
      await mine.close();
      await outside.close();
    }
  });

  it('notifies a reminder (in the reminder transaction), lists it unread first, sends it as SMS and marks it read', async () => {
    const stream = await openEventStream(base, token['township.caseworker']!);
    try {
      const task = spec('410502002');
      await activities.openTask(task);
      const claimed = await http
        .post(`/api/v1/tasks/${task.taskId}/claim`)
        .set('Authorization', `Bearer ${token['township.caseworker']}`);
      expect(claimed.status).toBe(200);
      expect(await activities.remindTask(task.taskId)).toBe(true);
      expect(await activities.remindTask(task.taskId)).toBe(false); // a retry notifies nobody twice

      const reminder = await stack.prisma.notification.findFirstOrThrow({
        where: { taskId: task.taskId, kind: 'TASK_REMINDER' },
      });
      expect(reminder.recipientUserId).toBe('demo-township-caseworker');
      await stream.waitFor((e) => e.event === 'notification' && e.data.id === reminder.id);

      const sms = await stack.prisma.smsMessage.findMany({ where: { notificationId: reminder.id } });
      expect(sms).toHaveLength(1);
      expect(sms[0]!.recipient).toBe('demo-township-caseworker');
      expect(sms[0]!.text).toMatch(/即将到期/);
      expect(sms[0]!.text).not.toMatch(ID_NUMBER);

      const list = await http
        .get('/api/v1/notifications?pageSize=5')
        .set('Authorization', `Bearer ${token['township.caseworker']}`);
      expect(list.status).toBe(200);
      const first = list.body.items[0] as { id: string; kind: string; read: boolean; taskType: string };
      expect(first).toMatchObject({ id: reminder.id, kind: 'TASK_REMINDER', read: false, taskType: 'ACCEPT' });
      const unread = list.body.unread as number;
      expect(unread).toBeGreaterThanOrEqual(2);

      // Someone else's reminder: refused with the reason; an unknown one: 404; not a UUID: 400.
      const foreign = await http
        .post(`/api/v1/notifications/${reminder.id}/read`)
        .set('Authorization', `Bearer ${token['township.caseworker2']}`);
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('NOT_ADDRESSEE');
      expect(foreign.body.message).toMatch(/不是发给您的/);
      expect(
        (
          await http
            .post(`/api/v1/notifications/${randomUUID()}/read`)
            .set('Authorization', `Bearer ${token['township.caseworker']}`)
        ).status,
      ).toBe(404);
      const bad = await http
        .post('/api/v1/notifications/x/read')
        .set('Authorization', `Bearer ${token['township.caseworker']}`);
      expect(bad.status).toBe(400);

      const read = await http
        .post(`/api/v1/notifications/${reminder.id}/read`)
        .set('Authorization', `Bearer ${token['township.caseworker']}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: reminder.id, read: true });
      const after = await http
        .get('/api/v1/notifications?pageSize=100')
        .set('Authorization', `Bearer ${token['township.caseworker']}`);
      expect(after.body.unread).toBe(unread - 1);
      const items = after.body.items as Array<{ id: string; read: boolean }>;
      // Unread first: the read reminder comes after every unread one.
      expect(items.findIndex((n) => n.id === reminder.id)).toBe(items.filter((n) => !n.read).length);

      // A role's notification read by one caseworker stays unread for the other.
      const opened = await stack.prisma.notification.findFirstOrThrow({
        where: { taskId: task.taskId, kind: 'TASK_OPENED' },
      });
      await http
        .post(`/api/v1/notifications/${opened.id}/read`)
        .set('Authorization', `Bearer ${token['township.caseworker']}`)
        .expect(200);
      const colleague = await http
        .get('/api/v1/notifications?unread=true&pageSize=100')
        .set('Authorization', `Bearer ${token['township.caseworker2']}`);
      expect((colleague.body.items as Array<{ id: string }>).map((n) => n.id)).toContain(opened.id);
      // The other township's caseworker never sees this township's.
      const outsider = await http
        .get('/api/v1/notifications?pageSize=100')
        .set('Authorization', `Bearer ${token.other}`);
      expect((outsider.body.items as Array<{ id: string }>).map((n) => n.id)).not.toContain(opened.id);

      const invalid = await http
        .get('/api/v1/notifications?unread=maybe')
        .set('Authorization', `Bearer ${token['township.caseworker']}`);
      expect(invalid.status).toBe(400);
      expect(JSON.stringify(invalid.body.errors)).toMatch(/须为 true 或 false/);
      expect((await http.get('/api/v1/notifications')).status).toBe(401);
    } finally {
      await stream.close();
    }
  });

  it("keeps a person's streams bounded: a fifth closes their oldest, and a closed one is forgotten", async () => {
    const streams: Array<Awaited<ReturnType<typeof openEventStream>>> = [];
    for (let i = 0; i < 4; i++) streams.push(await openEventStream(base, token['county.supervisor']!));
    try {
      expect(streams.every((s) => s.status === 200 && !s.ended())).toBe(true);
      const fifth = await openEventStream(base, token['county.supervisor']!);
      streams.push(fifth);
      await until('the oldest closed', () => streams[0]!.ended(), 10_000);
      expect(streams.slice(1).some((s) => s.ended())).toBe(false);
      // The ones still open go on receiving.
      const escalation = spec('410502002', {
        type: 'ESCALATION',
        taskKey: 'ESCALATION#1',
        candidateRole: 'COUNTY_SUPERVISOR',
        jurisdiction: '410502',
      });
      await activities.openTask(escalation);
      for (const s of streams.slice(1)) await s.waitFor((e) => e.data.id === escalation.taskId);
    } finally {
      for (const s of streams) await s.close();
    }
  });

  it('ends a stream whose session was signed out; the same token then gets no stream (401)', async () => {
    const leaving = await stack.tokenForActor({
      userId: 'live-caseworker-leaving',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
    });
    const stream = await openEventStream(base, leaving);
    const staying = await openEventStream(base, token['township.caseworker']!);
    try {
      expect(stream.status).toBe(200);
      await http.delete('/api/v1/sessions/current').set('Authorization', `Bearer ${leaving}`).expect(204);
      await stack.app.get(LiveHub).checkSessions();
      await until('the stream ended', () => stream.ended(), 10_000);
      expect(staying.ended()).toBe(false);
      const again = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${leaving}` } });
      expect(again.status).toBe(401);
    } finally {
      await stream.close();
      await staying.close();
    }
  });

  it('notifies the county supervisors of an escalation', async () => {
    const stream = await openEventStream(base, token['county.supervisor']!);
    try {
      const escalation = spec('410502002', {
        type: 'ESCALATION',
        taskKey: 'ESCALATION#1',
        candidateRole: 'COUNTY_SUPERVISOR',
        jurisdiction: '410502',
        escalationKind: 'OVERDUE_STEP',
      });
      await activities.openTask(escalation);
      await stream.waitFor((e) => e.event === 'task' && e.data.id === escalation.taskId);
      await stream.waitFor((e) => e.event === 'notification' && e.data.kind === 'ESCALATION');
      const list = await http
        .get('/api/v1/notifications?unread=true')
        .set('Authorization', `Bearer ${token['county.supervisor']}`);
      expect(list.body.items[0]).toMatchObject({ kind: 'ESCALATION', taskId: escalation.taskId, read: false });
      expect(list.body.items[0].message).toMatch(/督办/);
    } finally {
      await stream.close();
    }
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { verifyAuditChain } from '../../src/audit/audit-log';
import type { TaskSpec } from '../../src/core/contracts/task';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createTaskActivities, type TaskActivities } from '../../src/tasks/task.activities';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { insertApplication } from '../support/applications';

// The task activities against a real, migrated and seeded PostgreSQL (no Temporal).

const HOUSEHOLD = '00000000-0000-4000-8000-000000000001'; // village 410502002001

describe('task activities (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let activities: TaskActivities;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    activities = createTaskActivities({ prisma });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  async function application(): Promise<{ id: string; workflowId: string }> {
    const id = randomUUID();
    const workflowId = `application-${id}`;
    await insertApplication(prisma, { id, householdId: HOUSEHOLD, stage: 'SUBMITTED' });
    return { id, workflowId };
  }

  const spec = (app: { id: string; workflowId: string }, over: Partial<TaskSpec> = {}): TaskSpec => ({
    taskId: randomUUID(),
    taskKey: 'ACCEPT#1',
    type: 'ACCEPT',
    applicationId: app.id,
    workflowId: app.workflowId,
    candidateRole: 'TOWNSHIP_CASEWORKER',
    jurisdiction: '410502002',
    countyCode: '410502',
    townshipCode: '410502002',
    priority: 0,
    dueAt: '2030-03-08T16:00:00.000Z',
    dueProvisional: false,
    ...over,
  });

  const auditOf = (targetId: string) =>
    prisma.auditLog.findMany({ where: { targetType: 'Task', targetId }, orderBy: { seq: 'asc' } });

  it('openTask writes one task, one audit row and the case read model, however often it is retried', async () => {
    const app = await application();
    const s = spec(app);
    await activities.openTask(s);
    await activities.openTask(s);
    // A retry that generated another id for the same step still opens nothing twice.
    await activities.openTask({ ...s, taskId: randomUUID() });

    const tasks = await prisma.task.findMany({ where: { applicationId: app.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      id: s.taskId,
      taskKey: 'ACCEPT#1',
      type: 'ACCEPT',
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
      status: 'OPEN',
      assignee: null,
      dueAt: new Date(s.dueAt!),
      dueProvisional: false,
      reminderSentAt: null,
      escalatedAt: null,
    });
    const audit = await auditOf(s.taskId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: 'system:workflow',
      role: 'SYSTEM',
      action: 'TASK_OPENED',
      details: expect.objectContaining({ type: 'ACCEPT', applicationId: app.id }),
    });
    expect(
      await prisma.application.findUnique({
        where: { id: app.id },
        select: { turnRole: true, stageDueAt: true, overdue: true },
      }),
    ).toEqual({ turnRole: 'TOWNSHIP_CASEWORKER', stageDueAt: new Date(s.dueAt!), overdue: false });
  });

  it('openTask of a step without a limit clears the stage due date', async () => {
    const app = await application();
    await activities.openTask(spec(app, { dueAt: null }));
    expect(await prisma.application.findUnique({ where: { id: app.id }, select: { stageDueAt: true } })).toEqual({
      stageDueAt: null,
    });
  });

  it('an ESCALATION marks the task it escalates and the case overdue, once', async () => {
    const app = await application();
    const original = spec(app);
    await activities.openTask(original);
    const escalation = spec(app, {
      taskKey: 'ESCALATION:ACCEPT#1',
      type: 'ESCALATION',
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      priority: 10,
      dueAt: '2030-03-15T16:00:00.000Z',
      escalates: original.taskId,
    });
    await activities.openTask(escalation);
    const marked = await prisma.task.findUniqueOrThrow({ where: { id: original.taskId } });
    expect(marked.escalatedAt).toBeInstanceOf(Date);
    expect(marked.status).toBe('OPEN'); // the caseworker may still act
    await activities.openTask(escalation); // retried: the first escalation time stays
    expect((await prisma.task.findUniqueOrThrow({ where: { id: original.taskId } })).escalatedAt).toEqual(
      marked.escalatedAt,
    );
    expect(
      await prisma.application.findUnique({
        where: { id: app.id },
        select: { turnRole: true, stageDueAt: true, overdue: true },
      }),
    ).toEqual({ turnRole: 'COUNTY_SUPERVISOR', stageDueAt: new Date('2030-03-15T16:00:00.000Z'), overdue: true });
    const audit = await auditOf(escalation.taskId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ type: 'ESCALATION', applicationId: app.id, escalates: original.taskId });
  });

  it('closeTask closes a live task once; a retry or a later cancel changes nothing', async () => {
    const app = await application();
    const s = spec(app);
    await activities.openTask(s);
    await activities.closeTask({
      taskId: s.taskId,
      status: 'DONE',
      outcome: 'ACCEPTED',
      completedBy: 'demo-township-caseworker',
      completedByRole: 'TOWNSHIP_CASEWORKER',
    });
    const done = await prisma.task.findUniqueOrThrow({ where: { id: s.taskId } });
    expect(done).toMatchObject({ status: 'DONE', outcome: 'ACCEPTED', completedBy: 'demo-township-caseworker' });
    expect(done.completedAt).toBeInstanceOf(Date);

    await activities.closeTask({
      taskId: s.taskId,
      status: 'DONE',
      outcome: 'ACCEPTED',
      completedBy: 'demo-township-caseworker',
      completedByRole: 'TOWNSHIP_CASEWORKER',
    });
    await activities.closeTask({ taskId: s.taskId, status: 'CANCELLED', outcome: 'WITHDRAWN', completedBy: null });
    expect(await prisma.task.findUniqueOrThrow({ where: { id: s.taskId } })).toEqual(done);

    const audit = await auditOf(s.taskId);
    expect(audit.map((a) => [a.action, a.actorId, a.role])).toEqual([
      ['TASK_OPENED', 'system:workflow', 'SYSTEM'],
      ['TASK_COMPLETED', 'demo-township-caseworker', 'TOWNSHIP_CASEWORKER'],
    ]);
    expect(audit[1]!.details).toMatchObject({ outcome: 'ACCEPTED', applicationId: app.id });
  });

  it('closeTask records the role the person acted in (a supervisor in the caseworker’s place), else looks it up', async () => {
    const app = await application();
    const a = spec(app, { taskKey: 'REVIEW#1', type: 'REVIEW' });
    const b = spec(app, { taskKey: 'REVIEW#2', type: 'REVIEW' });
    await activities.openTask(a);
    await activities.openTask(b);
    await activities.closeTask({
      taskId: a.taskId,
      status: 'DONE',
      outcome: 'APPROVE',
      completedBy: 'demo-county-supervisor',
      completedByRole: 'COUNTY_SUPERVISOR',
    });
    await activities.closeTask({
      taskId: b.taskId,
      status: 'DONE',
      outcome: 'APPROVE',
      completedBy: 'demo-township-caseworker-2',
    });
    expect((await auditOf(a.taskId))[1]).toMatchObject({
      action: 'TASK_COMPLETED',
      actorId: 'demo-county-supervisor',
      role: 'COUNTY_SUPERVISOR',
    });
    expect((await auditOf(b.taskId))[1]).toMatchObject({
      action: 'TASK_COMPLETED',
      actorId: 'demo-township-caseworker-2',
      role: 'TOWNSHIP_CASEWORKER',
    });
  });

  it('closeTask cancels as the system when the stage is left by another path', async () => {
    const app = await application();
    const s = spec(app);
    await activities.openTask(s);
    await activities.closeTask({ taskId: s.taskId, status: 'CANCELLED', outcome: 'WITHDRAWN', completedBy: null });
    expect(await prisma.task.findUniqueOrThrow({ where: { id: s.taskId } })).toMatchObject({
      status: 'CANCELLED',
      outcome: 'WITHDRAWN',
      completedBy: null,
    });
    expect((await auditOf(s.taskId)).map((a) => [a.action, a.actorId])).toEqual([
      ['TASK_OPENED', 'system:workflow'],
      ['TASK_CANCELLED', 'system:workflow'],
    ]);
  });

  it('closeTask of an unknown task fails without retries', async () => {
    await expect(
      activities.closeTask({ taskId: randomUUID(), status: 'DONE', outcome: 'X', completedBy: null }),
    ).rejects.toMatchObject({ type: 'TASK_NOT_FOUND', nonRetryable: true });
  });

  it('remindTask sends the reminder once (true, then false) and never for a closed task', async () => {
    const app = await application();
    const s = spec(app);
    await activities.openTask(s);
    await expect(activities.remindTask(s.taskId)).resolves.toBe(true);
    const reminded = (await prisma.task.findUniqueOrThrow({ where: { id: s.taskId } })).reminderSentAt;
    expect(reminded).toBeInstanceOf(Date);
    await expect(activities.remindTask(s.taskId)).resolves.toBe(false);
    expect((await prisma.task.findUniqueOrThrow({ where: { id: s.taskId } })).reminderSentAt).toEqual(reminded);
    expect((await auditOf(s.taskId)).filter((a) => a.action === 'TASK_REMINDER_SENT')).toHaveLength(1);

    const closed = spec(app, { taskKey: 'REVIEW#1', type: 'REVIEW' });
    await activities.openTask(closed);
    await activities.closeTask({ taskId: closed.taskId, status: 'CANCELLED', outcome: 'WITHDRAWN', completedBy: null });
    await expect(activities.remindTask(closed.taskId)).resolves.toBe(false);
  });

  it('rescheduleTask moves the limit with the reason, re-arms the reminder and clears overdue, once', async () => {
    const app = await application();
    const s = spec(app, { dueAt: '2020-01-10T16:00:00.000Z' });
    await activities.openTask(s);
    await activities.openTask(
      spec(app, {
        taskKey: 'ESCALATION:ACCEPT#1',
        type: 'ESCALATION',
        candidateRole: 'COUNTY_SUPERVISOR',
        jurisdiction: '410502',
        escalates: s.taskId,
      }),
    );
    await activities.remindTask(s.taskId);
    const extension = {
      taskId: s.taskId,
      dueAt: '2030-04-01T16:00:00.000Z',
      dueProvisional: true,
      reason: '申请人住院，入户调查顺延',
      actor: { userId: 'demo-county-supervisor', role: 'COUNTY_SUPERVISOR' as const },
      requestId: 'req-extend-1',
    };
    await activities.rescheduleTask(extension);
    await activities.rescheduleTask(extension);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: s.taskId } })).toMatchObject({
      dueAt: new Date('2030-04-01T16:00:00.000Z'),
      dueProvisional: true,
      reminderSentAt: null,
    });
    expect(
      await prisma.application.findUnique({ where: { id: app.id }, select: { stageDueAt: true, overdue: true } }),
    ).toEqual({ stageDueAt: new Date('2030-04-01T16:00:00.000Z'), overdue: false });
    const extended = (await auditOf(s.taskId)).filter((a) => a.action === 'TASK_DEADLINE_EXTENDED');
    expect(extended).toHaveLength(1);
    expect(extended[0]).toMatchObject({
      actorId: 'demo-county-supervisor',
      role: 'COUNTY_SUPERVISOR',
      reason: '申请人住院，入户调查顺延',
      requestId: 'req-extend-1',
    });
    // The reminder can be sent again for the new limit.
    await expect(activities.remindTask(s.taskId)).resolves.toBe(true);
  });

  it('rescheduleTask after a holiday-schedule load: the worker as actor, its own audit action; a recheck task leaves the application alone', async () => {
    const app = await application();
    const s = spec(app, { dueProvisional: true });
    await activities.openTask(s);
    const stageDue = (await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).stageDueAt;
    // A recheck of the enrolled case names the same application but runs in its own workflow.
    const recheck = spec(app, {
      taskKey: 'RECHECK_INVESTIGATE#1',
      type: 'RECHECK_INVESTIGATE',
      workflowId: `recheck-${randomUUID()}`,
      dueProvisional: true,
    });
    await activities.openTask(recheck);
    const moved = {
      taskId: recheck.taskId,
      dueAt: '2030-03-11T15:59:59.000Z',
      dueProvisional: false,
      reason: '节假日安排已载入，按正式工作日历重新计算办理期限',
      cause: 'CALENDAR_LOADED' as const,
    };
    await activities.rescheduleTask(moved);
    await activities.rescheduleTask(moved);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: recheck.taskId } })).toMatchObject({
      dueAt: new Date(moved.dueAt),
      dueProvisional: false,
    });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).stageDueAt).toEqual(stageDue);
    const audit = (await auditOf(recheck.taskId)).filter((a) => a.action === 'TASK_DUE_RECALCULATED');
    expect(audit).toEqual([
      expect.objectContaining({ actorId: 'system:workflow', role: 'SYSTEM', reason: moved.reason }),
    ]);
    // The determination's own step moves the application's stage due date.
    await activities.rescheduleTask({ ...moved, taskId: s.taskId });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).stageDueAt).toEqual(
      new Date(moved.dueAt),
    );
  });

  it('concurrent retries of one openTask write one row and leave the audit chain intact', async () => {
    const app = await application();
    const s = spec(app);
    await Promise.all(Array.from({ length: 8 }, () => activities.openTask(s)));
    expect(await prisma.task.count({ where: { applicationId: app.id } })).toBe(1);
    expect(await auditOf(s.taskId)).toHaveLength(1);
    await expect(verifyAuditChain(prisma)).resolves.toMatchObject({ valid: true });
  });
});

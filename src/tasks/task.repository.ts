import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { cursorRow, nextCursor, type KeyPart } from '../common/keyset';
import { divisionCovers } from '../core/contracts/division';
import { ROLE_NAMES_ZH, type Actor } from '../core/contracts/roles';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import type { TaskInboxQuery, TaskSort } from './task.dto';
import { inboxCountSql, inboxPageSql, inboxWhereSql } from './task-inbox.sql';
import { refuse, refusal } from '../common/refusals';

type Tx = Prisma.TransactionClient;

const LIVE = ['OPEN', 'CLAIMED'] as const;

/** Roles that read and audit but never hold a task: their inbox is empty (the administrator's holds ENTER_STATISTIC tasks). */
const NO_INBOX = new Set(['AUDITOR']);

const taskRow = {
  id: true,
  taskKey: true,
  type: true,
  applicationId: true,
  workflowId: true,
  candidateRole: true,
  jurisdiction: true,
  countyCode: true,
  townshipCode: true,
  assignee: true,
  department: true,
  priority: true,
  status: true,
  createdAt: true,
  dueAt: true,
  dueProvisional: true,
  reminderSentAt: true,
  escalatedAt: true,
  completedBy: true,
  completedAt: true,
  outcome: true,
  caseKind: true,
  caseId: true,
  escalationKind: true,
  reason: true,
  application: { select: { category: true, stage: true } },
} satisfies Prisma.TaskSelect;
type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskRow }>;

/** A task as the API shows it: its columns, whether it is overdue now, and its case's category and stage. */
export type TaskView = TaskRow & { overdue: boolean };

export interface TaskPage {
  items: TaskView[];
  page: number;
  pageSize: number;
  total: number;
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}

const isOverdue = (t: Pick<TaskRow, 'dueAt' | 'status'>, now: Date) =>
  t.dueAt !== null && t.dueAt < now && (t.status === 'OPEN' || t.status === 'CLAIMED');
const view = (row: TaskRow, now = new Date()): TaskView => ({ ...row, overdue: isOverdue(row, now) });

/** Each sort's order, ties broken the same way every time (created, then id), so pages never overlap. */
const KEYS: Record<TaskSort, KeyPart[]> = {
  dueAt: [{ field: 'dueAt', dir: 'asc', nullable: true }],
  '-dueAt': [{ field: 'dueAt', dir: 'desc', nullable: true }],
  priority: [{ field: 'priority', dir: 'asc' }],
  '-priority': [{ field: 'priority', dir: 'desc' }],
  createdAt: [{ field: 'createdAt', dir: 'asc' }],
  '-createdAt': [{ field: 'createdAt', dir: 'desc' }],
};
const TIE_BREAK: KeyPart[] = [
  { field: 'createdAt', dir: 'asc' },
  { field: 'id', dir: 'asc' },
];
/** What the inbox statement answers for a task: its columns, and its case's category and stage beside them. */
type InboxRecord = Omit<TaskRow, 'application'> & {
  applicationCategory: string | null;
  applicationStage: string | null;
};

/** An inbox record as the row Prisma would have read: the case's category and stage as its relation. */
function taskRowOf({ applicationCategory, applicationStage, ...task }: InboxRecord): TaskRow {
  return {
    ...task,
    application:
      applicationCategory === null || applicationStage === null
        ? null
        : { category: applicationCategory, stage: applicationStage },
  };
}

/**
 * Who may see a task (the inbox rule): a holder of its candidate role whose jurisdiction
 * covers the task's (a township caseworker sees the township's tasks, a village assistant the
 * village's). With `countySupervisor`, a county supervisor also sees every task of a county
 * they cover (to reassign it, or to act in the caseworker's place), whatever its role.
 * Throws 403 ROLE_NOT_ALLOWED or OUT_OF_JURISDICTION otherwise.
 */
export function assertTaskVisible(
  actor: Actor,
  task: Pick<TaskRow, 'candidateRole' | 'jurisdiction' | 'countyCode'> & { department?: string | null },
  opts: { countySupervisor?: boolean } = {},
): void {
  if (opts.countySupervisor && isCountySupervisorOf(actor, task)) return;
  if (task.candidateRole !== actor.role) {
    refuse(
      'ROLE_NOT_ALLOWED',
      `此任务由${ROLE_NAMES_ZH[task.candidateRole]}办理，${ROLE_NAMES_ZH[actor.role]}无权查看或办理`,
    );
  }
  if (!divisionCovers(actor.jurisdiction, task.jurisdiction)) {
    refuse('OUT_OF_JURISDICTION', `任务所属区划 ${task.jurisdiction} 不在您的辖区（${actor.jurisdiction}）内`);
  }
  if (actor.role === 'DEPARTMENT_LIAISON' && task.department && task.department !== actor.department) {
    refuse('WRONG_DEPARTMENT', '此任务转介其他部门办理，不属于本部门');
  }
}

export const isCountySupervisorOf = (actor: Actor, task: Pick<TaskRow, 'countyCode'>): boolean =>
  actor.role === 'COUNTY_SUPERVISOR' && divisionCovers(actor.jurisdiction, task.countyCode);

@Injectable()
export class TaskRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** The caller's inbox: their role, inside their jurisdiction, filtered, sorted and paged. */
  async inbox(actor: Actor, q: TaskInboxQuery): Promise<TaskPage> {
    if (NO_INBOX.has(actor.role)) return { items: [], page: q.page, pageSize: q.pageSize, total: 0, nextCursor: null };
    const now = new Date();
    const where = inboxWhereSql(actor, q, now);
    const keys = [...KEYS[q.sort], ...TIE_BREAK];
    const after = q.after
      ? cursorRow(
          await this.prisma.task.findUnique({
            where: { id: q.after },
            select: { id: true, dueAt: true, priority: true, createdAt: true },
          }),
        )
      : null;
    const [rows, counted] = await Promise.all([
      this.prisma.$queryRaw<InboxRecord[]>(
        inboxPageSql(where, keys, { size: q.pageSize, offset: (q.page - 1) * q.pageSize, after }),
      ),
      this.prisma.$queryRaw<Array<{ total: number }>>(inboxCountSql(where)),
    ]);
    return {
      items: rows.map((r) => view(taskRowOf(r), now)),
      page: q.page,
      pageSize: q.pageSize,
      total: counted[0]?.total ?? 0,
      nextCursor: nextCursor(rows, q.pageSize),
    };
  }

  findById(id: string, tx: Tx | PrismaClient = this.prisma): Promise<TaskView | null> {
    return tx.task.findUnique({ where: { id }, select: taskRow }).then((row) => (row ? view(row) : null));
  }

  /**
   * For reuse by other features (e.g. `POST /api/v1/tasks/:id/complete` in the cases API):
   * the task, if the actor may see it under the inbox rule of `assertTaskVisible` (pass
   * `{ countySupervisor: true }` to let a county supervisor act on any task of the county).
   * 404 NOT_FOUND when there is no such task; 403 ROLE_NOT_ALLOWED / OUT_OF_JURISDICTION when
   * it is not the actor's. It checks visibility only: whether the task is still live (status
   * OPEN/CLAIMED, else `taskNotOpen` → 409) and whether a CLAIMED task's assignee must be the
   * actor are the caller's to decide.
   */
  async findVisible(
    actor: Actor,
    id: string,
    opts: { countySupervisor?: boolean } = {},
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<TaskView> {
    const task = await this.findById(id, tx);
    if (!task) throw notFound('任务', id);
    assertTaskVisible(actor, task, opts);
    return task;
  }

  /** OPEN → CLAIMED by the user, only if still OPEN: the loser of a race gets 0. */
  claim(tx: Tx, id: string, userId: string): Promise<number> {
    return tx.task
      .updateMany({ where: { id, status: 'OPEN' }, data: { status: 'CLAIMED', assignee: userId } })
      .then((r) => r.count);
  }

  /** CLAIMED by `assignee` → OPEN with nobody, only if unchanged since it was read. */
  unclaim(tx: Tx, id: string, assignee: string): Promise<number> {
    return tx.task
      .updateMany({ where: { id, status: 'CLAIMED', assignee }, data: { status: 'OPEN', assignee: null } })
      .then((r) => r.count);
  }

  /** A live task handed to another user, only if its assignee is still the one read (null: unclaimed). */
  reassign(tx: Tx, id: string, from: string | null, to: string): Promise<number> {
    return tx.task
      .updateMany({
        where: { id, status: { in: [...LIVE] }, assignee: from },
        data: { status: 'CLAIMED', assignee: to },
      })
      .then((r) => r.count);
  }

  findUser(id: string): Promise<{ id: string; displayName: string; role: string; jurisdictionCode: string } | null> {
    return this.prisma.user.findUnique({
      where: { id },
      select: { id: true, displayName: true, role: true, jurisdictionCode: true },
    });
  }
}

/** Thrown when a task is no longer live (done or cancelled). */
export const taskNotOpen = (task: Pick<TaskRow, 'id' | 'status'>) =>
  refusal('TASK_NOT_OPEN', `任务已${task.status === 'DONE' ? '办结' : '取消'}，不能再办理：${task.id}`);

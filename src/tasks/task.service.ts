import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import { notFound } from '../common/domain-error';
import { divisionCovers } from '../core/contracts/division';
import { ROLE_NAMES_ZH, type Actor } from '../core/contracts/roles';
import { PrismaClient } from '../prisma/prisma-client';
import type { ReassignTask, TaskInboxQuery } from './task.dto';
import { isCountySupervisorOf, TaskRepository, taskNotOpen, type TaskPage, type TaskView } from './task.repository';
import { refuse, refusal } from '../common/refusals';
import { notifyTask, sendPendingSms } from '../notifications/notification-writer';
import { EmbeddedSmsGateway, type SmsGateway } from '../notifications/sms-gateway';

/**
 * Inbox and assignment of human tasks. Completing a task is not here: it is a Temporal
 * Update sent by the cases API, after which the workflow's `closeTask` activity closes it.
 */
@Injectable()
export class TaskService {
  /** Where a reassignment's notification leaves as a text message (the worker's task activities use the same). */
  private readonly sms: SmsGateway;

  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
  ) {
    this.sms = new EmbeddedSmsGateway(prisma);
  }

  inbox(actor: Actor, query: TaskInboxQuery): Promise<TaskPage> {
    return this.tasks.inbox(actor, query);
  }

  get(actor: Actor, id: string): Promise<TaskView> {
    return this.tasks.findVisible(actor, id, { countySupervisor: true });
  }

  /** The caller takes an OPEN task of their inbox; of two callers at once exactly one wins. */
  async claim(actor: Actor, id: string, requestId: string): Promise<TaskView> {
    const task = await this.tasks.findVisible(actor, id);
    if (task.status === 'CLAIMED' && task.assignee === actor.userId) return task; // a repeated claim
    await this.refuseUnlessOpen(task, actor);
    const won = await this.prisma.$transaction(async (tx) => {
      if ((await this.tasks.claim(tx, id, actor.userId)) === 0) return false;
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'TASK_CLAIMED',
        targetType: 'Task',
        targetId: id,
        requestId,
        details: { type: task.type, applicationId: task.applicationId },
      });
      return true;
    });
    const now = await this.reread(id);
    if (!won) {
      if (now.status === 'CLAIMED' && now.assignee === actor.userId) return now;
      await this.refuseUnlessOpen(now, actor);
      refuse('TASK_CHANGED', '任务已被他人同时变更，请刷新后重试');
    }
    return now;
  }

  /** Gives a CLAIMED task back to the inbox: its assignee, or a county supervisor of its county. */
  async unclaim(actor: Actor, id: string, requestId: string): Promise<TaskView> {
    const task = await this.tasks.findVisible(actor, id, { countySupervisor: true });
    if (task.status === 'DONE' || task.status === 'CANCELLED') throw taskNotOpen(task);
    if (task.status === 'OPEN') refuse('TASK_NOT_CLAIMED', `任务尚未被认领：${id}`);
    const supervisor = isCountySupervisorOf(actor, task);
    if (task.assignee !== actor.userId && !supervisor) {
      refuse('NOT_ASSIGNEE', `只有认领人（${await this.nameOf(task.assignee)}）或县级主管可以退回此任务`);
    }
    const done = await this.prisma.$transaction(async (tx) => {
      if ((await this.tasks.unclaim(tx, id, task.assignee!)) === 0) return false;
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'TASK_UNCLAIMED',
        targetType: 'Task',
        targetId: id,
        requestId,
        details: { type: task.type, applicationId: task.applicationId, previousAssignee: task.assignee },
      });
      return true;
    });
    if (!done) refuse('TASK_CHANGED', '任务已被他人同时变更，请刷新后重试');
    return this.reread(id);
  }

  /**
   * The county supervisor hands a live task to a named user who holds its candidate role and
   * covers its jurisdiction, with a written reason.
   */
  async reassign(actor: Actor, id: string, input: ReassignTask, requestId: string): Promise<TaskView> {
    const task = await this.tasks.findById(id);
    if (!task) throw notFound('任务', id);
    if (!isCountySupervisorOf(actor, task)) {
      refuse('OUT_OF_JURISDICTION', `任务所属县（市、区）${task.countyCode} 不在您的辖区（${actor.jurisdiction}）内`);
    }
    if (task.status === 'DONE' || task.status === 'CANCELLED') throw taskNotOpen(task);
    const user = await this.tasks.findUser(input.assignee);
    if (!user) throw invalidAssignee(`用户 ${input.assignee} 不存在`);
    if (user.role !== task.candidateRole) {
      throw invalidAssignee(`${user.displayName}不是${ROLE_NAMES_ZH[task.candidateRole]}，不能办理此任务`);
    }
    if (!divisionCovers(user.jurisdictionCode, task.jurisdiction)) {
      throw invalidAssignee(
        `${user.displayName}的辖区（${user.jurisdictionCode}）不含任务所属区划 ${task.jurisdiction}`,
      );
    }
    if (task.assignee === user.id) return task;
    const done = await this.prisma.$transaction(async (tx) => {
      if ((await this.tasks.reassign(tx, id, task.assignee, user.id)) === 0) return false;
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'TASK_REASSIGNED',
        targetType: 'Task',
        targetId: id,
        reason: input.reason,
        requestId,
        details: { type: task.type, applicationId: task.applicationId, from: task.assignee, to: user.id },
      });
      // The new assignee hears of it as of a task opened for them (交办), in the same transaction.
      await notifyTask(tx, 'TASK_ASSIGNED', {
        id,
        candidateRole: task.candidateRole,
        jurisdiction: task.jurisdiction,
        department: task.department,
        assignee: user.id,
        dueAt: task.dueAt,
      });
      return true;
    });
    if (!done) refuse('TASK_CHANGED', '任务已被他人同时变更，请刷新后重试');
    // After the commit, as the task activities do: a message not handed over stays unsent and
    // goes with the task's next notification (sendPendingSms sends every unsent one of the task).
    await sendPendingSms(this.prisma, this.sms, id);
    return this.reread(id);
  }

  /** 409 unless the task is OPEN: TASK_NOT_OPEN when closed, TASK_ALREADY_CLAIMED naming who holds it. */
  private async refuseUnlessOpen(task: TaskView, actor: Actor): Promise<void> {
    if (task.status === 'DONE' || task.status === 'CANCELLED') throw taskNotOpen(task);
    if (task.status === 'CLAIMED' && task.assignee !== actor.userId) {
      refuse('TASK_ALREADY_CLAIMED', `任务已由${await this.nameOf(task.assignee)}认领`, [
        { path: 'assignee', code: 'already_claimed', message: task.assignee ?? '' },
      ]);
    }
  }

  private async nameOf(userId: string | null): Promise<string> {
    if (!userId) return '（无）';
    const user = await this.tasks.findUser(userId);
    return user ? `${user.displayName}（${user.id}）` : userId;
  }

  private async reread(id: string): Promise<TaskView> {
    const task = await this.tasks.findById(id);
    if (!task) throw notFound('任务', id);
    return task;
  }
}

const invalidAssignee = (message: string) =>
  refusal('INVALID_ASSIGNEE', '接办人员不符合要求', [{ path: 'assignee', code: 'invalid_assignee', message }]);

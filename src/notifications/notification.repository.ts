import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { codeRange } from '../common/jurisdiction-scope';
import { refuse } from '../common/refusals';
import { divisionPrefix } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import type { NotificationQuery } from './notification.dto';

export interface NotificationView {
  id: string;
  kind: string;
  taskId: string | null;
  /** The task's type, for the console's Chinese name; null when the task is gone. */
  taskType: string | null;
  message: string;
  createdAt: Date;
  read: boolean;
}

export interface NotificationPage {
  items: NotificationView[];
  page: number;
  pageSize: number;
  total: number;
  /** All the caller's unread notifications (the bell's count), whatever the page. */
  unread: number;
}

const row = { id: true, kind: true, taskId: true, message: true, createdAt: true } satisfies Prisma.NotificationSelect;
const NEWEST: Prisma.NotificationOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'asc' }];

/**
 * The notifications addressed to the caller: to them by name, or to their role within a
 * jurisdiction theirs covers (a liaison: their department's, or none's), as the inbox rule.
 */
export function addressedTo(actor: Actor): Prisma.NotificationWhereInput {
  return {
    OR: [
      { recipientUserId: actor.userId },
      {
        recipientRole: actor.role,
        jurisdiction: codeRange(divisionPrefix(actor.jurisdiction)),
        ...(actor.role === 'DEPARTMENT_LIAISON'
          ? { OR: [{ department: null }, { department: actor.department ?? '' }] }
          : {}),
      },
    ],
  };
}

@Injectable()
export class NotificationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Unread first (newest first within each), paged across both. */
  async list(actor: Actor, q: NotificationQuery): Promise<NotificationPage> {
    const mine = addressedTo(actor);
    const unreadWhere: Prisma.NotificationWhereInput = { AND: [mine, { reads: { none: { userId: actor.userId } } }] };
    const readWhere: Prisma.NotificationWhereInput = { AND: [mine, { reads: { some: { userId: actor.userId } } }] };
    const [unread, read] = await Promise.all([
      this.prisma.notification.count({ where: unreadWhere }),
      q.unread === 'true' ? Promise.resolve(0) : this.prisma.notification.count({ where: readWhere }),
    ]);
    const skip = (q.page - 1) * q.pageSize;
    const fromUnread =
      skip < unread
        ? await this.prisma.notification.findMany({
            where: unreadWhere,
            select: row,
            orderBy: NEWEST,
            skip,
            take: q.pageSize,
          })
        : [];
    const rest = q.pageSize - fromUnread.length;
    const fromRead =
      q.unread !== 'true' && rest > 0
        ? await this.prisma.notification.findMany({
            where: readWhere,
            select: row,
            orderBy: NEWEST,
            skip: Math.max(0, skip - unread),
            take: rest,
          })
        : [];
    const taskIds = [...fromUnread, ...fromRead].map((n) => n.taskId).filter((id): id is string => id !== null);
    const types = new Map(
      (await this.prisma.task.findMany({ where: { id: { in: taskIds } }, select: { id: true, type: true } })).map(
        (t) => [t.id, t.type],
      ),
    );
    const view = (n: (typeof fromUnread)[number], isRead: boolean): NotificationView => ({
      ...n,
      taskType: n.taskId ? (types.get(n.taskId) ?? null) : null,
      read: isRead,
    });
    return {
      items: [...fromUnread.map((n) => view(n, false)), ...fromRead.map((n) => view(n, true))],
      page: q.page,
      pageSize: q.pageSize,
      total: unread + read,
      unread,
    };
  }

  /** Marks one of the caller's notifications read (again: unchanged). 404 unknown, 403 someone else's. */
  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const n = await this.prisma.notification.findUnique({ where: { id }, select: row });
    if (!n) throw notFound('通知', id);
    const addressed = await this.prisma.notification.count({ where: { AND: [{ id }, addressedTo(actor)] } });
    if (addressed === 0) refuse('NOT_ADDRESSEE', '此通知不是发给您的，不能标记为已读');
    await this.prisma.notificationRead.createMany({
      data: [{ notificationId: id, userId: actor.userId }],
      skipDuplicates: true,
    });
    const task = n.taskId
      ? await this.prisma.task.findUnique({ where: { id: n.taskId }, select: { type: true } })
      : null;
    return { ...n, taskType: task?.type ?? null, read: true };
  }
}

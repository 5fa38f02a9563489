import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import type { Role } from '../core/contracts/roles';
import { notificationText, type NotificationKind } from './notification-messages';
import type { SmsGateway } from './sms-gateway';

type Tx = Prisma.TransactionClient;

/** The task fields a notification is addressed and worded from (ids and codes only). */
export interface NotifiedTask {
  id: string;
  candidateRole: Role;
  jurisdiction: string;
  department: string | null;
  assignee: string | null;
  dueAt: Date | null;
}

/**
 * Writes the notification of a task inside the caller's transaction (the task's own, so the
 * announcement exists exactly when what it announces does): to the task's assignee when it has
 * one, otherwise to every holder of its candidate role covering its jurisdiction.
 */
export async function notifyTask(tx: Tx, kind: NotificationKind, task: NotifiedTask): Promise<void> {
  await tx.notification.create({
    data: {
      id: randomUUID(),
      kind,
      ...(task.assignee
        ? { recipientUserId: task.assignee }
        : { recipientRole: task.candidateRole, jurisdiction: task.jurisdiction, department: task.department }),
      taskId: task.id,
      message: notificationText(kind, task.dueAt),
    },
  });
}

/**
 * Hands the task's notifications not yet sent to the SMS gateway, after the transaction that
 * wrote them: a retried activity finds them still unsent and sends them (the gateway is
 * idempotent by notification), so none is lost and none is sent twice.
 */
export async function sendPendingSms(prisma: PrismaClient, sms: SmsGateway, taskId: string): Promise<void> {
  const pending = await prisma.notification.findMany({
    where: { taskId, smsSentAt: null },
    select: { id: true, recipientUserId: true, recipientRole: true, jurisdiction: true, message: true },
    orderBy: { createdAt: 'asc' },
  });
  for (const n of pending) {
    await sms.send({
      notificationId: n.id,
      recipient: n.recipientUserId ?? `${n.recipientRole}@${n.jurisdiction}`,
      text: n.message,
    });
    await prisma.notification.update({ where: { id: n.id }, data: { smsSentAt: new Date() } });
  }
}

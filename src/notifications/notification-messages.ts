import { cstDate } from '../core/clock';

/** The kinds of notification (API field `kind`). */
export type NotificationKind = 'TASK_OPENED' | 'TASK_ASSIGNED' | 'TASK_REMINDER' | 'ESCALATION';

const until = (dueAt: Date | null) => (dueAt ? `，办理期限至${cstDate(dueAt.toISOString())}` : '');

/**
 * The Chinese text of a notification, also sent as the text message: no name, no ID number,
 * no case detail (a message can be read by anyone holding the phone); the console shows the
 * task itself to whoever may see it.
 */
export function notificationText(kind: NotificationKind, dueAt: Date | null): string {
  switch (kind) {
    case 'TASK_OPENED':
      return `【社会救助】您的辖区有一件新的待办事项${until(dueAt)}，请登录工作台认领办理。`;
    case 'TASK_ASSIGNED':
      return `【社会救助】有一件待办事项已交由您办理${until(dueAt)}，请登录工作台办理。`;
    case 'TASK_REMINDER':
      return `【社会救助】您的一件待办事项即将到期${until(dueAt)}，请尽快办理。`;
    case 'ESCALATION':
      return `【社会救助】有一件事项已超期或受阻，升级至县级督办${until(dueAt)}，请及时处理。`;
  }
}

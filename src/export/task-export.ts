import { ROLE_NAMES_ZH } from '../core/contracts/roles';
import type { TaskView } from '../tasks/task.repository';
import type { ExportColumn } from './list-workbook';

const TASK_STATUS_ZH: Record<string, string> = {
  OPEN: '待认领',
  CLAIMED: '办理中',
  DONE: '已办结',
  CANCELLED: '已取消',
};

/** The inbox as a workbook: what the list shows (no names: a task carries none). */
export const TASK_EXPORT_COLUMNS: readonly ExportColumn<TaskView>[] = [
  { header: '任务编号', cell: (t) => t.id, width: 38 },
  { header: '事项类型', cell: (t) => t.type, width: 24 },
  { header: '状态', cell: (t) => TASK_STATUS_ZH[t.status] ?? t.status },
  { header: '办理角色', cell: (t) => ROLE_NAMES_ZH[t.candidateRole] },
  { header: '县（市、区）', cell: (t) => t.countyCode },
  { header: '乡镇（街道）', cell: (t) => t.townshipCode },
  { header: '认领人', cell: (t) => t.assignee },
  { header: '创建时间', cell: (t) => t.createdAt, width: 20 },
  { header: '办理期限', cell: (t) => t.dueAt, width: 20 },
  { header: '是否超期', cell: (t) => (t.overdue ? '已超期' : '') },
  { header: '案件编号', cell: (t) => t.applicationId ?? t.caseId, width: 38 },
];

import { z } from 'zod';
import { checkPaging, keysetPaging } from '../common/keyset';
import { Text } from '../core/contracts/text';
import { TaskStatus, TaskType } from '../core/contracts/task';
import { CountyCode, TownshipCode } from '../core/contracts/division';

export const TASK_SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** `GET /api/v1/tasks`: the caller's inbox; numbers arrive as query strings. */
export const TaskInboxQuery = z
  .strictObject({
    type: TaskType.optional(),
    /** One status; without it the live tasks (OPEN and CLAIMED). */
    status: TaskStatus.optional(),
    /** Past its due date and not yet done. */
    overdue: z.enum(['true', 'false'], { error: '须为 true 或 false' }).optional(),
    /** Due strictly before this instant; a bare date means its start in China Standard Time. */
    dueBefore: z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], {
        error: '须为 ISO 日期（YYYY-MM-DD）或带时区的日期时间',
      })
      // Year 0000 and its like turn into instants the database driver cannot send (a 500 before this check).
      .refine((v) => Number(v.slice(0, 4)) >= 1900, { error: '须为 1900 年以后的日期' })
      .optional(),
    county: CountyCode.optional(),
    township: TownshipCode.optional(),
    /** The tasks of one case (an application, an emergency-aid or 一事一议 case). */
    caseId: z.uuid({ error: '须为案件编号（UUID）' }).optional(),
    /** `me`, or a user id. */
    assignee: Text({ max: 100 }).optional(),
    sort: z.enum(TASK_SORTS).default('dueAt'),
    /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
    format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
    ...keysetPaging(100, 20),
  })
  .superRefine(checkPaging);
export type TaskInboxQuery = z.infer<typeof TaskInboxQuery>;

export { ReassignTask } from '../core/contracts/escalation';

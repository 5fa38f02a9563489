import { z } from 'zod';
import { MemberRef } from './deliberation';
import { Text } from './text';

// The escalation board's commands, here in the contracts so the console checks a form with the
// API's own schema (src/escalations and src/tasks re-export them).

/** `POST /api/v1/tasks/:id/reassign` and `/escalations/:id/reassign` by the county supervisor. */
export const ReassignTask = z.strictObject({
  assignee: Text({ max: 100, tooShort: '须指定接办人员' }),
  reason: Text({ max: 1000, multiline: true, tooShort: '须填写改派理由' }),
});
export type ReassignTask = z.infer<typeof ReassignTask>;

/** How the county supervisor settles an ESCALATION task (the escalation board, or `POST /api/v1/tasks/:id/complete`). */
export const EscalationDecisionBody = z.strictObject({
  decision: z.enum(['RESOLVE', 'DELIBERATE', 'RETRY_PAYMENT', 'PAY_FROM_COUNTY_BUDGET', 'CLOSE_CASE']),
  reason: Text({ max: 2000, multiline: true, tooShort: '须填写处理理由' }),
  members: z
    .array(MemberRef)
    .min(2, { error: '提请一事一议至少指定两个成员单位' })
    .max(20, { error: '成员单位最多 20 个' })
    .optional(),
  question: Text({ max: 2000, multiline: true }).optional(),
});

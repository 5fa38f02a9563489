import { z } from 'zod';
import { MemberRef } from '../core/contracts/deliberation';
import { Text } from '../core/contracts/text';

/** How the county supervisor settles an ESCALATION task (the escalation board, or `POST /api/v1/tasks/:id/complete`). */
export const EscalationDecisionBody = z.strictObject({
  decision: z.enum(['RESOLVE', 'DELIBERATE', 'RETRY_PAYMENT', 'PAY_FROM_COUNTY_BUDGET', 'CLOSE_CASE']),
  reason: Text({ max: 2000, multiline: true, tooShort: '须填写处理理由' }),
  members: z.array(MemberRef).min(2).max(20).optional(),
  question: Text({ max: 2000, multiline: true }).optional(),
});

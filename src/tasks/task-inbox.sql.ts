import { codeRange } from '../common/jurisdiction-scope';
import { startOfDayCst } from '../core/clock';
import { afterRowSql, orderBySql, type KeyPart } from '../common/keyset';
import { divisionPrefix } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { Prisma } from '../prisma/prisma-client';
import type { TaskInboxQuery } from './task.dto';

// The inbox as one statement: the page with its cases' category and stage joined in, and
// beside it the count. Prisma would read the cases in a second round trip after the page,
// and the inbox is what staff open most. The rule of who sees what is `assertTaskVisible`'s
// (task.repository.ts); the (candidate_role, status, jurisdiction) index serves every inbox.

/** The task's columns under the names of its Prisma model, and its case's category and stage (null without a case). */
const COLUMNS = Prisma.sql`
  t.id, t.task_key AS "taskKey", t.type, t.application_id AS "applicationId", t.workflow_id AS "workflowId",
  t.candidate_role::text AS "candidateRole", t.jurisdiction, t.county_code AS "countyCode",
  t.township_code AS "townshipCode", t.assignee, t.department, t.priority, t.status::text AS status,
  t.created_at AS "createdAt", t.due_at AS "dueAt", t.due_provisional AS "dueProvisional",
  t.reminder_sent_at AS "reminderSentAt", t.escalated_at AS "escalatedAt", t.completed_by AS "completedBy",
  t.completed_at AS "completedAt", t.outcome, t.case_kind AS "caseKind", t.case_id AS "caseId",
  t.escalation_kind AS "escalationKind", t.reason,
  a.category AS "applicationCategory", a.stage AS "applicationStage"`;

const KEY_COLUMNS: Record<string, Prisma.Sql> = {
  dueAt: Prisma.sql`t.due_at`,
  priority: Prisma.sql`t.priority`,
  createdAt: Prisma.sql`t.created_at`,
  id: Prisma.sql`t.id`,
};
const keyColumn = (field: string): Prisma.Sql => {
  const column = KEY_COLUMNS[field];
  if (!column) throw new Error(`收件箱不能按 ${field} 排序`);
  return column;
};

const LIVE = Prisma.sql`t.status IN ('OPEN', 'CLAIMED')`;

/** A bare date in `dueBefore` is the start of that day in China Standard Time. */
const instant = (value: string) => (value.length === 10 ? startOfDayCst(value) : new Date(value));

/** The tasks of the caller's inbox under the query's filters (paging aside). */
export function inboxWhereSql(actor: Actor, q: TaskInboxQuery, now: Date): Prisma.Sql {
  // The jurisdiction as a code range the index reads; a LIKE would be a filter.
  const range = codeRange(divisionPrefix(actor.jurisdiction));
  const and: Prisma.Sql[] = [
    Prisma.sql`t.candidate_role = ${actor.role}::"Role"`,
    range.lt
      ? Prisma.sql`t.jurisdiction >= ${range.gte} AND t.jurisdiction < ${range.lt}`
      : Prisma.sql`t.jurisdiction >= ${range.gte}`,
    q.status ? Prisma.sql`t.status = ${q.status}::"TaskStatus"` : LIVE,
  ];
  // A liaison's inbox: tasks given to them, their department's (a referral's), and the county's unassigned ones of no department.
  if (actor.role === 'DEPARTMENT_LIAISON')
    and.push(
      Prisma.sql`(t.assignee = ${actor.userId} OR t.department = ${actor.department ?? ''}
                  OR (t.department IS NULL AND t.assignee IS NULL))`,
    );
  if (q.type) and.push(Prisma.sql`t.type = ${q.type}`);
  if (q.overdue === 'true') and.push(Prisma.sql`t.due_at < ${now} AND ${LIVE}`);
  if (q.overdue === 'false')
    and.push(Prisma.sql`(t.due_at IS NULL OR t.due_at >= ${now} OR t.status NOT IN ('OPEN', 'CLAIMED'))`);
  if (q.dueBefore) and.push(Prisma.sql`t.due_at < ${instant(q.dueBefore)}`);
  if (q.county) and.push(Prisma.sql`t.county_code = ${q.county}`);
  if (q.township) and.push(Prisma.sql`t.township_code = ${q.township}`);
  if (q.caseId) and.push(Prisma.sql`(t.application_id = ${q.caseId}::uuid OR t.case_id = ${q.caseId}::uuid)`);
  if (q.assignee) and.push(Prisma.sql`t.assignee = ${q.assignee === 'me' ? actor.userId : q.assignee}`);
  return Prisma.join(and, ' AND ');
}

/** One page in the order `keys`: from the cursor's row `after` when given, else the numbered page. */
export function inboxPageSql(
  where: Prisma.Sql,
  keys: readonly KeyPart[],
  page: { size: number; offset: number; after: Record<string, unknown> | null },
): Prisma.Sql {
  const from = page.after ? Prisma.sql`AND ${afterRowSql(keys, page.after, keyColumn)}` : Prisma.empty;
  return Prisma.sql`
    SELECT ${COLUMNS} FROM task t LEFT JOIN application a ON a.id = t.application_id
     WHERE ${where} ${from}
     ORDER BY ${orderBySql(keys, keyColumn)}
     LIMIT ${page.size} OFFSET ${page.after ? 0 : page.offset}`;
}

export const inboxCountSql = (where: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`SELECT count(*)::int AS total FROM task t WHERE ${where}`;

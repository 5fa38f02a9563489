import { scaleName } from './scale-seed';

// What staff open all day at a city's size, each beside the query a person would write by
// hand for the same page (same filters, order, page and total) on the same indexes. The
// floor runs the page and its count concurrently on two connections, as the API does.

export interface ScaleQuery {
  label: string;
  user: string;
  path: string;
  /** The page and the total, written by hand. */
  sql: Array<{ text: string; values: unknown[] }>;
  /** Rows of each statement the bare server answers, where the API reads everything to order it but answers one page. */
  answered?: number;
}

const LIVE = `status IN ('OPEN', 'CLAIMED')`;
const TASK_COLS = `id, task_key, type, application_id, case_kind, case_id, escalation_kind, reason, workflow_id, candidate_role,
  jurisdiction, county_code, township_code, assignee, department, priority, status, created_at, due_at, due_provisional,
  reminder_sent_at, escalated_at, completed_by, completed_at, outcome`;
/** What a board item shows (src/escalations/escalation.repository.ts reads the same columns). */
const BOARD_TASK_COLS = `id, escalation_kind, case_kind, case_id, application_id, workflow_id, county_code, township_code, reason,
  created_at, due_at, assignee, status`;
const BOARD_DELIBERATION_COLS = `id, workflow_id, county_code, township_code, question, created_at, deadline_at, stage, chair_id`;
const CASE_COLS = `id, category, channel, stage, county_code, township_code, turn_role, stage_due_at, process_due_at, overdue, drill, created_at, updated_at`;

/** An inbox page and its total: each task with its case's category and stage, as `GET /tasks` answers (ties broken by creation, then id). */
function inboxPageAndCount(where: string, order: string, values: unknown[]) {
  const cols = TASK_COLS.split(',')
    .map((c) => `t.${c.trim()}`)
    .join(', ');
  return [
    {
      text: `SELECT ${cols}, a.category, a.stage FROM task t LEFT JOIN application a ON a.id = t.application_id
        WHERE ${where} ORDER BY ${order} LIMIT 20`,
      values,
    },
    { text: `SELECT count(*) FROM task t WHERE ${where}`, values },
  ];
}

/** Page and total of one table under one condition. */
function pageAndCount(table: string, cols: string, where: string, order: string, values: unknown[]) {
  return [
    { text: `SELECT ${cols} FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT 20`, values },
    { text: `SELECT count(*) FROM ${table} WHERE ${where}`, values },
  ];
}

/** A month's first instant in China Standard Time, `back` months before now's month. */
function monthStart(now: Date, back: number): Date {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - back, 1) - 8 * 3_600_000);
}

/** `idNumber`: a person of an enrolled household of 文峰区 the seed wrote. */
export function scaleQueries(now: Date, idNumber: string): ScaleQuery[] {
  const from = monthStart(now, 11);
  const to = monthStart(now, -1);
  const lastMonth = new Date(monthStart(now, 1).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
  const township = '410502002';
  const county = '410502';
  // What staff type to find a person: the surname and the first character of the given name (王建…).
  const namePrefix = scaleName(0).slice(0, 2);
  return [
    {
      label: 'inbox: township caseworker',
      user: 'township.caseworker',
      path: '/tasks?pageSize=20',
      sql: inboxPageAndCount(
        `t.candidate_role = 'TOWNSHIP_CASEWORKER' AND t.jurisdiction = $1 AND t.${LIVE}`,
        't.due_at ASC NULLS LAST, t.created_at, t.id',
        [township],
      ),
    },
    {
      label: 'inbox: township, overdue by priority',
      user: 'township.caseworker',
      path: '/tasks?overdue=true&sort=-priority&pageSize=20',
      sql: inboxPageAndCount(
        `t.candidate_role = 'TOWNSHIP_CASEWORKER' AND t.jurisdiction = $1 AND t.${LIVE} AND t.due_at < $2`,
        't.priority DESC, t.created_at, t.id',
        [township, now],
      ),
    },
    {
      label: 'inbox: county officer, REVIEW',
      user: 'county.officer',
      path: '/tasks?type=REVIEW&pageSize=20',
      sql: inboxPageAndCount(
        `t.candidate_role = 'COUNTY_OFFICER' AND t.jurisdiction = $1 AND t.${LIVE} AND t.type = 'REVIEW'`,
        't.due_at ASC NULLS LAST, t.created_at, t.id',
        [county],
      ),
    },
    {
      label: 'inbox: county supervisor, OPEN',
      user: 'county.supervisor',
      path: '/tasks?status=OPEN&sort=dueAt&pageSize=20',
      sql: inboxPageAndCount(
        `t.candidate_role = 'COUNTY_SUPERVISOR' AND t.jurisdiction = $1 AND t.status = 'OPEN'`,
        't.due_at ASC NULLS LAST, t.created_at, t.id',
        [county],
      ),
    },
    {
      label: 'cases: township caseworker',
      user: 'township.caseworker',
      path: '/applications?pageSize=20',
      sql: pageAndCount('application', CASE_COLS, `township_code = $1`, 'created_at DESC, id', [township]),
    },
    {
      label: 'cases: city auditor, overdue',
      user: 'auditor',
      path: '/applications?overdue=true&pageSize=20',
      sql: pageAndCount('application', CASE_COLS, `(overdue OR stage_due_at < $1)`, 'created_at DESC, id', [now]),
    },
    {
      label: 'enrolled cases: county officer',
      user: 'county.officer',
      path: '/enrolled-cases?pageSize=20',
      sql: pageAndCount(
        'enrolled_case',
        'id, application_id, household_id, category, monthly_amount, start_month, county_code, status, township_code, village_code, next_recheck_at, created_at',
        `county_code = $1`,
        'created_at DESC, id',
        [county],
      ),
    },
    {
      label: 'registry: name prefix',
      user: 'township.caseworker',
      path: `/population?name=${encodeURIComponent(namePrefix)}&pageSize=20`,
      sql: pageAndCount(
        `(SELECT m.name, m.id_number_masked, e.category, 'ENROLMENT' AS origin FROM enrolled_case e
           JOIN member m ON m.household_id = e.household_id WHERE e.county_code = $1 AND e.status <> 'EXITED' AND m.name LIKE $2
          UNION ALL SELECT p.name, p.id_number_masked, p.category, p.origin FROM population_record p WHERE p.county_code = $1 AND p.name LIKE $2) x`,
        '*',
        'true',
        'name, id_number_masked, category, origin',
        [county, `${namePrefix}%`],
      ),
    },
    {
      label: 'registry: ID number',
      user: 'county.officer',
      path: `/population?idNumber=${idNumber}&pageSize=20`,
      sql: pageAndCount(
        `(SELECT m.name, m.id_number_masked, e.category FROM member m JOIN enrolled_case e ON e.household_id = m.household_id
           WHERE m.id_number_hmac = $1 AND e.county_code = $2 AND e.status <> 'EXITED'
          UNION ALL SELECT p.name, p.id_number_masked, p.category FROM population_record p WHERE p.id_number_hmac = $1 AND p.county_code = $2) x`,
        '*',
        'true',
        'name',
        // The HMAC is filled in by the bench (it holds the key).
        [`hmac:${idNumber}`, county],
      ),
    },
    {
      label: 'escalation board: county supervisor',
      user: 'county.supervisor',
      path: '/escalations',
      sql: [
        {
          text: `SELECT ${BOARD_TASK_COLS} FROM task WHERE type = 'ESCALATION' AND ${LIVE} AND county_code = $1`,
          values: [county],
        },
        {
          text: `SELECT ${BOARD_DELIBERATION_COLS} FROM deliberation WHERE stage <> 'CLOSED' AND county_code = $1`,
          values: [county],
        },
      ],
      // The board orders by SLA state (parameters and calendar) in the service, then answers its first page of 50.
      answered: 50,
    },
    {
      label: 'escalation board: city auditor',
      user: 'auditor',
      path: '/escalations',
      sql: [
        { text: `SELECT ${BOARD_TASK_COLS} FROM task WHERE type = 'ESCALATION' AND ${LIVE}`, values: [] },
        { text: `SELECT ${BOARD_DELIBERATION_COLS} FROM deliberation WHERE stage <> 'CLOSED'`, values: [] },
      ],
      answered: 50,
    },
    {
      label: 'dashboard: caseload (county)',
      user: 'county.officer',
      path: '/statistics/caseload',
      sql: [
        {
          text: `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), category, count(*) FROM application
                  WHERE county_code = $1 AND created_at >= $2 AND created_at < $3 GROUP BY 1, 2`,
          values: [county, from, to],
        },
        {
          text: `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), category, count(*) FROM enrolled_case
                  WHERE county_code = $1 AND created_at >= $2 AND created_at < $3 GROUP BY 1, 2`,
          values: [county, from, to],
        },
        {
          text: `SELECT category, count(*) FROM enrolled_case WHERE county_code = $1 AND status <> 'EXITED' GROUP BY 1`,
          values: [county],
        },
      ],
    },
    {
      label: 'dashboard: SLA (county)',
      user: 'county.officer',
      path: '/statistics/sla',
      sql: [
        {
          text: `SELECT type, count(*) FILTER (WHERE status = 'DONE' AND completed_at <= due_at),
                        count(*) FILTER (WHERE status IN ('OPEN', 'CLAIMED') AND due_at < $4)
                   FROM task WHERE county_code = $1 AND created_at >= $2 AND created_at < $3 AND status <> 'CANCELLED' GROUP BY 1`,
          values: [county, from, to, now],
        },
      ],
    },
    {
      label: 'dashboard: emergency (city)',
      user: 'auditor',
      path: '/statistics/emergency',
      sql: [
        {
          text: `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), county_code, path, count(*), sum(requested_amount)
                   FROM emergency_case WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2, 3`,
          values: [from, to],
        },
      ],
    },
    {
      label: 'payments: county, last month',
      user: 'county.officer',
      path: `/payments?county=${county}&month=${lastMonth}&pageSize=20`,
      sql: pageAndCount('payment_instruction', '*', `county_code = $1 AND month = $2`, 'created_at, id', [
        county,
        lastMonth,
      ]),
    },
  ];
}

import { Client } from 'pg';
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';

// Every query behind an endpoint that lists or counts has an index it can use: each list is
// called through HTTP as the staff who open it (typical filters and sorts), every SELECT it
// sends is captured with its parameters, and each is explained with sequential scans priced
// out (`enable_seqscan = off`). A sequential scan that remains on a table that grows with the
// caseload means no index serves the query: at a city's size it reads the whole table.

jest.setTimeout(240_000);

/** Tables that grow with the caseload (households, cases, tasks, audit, payments, monitoring). */
const LARGE = new Set([
  'application',
  'application_event',
  'audit_log',
  'change_report',
  'complaint',
  'decision',
  'deliberation',
  'emergency_case',
  'enrolled_case',
  'household',
  'incident',
  'member',
  'notification',
  'outreach_survey',
  'payment_instruction',
  'population_record',
  'recheck',
  'recovery',
  'referral',
  'task',
  'warning',
  'warning_event',
]);

/** [user, path]: what staff open, with the filters their screens send. */
const LISTS: Array<[string, string]> = [
  ['township.caseworker', '/tasks'],
  ['township.caseworker', '/tasks?overdue=true&sort=-priority'],
  ['township.caseworker', '/tasks?type=HOME_VISIT&assignee=me&sort=createdAt'],
  ['county.supervisor', '/tasks?status=OPEN&sort=dueAt'],
  ['city.supervisor', '/tasks'],
  ['township.caseworker', '/cases'],
  ['county.officer', '/cases?stage=REVIEW&category=MINIMUM_LIVING'],
  ['auditor', '/cases?overdue=true'],
  ['county.officer', '/enrolled-cases'],
  ['township.caseworker', '/population?name=%E5%BC%A0'],
  ['county.officer', '/population?idNumber=410502195803120014'],
  ['township.caseworker', '/warnings?overdue=true'],
  ['county.supervisor', '/warnings?warningClass=NOT_COVERED'],
  ['county.officer', '/provincial-exports/population?county=410502&period=2026-11'],
  ['auditor', '/provincial-exports/warnings?county=410502&period=2026-11'],
  ['county.officer', '/referrals'],
  ['county.officer', '/complaints'],
  ['county.officer', '/recoveries'],
  ['county.supervisor', '/escalations'],
  ['county.supervisor', '/incidents'],
  ['township.caseworker', '/notifications'],
  ['county.officer', '/statistics/caseload'],
  ['county.officer', '/statistics/sla'],
  ['auditor', '/statistics/emergency'],
  ['township.caseworker', '/emergency-aid'],
  ['county.officer', '/emergency-aid?stage=AID_FIRST&kind=SUDDEN'],
  ['auditor', '/emergency-aid'],
  ['county.supervisor', '/deliberations'],
  ['auditor', '/deliberations?stage=CLOSED'],
  ['county.officer', '/payments/batches'],
  ['auditor', '/payments/batches?county=410502&from=2026-01&to=2026-12'],
  ['county.supervisor', '/monitoring/surveys'],
  ['auditor', '/monitoring/surveys'],
  ['administrator', '/policy/simulations?status=COMPLETED'],
  ['administrator', '/policy/adjustments'],
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

const seqScans = (node: PlanNode): PlanNode[] => [
  ...(node['Node Type'] === 'Seq Scan' && LARGE.has(node['Relation Name'] ?? '') ? [node] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

describe('list and count queries use an index (EXPLAIN)', () => {
  let stack: Stack;
  let explain: Client;
  const tokens: Record<string, string> = {};
  let captured: Array<{ text: string; values: unknown[] }> | null = null;
  const original = Client.prototype.query;

  beforeAll(async () => {
    stack = await startStack();
    for (const user of new Set(LISTS.map(([u]) => u))) tokens[user] = await stack.tokenFor(user);
    explain = new Client({ connectionString: stack.config.DATABASE_URL });
    await explain.connect();
    // Every SELECT the API sends while a list is being answered (the worker idles meanwhile).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (Client.prototype as any).query = function (this: Client, config: unknown, values?: unknown, cb?: unknown) {
      const text = typeof config === 'string' ? config : (config as { text?: string })?.text;
      const params = Array.isArray(values) ? values : ((config as { values?: unknown[] })?.values ?? []);
      if (captured && this !== explain && text && /^\s*SELECT/i.test(text)) captured.push({ text, values: params });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (original as any).call(this, config, values, cb);
    };
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await explain?.end();
    await stack?.stop();
  });

  it('no list or count reads a large table from end to end', async () => {
    await explain.query('ANALYZE');
    await explain.query('SET enable_seqscan = off');
    const found: string[] = [];
    let explained = 0;
    for (const [user, path] of LISTS) {
      captured = [];
      const res = await request(stack.app.getHttpServer())
        .get(`/api/v1${path}`)
        .set({ authorization: `Bearer ${tokens[user]}` });
      const queries = captured;
      captured = null;
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      for (const q of queries) {
        const result = await explain.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
          `EXPLAIN (FORMAT JSON) ${q.text}`,
          q.values,
        );
        explained++;
        for (const scan of seqScans(result.rows[0]!['QUERY PLAN'][0]!.Plan))
          found.push(
            `${user} GET ${path}: Seq Scan on ${scan['Relation Name']} (${scan.Filter ?? 'no filter'})\n  ${q.text.slice(0, 300)}`,
          );
      }
    }
    expect(explained).toBeGreaterThan(LISTS.length);
    expect(found).toEqual([]);
  });
});

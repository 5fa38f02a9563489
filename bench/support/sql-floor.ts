import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { canonicalJson } from '../../src/common/canonical-json';
import { notificationText } from '../../src/notifications/notification-messages';

// The floor of npm run bench:cases: the rows one SafetyNet case writes on the approve path,
// written through plain `pg` (one Pool, named prepared statements) in the same transactions,
// one per step, each audited row's audit entry in its transaction with its hash chain, into
// the same tables (so the same indexes, constraints and NOTIFY triggers run). What the
// application computes (the policy engine's explanation, notice texts) is prepared once: the
// floor pays for storing it, not for producing it. Reads are those a step needs to decide
// what to write (idempotency, the task a completion names, the facts a check works on).

const AUDIT_CHAIN_LOCK = 0x5afe7a0d; // as src/audit/audit-log.ts
const AUDIT_CHAINS = 16;
const GENESIS = '0'.repeat(64);

export interface FloorCase {
  applicationId: string;
  householdId: string;
  workflowId: string;
}

/** What the API and the activities write, by the step of the approve path that writes it. */
export type FloorWrite =
  | { kind: 'intake' }
  | { kind: 'openTask'; type: string; role: string; jurisdiction: string }
  | { kind: 'closeTask'; type: string; actorId: string; role: string }
  | { kind: 'event'; type: string; stage: string; actorId: string | null; homeVisit?: boolean }
  | { kind: 'readModel'; stage: string }
  | { kind: 'crossCheck' }
  | { kind: 'evaluate' }
  | { kind: 'publish' }
  | { kind: 'decision'; actorId: string; role: string }
  | { kind: 'cancelOpenTasks' };

export interface SqlFloorData {
  divisionCode: string;
  townshipCode: string;
  countyCode: string;
  facts: unknown;
  /** The policy engine's explanation for `facts` (stored as the real evaluation stores it). */
  explanation: unknown;
  noticeText: string;
}

function chainFor(targetId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < targetId.length; i++) h = Math.imul(h ^ targetId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % AUDIT_CHAINS;
}

const S = {
  lock: 'SELECT pg_advisory_xact_lock($1::int4, $2::int4)',
  audit: `INSERT INTO audit_log (at, actor_id, role, action, target_type, target_id, reason, request_id, details, chain, prev_hash, hash)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::int2, p.h, encode(sha256(convert_to('["' || p.h || '",' || $11, 'UTF8')), 'hex')
    FROM (SELECT coalesce((SELECT hash FROM audit_log WHERE chain = $10::int2 ORDER BY seq DESC LIMIT 1), '${GENESIS}') AS h) p
    RETURNING seq`,
  household: `INSERT INTO household (id, division_code, area, address, created_by) VALUES ($1, $2, 'URBAN', $3, 'bench')`,
  householdDivision: 'SELECT division_code FROM household WHERE id = $1',
  idempotency: `INSERT INTO idempotency_record (actor_id, key, route, request_hash) VALUES ($1, $2, 'POST /api/v1/applications', $3)`,
  openApplication: `SELECT id FROM application WHERE household_id = $1 AND category = 'MINIMUM_LIVING' AND stage NOT IN ('ENROLLED','REFUSED','WITHDRAWN','CLOSED','TERMINATED') LIMIT 1`,
  application: `INSERT INTO application (id, household_id, category, channel, stage, workflow_id, township_code, county_code, submitted_by, idempotency_key, facts, receipt_code, updated_at)
    VALUES ($1, $2, 'MINIMUM_LIVING', 'ON_BEHALF', 'SUBMITTED', $3, $4, $5, 'demo-village-assistant', $6, $7::jsonb, $8, now())`,
  intakeUpsert: `INSERT INTO application (id, household_id, category, channel, stage, workflow_id, township_code, county_code, submitted_by, updated_at)
    VALUES ($1, $2, 'MINIMUM_LIVING', 'ON_BEHALF', 'SUBMITTED', $3, $4, $5, 'demo-village-assistant', now()) ON CONFLICT (id) DO NOTHING`,
  event: `INSERT INTO application_event (application_id, event_key, type, stage, actor_id, reason) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (application_id, event_key) DO NOTHING`,
  intakeRecorded: 'UPDATE application SET intake_recorded_at = now(), updated_at = now() WHERE id = $1',
  task: `INSERT INTO task (id, task_key, type, application_id, case_kind, workflow_id, candidate_role, jurisdiction, county_code, township_code, priority, due_at, due_provisional)
    VALUES ($1, $2, $3, $4, 'APPLICATION', $5, $6::"Role", $7, $8, $9, 0, $10, false) ON CONFLICT (workflow_id, task_key) DO NOTHING`,
  turn: 'UPDATE application SET turn_role = $2, stage_due_at = $3, updated_at = now() WHERE id = $1',
  notification: `INSERT INTO notification (id, kind, recipient_role, jurisdiction, task_id, message) VALUES ($1, 'TASK_OPENED', $2::"Role", $3, $4, $5)`,
  pendingSms: `SELECT id, recipient_user_id, recipient_role, jurisdiction, message FROM notification WHERE task_id = $1 AND sms_sent_at IS NULL ORDER BY created_at`,
  sms: 'INSERT INTO sms_message (id, notification_id, recipient, text) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
  smsSent: 'UPDATE notification SET sms_sent_at = now() WHERE id = $1',
  findTask: `SELECT id, application_id, workflow_id, type, candidate_role, status, jurisdiction, assignee FROM task WHERE application_id = $1 AND type = $2 AND status IN ('OPEN','CLAIMED')`,
  closeTask: `UPDATE task SET status = 'DONE', outcome = $2, completed_by = $3, completed_at = now() WHERE id = $1 AND status IN ('OPEN','CLAIMED')`,
  homeVisit: `INSERT INTO home_visit (application_id, event_key, kind, investigators, findings, household_signed, recorded_by, recorded_role)
    VALUES ($1, $2, 'HOUSEHOLD', $3, $4, true, $5, 'TOWNSHIP_CASEWORKER') ON CONFLICT DO NOTHING`,
  stage: 'UPDATE application SET stage = $2, overdue = false, updated_at = now() WHERE id = $1',
  facts: 'SELECT facts, facts_version, household_id, category FROM application WHERE id = $1',
  records: `SELECT DISTINCT ON (m.id, b.source) m.name, b.source, b.id AS batch_id, b.uploaded_at, r.event_date, r.fields
    FROM member m JOIN data_batch_row r ON r.id_number_hmac = m.id_number_hmac JOIN data_batch b ON b.id = r.batch_id
    WHERE m.household_id = $1::uuid ORDER BY m.id, b.source, r.event_date DESC, b.uploaded_at DESC`,
  enrolledCategories: `SELECT DISTINCT category FROM enrolled_case WHERE household_id = $1 AND status <> 'EXITED'`,
  explanation: 'UPDATE application SET explanation = $2::jsonb, updated_at = now() WHERE id = $1',
  publish: `UPDATE application SET stage = 'PUBLICITY', stage_due_at = $2, turn_role = NULL, updated_at = now() WHERE id = $1`,
  decisionExists: 'SELECT application_id FROM decision WHERE application_id = $1',
  wholeApplication: 'SELECT * FROM application WHERE id = $1',
  decision: `INSERT INTO decision (application_id, outcome, category, monthly_amount, engine_amount, reasons, explanation, parameter_versions, facts_version, facts, decided_by, decided_role, decided_at)
    SELECT id, 'APPROVED', category, 300, 300, '[]'::jsonb, explanation, explanation->'parametersUsed', facts_version, facts, $2, $3, now() FROM application WHERE id = $1`,
  enrolled: `INSERT INTO enrolled_case (id, application_id, household_id, category, monthly_amount, members_included, start_month, county_code)
    VALUES ($1, $2, $3, 'MINIMUM_LIVING', 300, '["p1","p2"]'::jsonb, '2027-01', $4)`,
  notice: `INSERT INTO notice (application_id, notice_key, kind, text) VALUES ($1, 'decision', 'DECISION_APPROVED', $2)`,
  enrolledStage: `UPDATE application SET stage = 'ENROLLED', turn_role = NULL, stage_due_at = NULL, updated_at = now() WHERE id = $1`,
  cancelOpen: `UPDATE task SET status = 'CANCELLED', outcome = 'CASE_CLOSED', completed_at = now() WHERE application_id = $1 AND workflow_id = $2 AND status IN ('OPEN','CLAIMED')`,
} as const;

type Statement = keyof typeof S;

export interface SqlFloor {
  /** The API's part of a submission: the household (as the bench's staff create it), the application and its audit row. */
  submit(c: FloorCase, key: string): Promise<void>;
  /** The API's part of a completion: the task the staff member completes, read to authorise the call. */
  findTask(c: FloorCase, type: string): Promise<void>;
  /** One activity's writes. */
  write(c: FloorCase, w: FloorWrite): Promise<void>;
  close(): Promise<void>;
}

export function createSqlFloor(url: string, data: SqlFloorData): SqlFloor {
  // node-postgres's default pool size, as Prisma's adapter uses it.
  const pool = new Pool({ connectionString: url, max: 10 });
  const q = (db: Pool | PoolClient, name: Statement, values: unknown[]) => db.query({ name, text: S[name], values });
  const explanation = JSON.stringify(data.explanation);
  const facts = JSON.stringify(data.facts);

  async function tx(work: (db: PoolClient, audit: (a: AuditRow) => Promise<void>) => Promise<void>) {
    const db = await pool.connect();
    let chain: number | null = null;
    const audit = async (a: AuditRow) => {
      if (chain === null) {
        chain = chainFor(a.targetId);
        await q(db, 'lock', [AUDIT_CHAIN_LOCK, chain]);
      }
      const at = new Date();
      const details = a.details === undefined ? null : JSON.stringify(a.details);
      const fields = [at.toISOString(), a.actorId, a.role, a.action, a.targetType, a.targetId, a.reason ?? null, null];
      const rest = canonicalJson([...fields, a.details ?? null, chain]).slice(1);
      await q(db, 'audit', [
        at,
        a.actorId,
        a.role,
        a.action,
        a.targetType,
        a.targetId,
        a.reason ?? null,
        null,
        details,
        chain,
        rest,
      ]);
    };
    try {
      await db.query('BEGIN');
      await work(db, audit);
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    } finally {
      db.release();
    }
  }

  const event = async (
    db: PoolClient,
    audit: (a: AuditRow) => Promise<void>,
    c: FloorCase,
    e: { key: string; type: string; stage: string; actorId: string | null; reason: string | null },
  ) => {
    const inserted = await q(db, 'event', [c.applicationId, e.key, e.type, e.stage, e.actorId, e.reason]);
    if (inserted.rowCount === 0) return false;
    await audit({
      actorId: e.actorId ?? 'system',
      role: e.actorId ? 'TOWNSHIP_CASEWORKER' : 'SYSTEM',
      action: `APPLICATION_${e.type}`,
      targetType: 'Application',
      targetId: c.applicationId,
      reason: e.reason,
    });
    return true;
  };

  const steps: { [K in FloorWrite['kind']]: (c: FloorCase, w: Extract<FloorWrite, { kind: K }>) => Promise<void> } = {
    intake: (c) =>
      tx(async (db, audit) => {
        await q(db, 'intakeUpsert', [c.applicationId, c.householdId, c.workflowId, data.townshipCode, data.countyCode]);
        const key = { key: 'intake', type: 'INTAKE_RECORDED', stage: 'SUBMITTED', actorId: 'demo-village-assistant' };
        if (await event(db, audit, c, { ...key, reason: null })) await q(db, 'intakeRecorded', [c.applicationId]);
      }),
    openTask: async (c, w) => {
      const taskId = randomUUID();
      const dueAt = new Date(Date.now() + 7 * 86_400_000);
      await tx(async (db, audit) => {
        const inserted = await q(db, 'task', [
          taskId,
          `${w.type}#${randomUUID()}`,
          w.type,
          c.applicationId,
          c.workflowId,
          w.role,
          w.jurisdiction,
          data.countyCode,
          data.townshipCode,
          dueAt,
        ]);
        if (inserted.rowCount === 0) return;
        await q(db, 'turn', [c.applicationId, w.role, dueAt]);
        await audit({
          actorId: 'system',
          role: 'SYSTEM',
          action: 'TASK_OPENED',
          targetType: 'Task',
          targetId: taskId,
          details: {
            type: w.type,
            applicationId: c.applicationId,
            candidateRole: w.role,
            jurisdiction: w.jurisdiction,
            dueAt: dueAt.toISOString(),
          },
        });
        await q(db, 'notification', [
          randomUUID(),
          w.role,
          w.jurisdiction,
          taskId,
          notificationText('TASK_OPENED', dueAt),
        ]);
      });
      // The text message, after the commit.
      const pending = await q(pool, 'pendingSms', [taskId]);
      for (const n of pending.rows as { id: string; recipient_role: string; jurisdiction: string; message: string }[]) {
        await q(pool, 'sms', [randomUUID(), n.id, `${n.recipient_role}@${n.jurisdiction}`, n.message]);
        await q(pool, 'smsSent', [n.id]);
      }
    },
    closeTask: (c, w) =>
      tx(async (db, audit) => {
        const found = await q(db, 'findTask', [c.applicationId, w.type]);
        const task = found.rows[0] as { id: string } | undefined;
        if (!task) throw new Error(`下限基准：案件 ${c.applicationId} 没有未办结的 ${w.type} 任务`);
        const closed = await q(db, 'closeTask', [task.id, w.type, w.actorId]);
        if (closed.rowCount === 0) return;
        await audit({
          actorId: w.actorId,
          role: w.role,
          action: 'TASK_COMPLETED',
          targetType: 'Task',
          targetId: task.id,
          details: { type: w.type, applicationId: c.applicationId, outcome: w.type },
        });
      }),
    event: (c, w) =>
      tx(async (db, audit) => {
        const key = `ACTION_${w.type}#${randomUUID()}`;
        await event(db, audit, c, {
          key,
          type: `ACTION_${w.type}`,
          stage: w.stage,
          actorId: w.actorId,
          reason: w.type,
        });
        if (!w.homeVisit) return;
        const visit = await q(db, 'homeVisit', [
          c.applicationId,
          key,
          ['李调查', '王调查'],
          '家中无大额财产',
          w.actorId,
        ]);
        if (visit.rowCount === 0) return;
        await audit({
          actorId: w.actorId ?? 'system',
          role: 'TOWNSHIP_CASEWORKER',
          action: 'HOME_VISIT_RECORDED',
          targetType: 'Application',
          targetId: c.applicationId,
          details: {
            eventKey: key,
            kind: 'HOUSEHOLD',
            investigators: 2,
            householdSigned: true,
            selfCareAssessed: false,
          },
        });
      }),
    readModel: async (c, w) => {
      await q(pool, 'stage', [c.applicationId, w.stage]);
    },
    crossCheck: async (c) => {
      await q(pool, 'facts', [c.applicationId]);
      const records = await q(pool, 'records', [c.householdId]);
      await tx((db, audit) =>
        event(db, audit, c, {
          key: `cross-check#${randomUUID()}`,
          type: 'CROSS_CHECK_COMPLETED',
          stage: 'INVESTIGATION',
          actorId: null,
          reason: `县级信息核对：${records.rowCount ?? 0} 条记录`,
        }).then(() => undefined),
      );
    },
    evaluate: async (c) => {
      await q(pool, 'facts', [c.applicationId]);
      await q(pool, 'enrolledCategories', [c.householdId]);
      await tx(async (db, audit) => {
        await q(db, 'explanation', [c.applicationId, explanation]);
        await event(db, audit, c, {
          key: `evaluated#${randomUUID()}`,
          type: 'POLICY_EVALUATED',
          stage: 'REVIEW',
          actorId: null,
          reason: '政策测算：符合，月保障金额 300.00 元',
        });
      });
    },
    publish: (c) =>
      tx(async (db, audit) => {
        const endsAt = new Date(Date.now() + 1000);
        await q(db, 'publish', [c.applicationId, endsAt]);
        await event(db, audit, c, {
          key: 'publicity#1',
          type: 'PUBLICITY_STARTED',
          stage: 'PUBLICITY',
          actorId: null,
          reason: `第 1 次公示，至 ${endsAt.toISOString()}`,
        });
      }),
    decision: (c, w) =>
      tx(async (db, audit) => {
        if ((await q(db, 'decisionExists', [c.applicationId])).rowCount) return;
        await q(db, 'wholeApplication', [c.applicationId]);
        await q(db, 'decision', [c.applicationId, w.actorId, w.role]);
        await q(db, 'enrolled', [randomUUID(), c.applicationId, c.householdId, data.countyCode]);
        await q(db, 'notice', [c.applicationId, data.noticeText]);
        await q(db, 'enrolledStage', [c.applicationId]);
        await event(db, audit, c, {
          key: 'decision',
          type: 'CONFIRMED',
          stage: 'ENROLLED',
          actorId: w.actorId,
          reason: '月保障金额 300.00 元',
        });
      }),
    cancelOpenTasks: async (c) => {
      await q(pool, 'cancelOpen', [c.applicationId, c.workflowId]);
    },
  };

  return {
    async submit(c, key) {
      await pool.query({
        name: 'household',
        text: S.household,
        values: [c.householdId, data.divisionCode, '基准测试户'],
      });
      await q(pool, 'householdDivision', [c.householdId]);
      await tx(async (db, audit) => {
        await q(db, 'idempotency', ['demo-village-assistant', key, randomUUID()]);
        await q(db, 'openApplication', [c.householdId]);
        await q(db, 'application', [
          c.applicationId,
          c.householdId,
          c.workflowId,
          data.townshipCode,
          data.countyCode,
          key,
          facts,
          randomUUID().slice(0, 12),
        ]);
        await audit({
          actorId: 'demo-village-assistant',
          role: 'VILLAGE_ASSISTANT',
          action: 'APPLICATION_SUBMITTED',
          targetType: 'Application',
          targetId: c.applicationId,
          details: { category: 'MINIMUM_LIVING', channel: 'ON_BEHALF', closeRelativeFlag: false },
        });
      });
    },
    async findTask(c, type) {
      await q(pool, 'findTask', [c.applicationId, type]);
    },
    write: (c, w) => (steps[w.kind] as (c: FloorCase, w: FloorWrite) => Promise<void>)(c, w),
    close: () => pool.end(),
  };
}

interface AuditRow {
  actorId: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

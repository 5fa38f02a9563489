import { z } from 'zod';
import { Text } from './text';

// The audit trail as the audit administrator (AUDITOR) reads it: a search over the rows, and
// the checkpoints of the chains' heads that the checkpoint workflow keeps in Temporal.

/** The largest page the search serves: the trail is read page by page, never dumped. */
export const AUDIT_PAGE_SIZE_MAX = 200;

const INSTANT_MESSAGE = '须为带时区的 ISO 8601 时间，如 2026-12-01T00:00:00+08:00';
const Instant = z.iso
  .datetime({ offset: true, error: INSTANT_MESSAGE, abort: true })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: INSTANT_MESSAGE, abort: true })
  // PostgreSQL has no year 0, and a year past 9999 (after the offset) does not print as ISO.
  .refine((s) => Date.parse(s) >= Date.UTC(1970, 0, 1) && Date.parse(s) <= Date.UTC(9999, 11, 31, 23, 59, 59), {
    error: '时间须在 1970 年至 9999 年之间',
  });

/** GET /api/v1/audit: every filter optional, newest rows first. */
export const AuditQuery = z
  .strictObject({
    /** The acting user's id (or system:workflow). */
    actor: Text({ max: 100 }).optional(),
    /** The target's id, e.g. a case's UUID or a schedule's id. */
    target: Text({ max: 200 }).optional(),
    targetType: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,49}$/, { error: '须为对象类型，如 Application' })
      .optional(),
    action: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, { error: '须为操作代码，如 APPLICATION_SUBMITTED' })
      .optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    page: z.coerce
      .number({ error: '页码须为整数' })
      .int({ error: '页码须为整数' })
      .min(1, { error: '页码至少为 1' })
      .max(10_000, { error: '页码最大为 10000，请缩小时间范围' })
      .default(1),
    pageSize: z.coerce
      .number({ error: '每页条数须为整数' })
      .int({ error: '每页条数须为整数' })
      .min(1, { error: '每页条数至少为 1' })
      .max(AUDIT_PAGE_SIZE_MAX, { error: `每页条数最多 ${AUDIT_PAGE_SIZE_MAX}` })
      .default(50),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) > Date.parse(q.to))
      ctx.addIssue({ code: 'custom', path: ['from'], message: '开始时间不得晚于结束时间' });
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The newest row of one chain: its sequence number (as text: bigint) and hash. */
export interface ChainHead {
  chain: number;
  seq: string;
  hash: string;
}

/** A head a checkpoint recorded that the database no longer holds as recorded. */
export interface CheckpointFinding {
  chain: number;
  seq: string;
  hash: string;
  /** MISSING: no row with that seq in the chain (deleted); CHANGED: the row's hash differs. */
  found: 'MISSING' | 'CHANGED';
  /** The checkpoint that recorded the head. */
  checkpointId: string;
}

/** What the checkpoint activity reads: the heads now, the period to wait, and any earlier head gone. */
export interface AuditCheckpointReading {
  at: string;
  heads: ChainHead[];
  periodMinutes: number;
  findings: CheckpointFinding[];
}

export interface AuditCheckpoint {
  /** `<workflowId>/<number>`: numbered across continue-as-new. */
  id: string;
  number: number;
  at: string;
  heads: ChainHead[];
}

/** The checkpoint workflow's input, carried across continue-as-new so the newest run's history holds it. */
export interface AuditCheckpointInput {
  latest: AuditCheckpoint | null;
  /** Every head found missing or changed so far: kept for good (the database can no longer show them). */
  findings: CheckpointFinding[];
  /** Rounds in a row whose reading failed after its retries (0 once one succeeds); absent before it was carried. */
  missed?: number;
}

export interface AuditCheckpointState extends AuditCheckpointInput {
  workflowId: string;
  runId: string;
}

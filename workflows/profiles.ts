import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

// Timeout and retry profiles, named once (architecture.md rule 6).

/**
 * Database writes: short, retried with backoff; business refusals are non-retryable. The
 * retries are bounded (about 7 minutes in all): a step still failing then raises an
 * incident a person sees (workflows/shared/incidents.ts) instead of retrying out of sight.
 */
export const RECORDING: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 12 },
};

/** Writing an incident is the last resort: it retries until the database is back. */
export const INCIDENT_RECORDING: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/** A campaign batch signals up to a minute's worth of cases at its rate; the heartbeat shows it is alive. */
export const CAMPAIGN_BATCH: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 12 },
};

/**
 * Matching a staged department batch: one transaction over all its rows (a million-row batch
 * takes seconds to a minute on a busy machine, past RECORDING's 30 s); no heartbeat, as the
 * work is one SQL transaction, and a retry finds the counts stored.
 */
export const BATCH_MATCHING: ActivityOptions = {
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 12 },
};

/** Signalling the running cases after a holiday-schedule load; the heartbeat shows it is alive. */
export const CALENDAR_SWEEP: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 12 },
};

/**
 * The same writes run as local activities, inside the workflow task (a case's step writes:
 * each is one short transaction). Retries past the threshold wait on a durable timer.
 */
export const LOCAL_RECORDING: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 12 },
};

/** A what-if page: a few hundred evaluations and one insert; bounded retries, then the run is FAILED. */
export const SIMULATION_PAGE_RUN: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
};

/**
 * Reading the audit chains' heads: a read, retried with the same bounded schedule as the
 * writes (about 7 minutes); the checkpoint workflow counts a round that still failed as
 * missed (shown by the verification) and tries again after AUDIT_CHECKPOINT_RETRY_DELAY.
 */
export const AUDIT_CHECKPOINT: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 12 },
};

/** After a missed checkpoint round: a final (data) failure must not make the workflow spin. */
export const AUDIT_CHECKPOINT_RETRY_DELAY = '5 minutes';

/** The monthly fund check: one transaction per county, retried while the database is away. */
export const FUND_CHECK: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
};

/** A county's outreach round: one transaction per page of households, retried while the database is away. */
export const OUTREACH_ROUND: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
};

/**
 * A crypto-migration batch: a few hundred rows re-sealed in one transaction, heartbeating.
 * Retried without a limit: a batch is idempotent (its cursor moves in its transaction) and
 * a run left half-way keeps rows of two suites, so it carries on once the cause is fixed;
 * an unknown key or a tampered value fails at once (non-retryable).
 */
export const CRYPTO_MIGRATION_BATCH: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

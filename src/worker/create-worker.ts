import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createApplicationActivities } from '../applications/application.activities';
import { DepartmentDataCrossCheck } from '../applications/department-cross-check';
import { createAdjustmentCaseActivities } from '../enrolment/adjustment.activities';
import { createEnrolmentActivities } from '../enrolment/enrolment.activities';
import { createEnrolmentStarter } from '../enrolment/enrolment.starter';
import type { ParameterStore } from '../policy';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { createParameterChangeActivities } from '../policy-admin/parameter-change.activities';
import { createSimulationActivities } from '../policy-admin/simulation.activities';
import { createStandardAdjustmentActivities } from '../policy-admin/standard-adjustment.activities';
import { LiveCalendar } from '../calendar/live-calendar';
import { createCalendarActivities } from '../calendar/calendar.activities';
import { DEFAULT_MAX_CACHED_WORKFLOWS, type WorkerConfig } from '../config/config';
import type { PrismaClient } from '../prisma/prisma-client';
import { createCampaignActivities } from '../recheck-campaigns/campaign.activities';
import { createTaskActivities } from '../tasks/task.activities';
import { createEmergencyActivities } from '../emergency/emergency.activities';
import { createDeliberationActivities } from '../deliberation/deliberation.activities';
import { createIncidentActivities } from '../incidents/incident.activities';
import { createWarningActivities } from '../monitoring/warnings/warning.activities';
import { createComplaintActivities } from '../supervision/complaints/complaint.activities';
import { createRecoveryActivities } from '../supervision/recovery/recovery.activities';
import { createReferralActivities } from '../assistance/referral.activities';
import { createWarningReferralActivities } from '../assistance/warning-referral.activities';
import { createWarningApplicationActivities } from '../monitoring/warnings/warning-application.activities';
import { openCaseChangeReferrals } from '../assistance/case-change-referrals';
import { createAuditCheckpointActivities } from '../audit/audit-checkpoint.activities';
import { createFundCheckActivities } from '../funds/fund-check.activities';
import { createOutreachRoundActivities } from '../monitoring/outreach/outreach-round.activities';
import { createPolicyNotAppliedActivities } from '../monitoring/warnings/policy-not-applied.activities';
import { createCryptoMigrationActivities } from '../crypto-migration/crypto-migration.activities';
import type { PiiCipher } from '../registry/pii-cipher';
import { campaignLane } from '../core/contracts/recheck-campaign';
import { dataConverterFor, type PayloadKeyConfig } from '../temporal/data-converter';
import { withFinalDataErrors } from './data-errors';

/** Built at `npm run build` (scripts/bundle-workflows.mjs); a failed bundle fails the build. */
const PREBUILT_BUNDLE = join(__dirname, '..', '..', 'workflow-bundle.js');

export interface ActivityDeps {
  prisma: PrismaClient;
  /** Policy parameters in force: the live store read from the database unless the caller supplies another (e.g. a test's fixed set). */
  parameters?: ParameterStore;
  /** The working-day calendar; by default the built-in years with the schedules loaded into the database. */
  calendar?: LiveCalendar;
  /**
   * A Temporal client and task queue to start each enrolled case's workflow at enrolment and
   * to signal cases from a recheck campaign; without it neither runs.
   */
  temporal?: { client: Client; taskQueue: string; paymentLeadDays?: number };
  /** The personal-data cipher (CRYPTO_SUITE and keys) for the crypto migration; without it that migration fails at once. */
  pii?: PiiCipher;
  /** Drill mode (SAFETYNET_DRILL): what the workflows open themselves (an application from a warning) is marked so. */
  drill?: boolean;
}

/**
 * Every feature's activities, gathered here (not in temporal/) so arrows point down; a data
 * error (PostgreSQL class 22/23) or a policy-engine refusal fails any of them at once
 * instead of retrying forever (and so raises an incident a person sees).
 */
export function createActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  // Not started here (a factory stays synchronous): createWorker starts it before polling.
  const parameters = deps.parameters ?? new LiveParameterStore(prisma);
  const calendar = deps.calendar ?? new LiveCalendar(prisma);
  const onEnrolled = deps.temporal ? createEnrolmentStarter({ prisma, parameters, ...deps.temporal }) : undefined;
  // What starts workflows from an activity (referrals, warnings): the client and the main queue.
  const starts = deps.temporal ? { client: deps.temporal.client, taskQueue: deps.temporal.taskQueue } : undefined;
  return withFinalDataErrors({
    ...createApplicationActivities({
      prisma,
      parameters,
      calendar,
      crossCheck: new DepartmentDataCrossCheck(prisma),
      ...(onEnrolled ? { onEnrolled } : {}),
    }),
    ...createTaskActivities({ prisma }),
    ...createEnrolmentActivities({
      prisma,
      parameters,
      calendar,
      ...(starts
        ? { onCaseKept: (kept) => openCaseChangeReferrals({ prisma, parameters, temporal: starts }, kept) }
        : {}),
    }),
    ...createAdjustmentCaseActivities({ prisma }),
    ...(deps.temporal ? createCampaignActivities({ prisma, client: deps.temporal.client }) : {}),
    ...(deps.temporal ? createCalendarActivities({ prisma, client: deps.temporal.client, calendar }) : {}),
    ...createEmergencyActivities({ prisma, parameters }),
    ...createDeliberationActivities({ prisma }),
    ...createIncidentActivities({ prisma }),
    ...createWarningActivities({
      prisma,
      parameters,
      ...(deps.temporal ? { temporal: { client: deps.temporal.client, taskQueue: deps.temporal.taskQueue } } : {}),
    }),
    ...createReferralActivities({
      prisma,
      ...(deps.temporal ? { temporal: { client: deps.temporal.client, taskQueue: deps.temporal.taskQueue } } : {}),
    }),
    ...createWarningReferralActivities({ prisma, parameters, ...(starts ? { temporal: starts } : {}) }),
    ...createWarningApplicationActivities({
      prisma,
      parameters,
      ...(starts ? { temporal: starts } : {}),
      drill: deps.drill ?? false,
    }),
    ...createParameterChangeActivities({ prisma, parameters }),
    ...createSimulationActivities({ prisma, parameters }),
    ...(deps.temporal ? createStandardAdjustmentActivities({ prisma, parameters, client: deps.temporal.client }) : {}),
    ...createAuditCheckpointActivities({ prisma, parameters }),
    ...createComplaintActivities({ prisma, ...(starts ? { temporal: starts } : {}) }),
    ...createRecoveryActivities({ prisma, parameters }),
    ...createFundCheckActivities({ prisma, parameters }),
    ...createOutreachRoundActivities({ prisma, parameters }),
    ...createPolicyNotAppliedActivities({ prisma, parameters, ...(starts ? { temporal: starts } : {}) }),
    ...createCryptoMigrationActivities({ prisma, ...(deps.pii ? { pii: deps.pii } : {}) }),
  });
}

function workflowCode(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  return existsSync(PREBUILT_BUNDLE)
    ? { workflowBundle: { codePath: PREBUILT_BUNDLE } }
    : { workflowsPath: require.resolve('../../workflows') };
}

/** What a worker needs from the configuration: where it polls, and the payload keys. */
export type WorkerSetup = Pick<WorkerConfig, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'> &
  Partial<Pick<WorkerConfig, 'WORKER_MAX_CACHED_WORKFLOWS'>> &
  PayloadKeyConfig;

export async function createWorker(
  config: WorkerSetup,
  deps: ActivityDeps & { connection: NativeConnection },
  overrides: Partial<WorkerOptions> = {},
): Promise<Worker> {
  if (!deps.parameters) {
    const parameters = new LiveParameterStore(deps.prisma);
    // A worker may start before the API has migrated the database: the shipped set answers meanwhile.
    await parameters.start({ tolerant: true });
    deps = { ...deps, parameters };
  }
  return Worker.create({
    connection: deps.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities(deps),
    // Most activities hold a database transaction: more at once than the pool's connections
    // (node-postgres: 10) only wait for one and time out (P2028). Queued in Temporal instead.
    maxConcurrentActivityTaskExecutions: 20,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    // Codecs run here, outside the workflow sandbox: workflow code sees clear values.
    dataConverter: dataConverterFor(config),
    ...workflowCode(),
    ...overrides,
  });
}

/**
 * The campaigns' lane (contracts/recheck-campaign.ts): campaign workflows and their
 * select-signal-record activities on a queue of their own, so a campaign keeps its pace
 * while the rechecks it started queue on the main one. A few activity slots: one long
 * batch runs per running campaign.
 */
async function createCampaignLaneWorker(
  config: WorkerSetup,
  deps: { prisma: PrismaClient; connection: NativeConnection; client: Client },
): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: campaignLane(config.TEMPORAL_TASK_QUEUE),
    activities: withFinalDataErrors({
      ...createCampaignActivities({ prisma: deps.prisma, client: deps.client }),
      ...createIncidentActivities({ prisma: deps.prisma }),
    }),
    maxConcurrentActivityTaskExecutions: 4,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    dataConverter: dataConverterFor(config),
    ...workflowCode(),
  });
}

export type WorkerQueue = WorkerConfig['WORKER_QUEUES'][number];

/** The workers of one process (WORKER_QUEUES): the main queue's, the campaigns' lane's, or both. */
export function createWorkers(
  config: WorkerSetup,
  deps: ActivityDeps & { connection: NativeConnection },
  queues: readonly WorkerQueue[],
  mainOverrides: Partial<WorkerOptions> = {},
): Promise<Worker[]> {
  return Promise.all(
    queues.map((queue) => {
      if (queue === 'main') return createWorker(config, deps, mainOverrides);
      // The lane signals cases: it needs the client the main worker may do without.
      if (!deps.temporal) throw new Error('复核批次任务队列需要 Temporal 客户端（deps.temporal）');
      return createCampaignLaneWorker(config, {
        prisma: deps.prisma,
        connection: deps.connection,
        client: deps.temporal.client,
      });
    }),
  );
}

import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { AuditCheckpointState } from '../core/contracts/audit';
import { auditCheckpointQuery } from '../core/messages';
import { AUDIT_CHECKPOINT_WORKFLOW_ID } from '../core/workflow-ids';
import { auditCheckpointWorkflow } from '../../workflows/audit-checkpoint.workflow';

/** How long the verification waits for the checkpoint workflow's answer (a worker must be up to answer a query). */
const QUERY_DEADLINE_MS = 5_000;
/** How long the start at boot keeps retrying while Temporal is away (the next boot tries again). */
const START_DEADLINE_MS = 5_000;

/**
 * The checkpoint workflow runs for good under one id: every API process starts it on boot,
 * and whichever start comes second finds it running (idempotent). Not awaited, so the API
 * serves (and /health reports Temporal down) when Temporal is away at boot; the verification
 * then reports the checkpoint UNAVAILABLE and the next boot starts it.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpoints.name);
  /** The start in flight: the client retries on a timer, which must not fire after the connection closed. */
  private starting: Promise<void> = Promise.resolve();

  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.starting = this.ensureStarted().catch((error: unknown) =>
      this.logger.warn({ err: error }, '审计日志检查点流程未能启动，稍后重启服务时将再次尝试'),
    );
  }

  /** Before the Temporal connection closes (onApplicationShutdown): the start's retries end first (bounded by its deadline). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
  }

  async ensureStarted(): Promise<void> {
    try {
      await this.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        this.temporal.workflow.start(auditCheckpointWorkflow, {
          workflowId: AUDIT_CHECKPOINT_WORKFLOW_ID,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [{ latest: null, findings: [] }],
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** The newest checkpoint and the findings so far, or null when Temporal or the worker does not answer. */
  async newest(): Promise<AuditCheckpointState | null> {
    try {
      return await this.temporal.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        this.temporal.workflow.getHandle(AUDIT_CHECKPOINT_WORKFLOW_ID).query(auditCheckpointQuery),
      );
    } catch (error) {
      this.logger.warn({ err: error }, '未能读取审计日志检查点');
      return null;
    }
  }
}

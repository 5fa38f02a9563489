import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowIdReusePolicy } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import { refuse } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { cstDate } from '../core/clock';
import { countyOf } from '../core/contracts/division';
import {
  fundCheckWorkflowId,
  type FundCheckRequest,
  type FundDiscrepancyResolution,
  type FundFinding,
} from '../core/contracts/funds';
import type { Actor } from '../core/contracts/roles';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { PrismaClient } from '../prisma/prisma-client';
import { taskNotOpen, type TaskView } from '../tasks/task.repository';
import { fundCheckWorkflow } from '../../workflows/fund-check.workflow';
import { paymentDeadlineOrRefuse } from './fund-month';
import { fundCheckOf, taskClose } from './funds.repository';

/** The monthly fund check seen from the API: a manual run for a month, its list, and the close of its task. */
@Injectable()
export class FundCheckService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
  ) {}

  /**
   * Runs the check of the caller's county for a month whose deadline is over (the first run
   * after install, or after a correction) and answers with its result. The same workflow id
   * per county and month: a run in flight is joined, not doubled.
   */
  async run(actor: Actor, body: FundCheckRequest, requestId: string) {
    const countyCode = countyOf(actor.jurisdiction);
    const deadline = paymentDeadlineOrRefuse(this.parameters, countyCode, body.month);
    const today = cstDate(new Date().toISOString());
    if (today <= deadline)
      refuse(
        'FUND_CHECK_TOO_EARLY',
        `${body.month} 月保障金的发放截止日为 ${deadline}，截止日过后才能核查（今天是 ${today}）`,
      );
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'FUND_CHECK_STARTED',
        targetType: 'FundCheck',
        targetId: fundCheckWorkflowId(countyCode, body.month),
        requestId,
        details: { countyCode, month: body.month },
      }),
    );
    const result = await this.temporal.workflow.execute(fundCheckWorkflow, {
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowId: fundCheckWorkflowId(countyCode, body.month),
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ month: body.month, countyCode }],
    });
    return { ...result, check: await this.view(countyCode, body.month) };
  }

  /** The county's check of the month: deadline, when it ran, its task and the list. */
  async get(actor: Actor, month: string, county: string | undefined) {
    const countyCode = county ?? countyOf(actor.jurisdiction);
    assertJurisdiction(actor, countyCode);
    const view = await this.view(countyCode, month);
    if (!view) throw notFound('资金发放核查', `${countyCode} ${month}`);
    return view;
  }

  private async view(countyCode: string, month: string) {
    const c = await fundCheckOf(this.prisma, countyCode, month);
    if (!c) return null;
    return {
      id: c.id,
      countyCode: c.countyCode,
      month: c.month,
      deadline: c.deadline,
      checkedAt: c.checkedAt.toISOString(),
      taskId: c.taskId,
      findings: c.findings as unknown as FundFinding[],
    };
  }

  /** Completes a FUND_DISCREPANCY task (POST /api/v1/tasks/:id/complete): what was found and done, audited. */
  async resolveDiscrepancy(actor: Actor, task: TaskView, body: FundDiscrepancyResolution, requestId: string) {
    return this.prisma.$transaction(async (tx) => {
      if ((await taskClose(tx, task.id, 'RESOLVED', actor.userId)) === 0)
        throw taskNotOpen({ id: task.id, status: 'DONE' });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'TASK_COMPLETED',
        targetType: 'Task',
        targetId: task.id,
        requestId,
        reason: body.reason,
        details: { type: 'FUND_DISCREPANCY', outcome: 'RESOLVED', fundCheckId: task.caseId },
      });
      return { taskId: task.id, outcome: 'RESOLVED' };
    });
  }
}

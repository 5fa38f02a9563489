import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import {
  ENROLLED_STATUS_NAMES_ZH,
  MATERIAL_CHANGES,
  type EnrolledCaseState,
  type EnrolledStatus,
  type PaymentFailureResolution,
  type PaymentListQuery,
  type RecheckAction,
  type RecheckState,
  type Reconciliation,
  type ReportChange,
} from '../core/contracts/enrolment';
import type { Actor } from '../core/contracts/roles';
import { cstDate } from '../core/clock';
import { PrismaClient } from '../prisma/prisma-client';
import { isCountySupervisorOf, TaskRepository, taskNotOpen } from '../tasks/task.repository';
import {
  enrolledCaseStateQuery,
  recheckActUpdate,
  reportChangeSignal,
  resumeUpdate,
  suspendUpdate,
} from '../core/messages';
import type { EnrolledCaseListQuery } from './enrolment.dto';
import { EnrolmentRepository, type CaseLocation } from './enrolment.repository';
import { actorRef, refusalToHttp } from '../temporal/refusal';
import { IncidentRepository } from '../incidents/incident.repository';
import { refuse, refusal } from '../common/refusals';
import { enrolledCaseWorkflowId } from '../core/workflow-ids';

const RECHECK_TASKS = new Set(['RECHECK_INVESTIGATE', 'RECHECK_DECIDE']);

/** A refusal of the enrolment workflows, as HTTP; an Update to a workflow that has ended is an exited case. */
export const enrolmentRefusalToHttp = (error: unknown): unknown =>
  refusalToHttp(error, () => refusal('CASE_EXITED', '该案件的保障流程已结束，不能再执行此操作'));

const exited = () => refusal('CASE_EXITED', '该案件已退出保障，不能再报告变化或暂停、恢复');

@Injectable()
export class EnrolmentService {
  constructor(
    @Inject(EnrolmentRepository) private readonly cases: EnrolmentRepository,
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(IncidentRepository) private readonly incidents: IncidentRepository,
  ) {}

  private async located(actor: Actor, id: string): Promise<CaseLocation & { workflowId: string }> {
    const found = await this.cases.locate(id);
    if (!found) throw notFound('在保案件', id);
    assertJurisdiction(actor, found.divisionCode);
    return { ...found, workflowId: found.workflowId ?? enrolledCaseWorkflowId(found.id) };
  }

  /** The enrolled case: read model, payments, rechecks, change reports, open tasks and the workflow's own state. */
  async get(actor: Actor, id: string) {
    const where = await this.located(actor, id);
    const row = await this.cases.detail(where.id);
    if (!row) throw notFound('在保案件', id);
    const process = await this.temporal.workflow
      .getHandle(where.workflowId)
      .query(enrolledCaseStateQuery)
      .catch(() => null); // the read model stands on its own when Temporal is unreachable or the workflow has ended
    const workflowIds = [where.workflowId, ...row.rechecks.map((r) => r.workflowId)];
    const [openTasks, incidents] = await Promise.all([
      this.cases.openTasks(row.applicationId, workflowIds),
      this.incidents.ofWorkflows(...workflowIds),
    ]);
    return {
      ...row,
      statusName: ENROLLED_STATUS_NAMES_ZH[row.status as EnrolledStatus],
      openTasks,
      process,
      incidents,
    };
  }

  list(actor: Actor, q: EnrolledCaseListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    if (q.township) assertJurisdiction(actor, q.township);
    return this.cases.list(actor, q);
  }

  /**
   * A change report: stored and audited, then signalled to the case workflow in the same
   * transaction (a failed signal stores nothing). Material kinds start a recheck at once.
   */
  async reportChange(actor: Actor, id: string, body: ReportChange, requestId: string) {
    const c = await this.located(actor, id);
    if (c.status === 'EXITED') throw exited();
    const material = MATERIAL_CHANGES.has(body.kind);
    const changeReportId = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await this.cases.createChangeReport(tx, {
        id: changeReportId,
        enrolledCaseId: c.id,
        kind: body.kind,
        material,
        reportedBy: actor.userId,
        reportedRole: actor.role,
        details: {
          description: body.description,
          occurredOn: body.occurredOn ?? null,
          memberId: body.memberId ?? null,
        },
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'CHANGE_REPORTED',
        targetType: 'EnrolledCase',
        targetId: c.id,
        requestId,
        details: { changeReportId, kind: body.kind, material },
      });
      try {
        await this.temporal.workflow
          .getHandle(c.workflowId)
          .signal(reportChangeSignal, { changeReportId, kind: body.kind, material });
      } catch (error) {
        throw enrolmentRefusalToHttp(error);
      }
    });
    let next: string;
    if (!material) next = '已登记，不属于重大变化，不触发复核';
    else if (c.status === 'RECHECKING') next = '重大变化：当前复核结束后将立即再次复核';
    else if (c.status === 'SUSPENDED') next = '重大变化：案件暂停发放中，恢复后将立即复核';
    else next = '重大变化：已立即启动复核，乡镇经办人将收到复核调查任务';
    return {
      changeReportId,
      enrolledCaseId: c.id,
      kind: body.kind,
      material,
      recheck: material ? (c.status === 'ACTIVE' || c.status === 'PHASE_OUT' ? 'STARTED' : 'QUEUED') : 'NONE',
      message: next,
    };
  }

  /** Suspension and resumption by the county supervisor, through the workflow's Updates (validators have the last word). */
  async supervise(
    actor: Actor,
    id: string,
    which: 'suspend' | 'resume',
    reason: string,
    requestId: string,
  ): Promise<EnrolledCaseState> {
    const c = await this.located(actor, id);
    if (c.status === 'EXITED') throw exited();
    try {
      return await this.temporal.workflow
        .getHandle(c.workflowId)
        .executeUpdate(which === 'suspend' ? suspendUpdate : resumeUpdate, {
          args: [{ actor: actorRef(actor), requestId, reason }],
        });
    } catch (error) {
      throw enrolmentRefusalToHttp(error);
    }
  }

  /** Completes a RECHECK_INVESTIGATE or RECHECK_DECIDE task through the recheck workflow's Update. */
  async completeRecheckTask(
    actor: Actor,
    taskId: string,
    command: RecheckAction,
    requestId: string,
  ): Promise<RecheckState> {
    const task = await this.tasks.findVisible(actor, taskId, { countySupervisor: true });
    if (!RECHECK_TASKS.has(task.type)) {
      refuse('NOT_A_RECHECK_TASK', `任务类型 ${task.type} 不是复核任务，请使用 POST /api/v1/tasks/:id/complete`);
    }
    if (task.status !== 'OPEN' && task.status !== 'CLAIMED') throw taskNotOpen(task);
    if (task.status === 'CLAIMED' && task.assignee !== actor.userId && !isCountySupervisorOf(actor, task)) {
      refuse('TASK_CLAIMED_BY_OTHER', '该任务已由其他人认领，请先由其本人办理或由县级主管改派');
    }
    return this.sendRecheckAction(actor, task, command, requestId);
  }

  /** A recheck task's action, once its task and body are checked, through the recheck workflow's Update. */
  async sendRecheckAction(
    actor: Actor,
    task: { id: string; workflowId: string },
    command: RecheckAction,
    requestId: string,
  ): Promise<RecheckState> {
    try {
      return await this.temporal.workflow
        .getHandle(task.workflowId)
        .executeUpdate(recheckActUpdate, { args: [{ actor: actorRef(actor), requestId, taskId: task.id, command }] });
    } catch (error) {
      throw enrolmentRefusalToHttp(error);
    }
  }

  payments(actor: Actor, q: PaymentListQuery) {
    assertJurisdiction(actor, q.county);
    return this.cases.payments(q);
  }

  /**
   * Records the bank's answer for one instruction, audited in the same transaction.
   * PENDING → PAID or FAILED; FAILED → PAID (paid again after the failure, which closes the
   * PAYMENT_FAILED task); anything else is 409 ALREADY_RECONCILED. A FAILED one opens a
   * PAYMENT_FAILED task for the county officers of the county.
   */
  async reconcile(actor: Actor, paymentId: string, body: Reconciliation, requestId: string) {
    return this.prisma.$transaction(async (tx) => {
      const p = await this.cases.paymentForReconciliation(tx, paymentId);
      if (!p) throw notFound('支付指令', paymentId);
      assertJurisdiction(actor, p.countyCode);
      const from = body.status === 'PAID' ? (['PENDING', 'FAILED'] as const) : (['PENDING'] as const);
      const updated = await this.cases.reconcile(tx, p.id, from, {
        status: body.status,
        failureReason: body.status === 'FAILED' ? body.reason : p.failureReason,
        reconciledBy: actor.userId,
        ...(body.status === 'PAID'
          ? { paidAmount: p.amount, paidOn: cstDate(new Date().toISOString()), paidTimes: 1 }
          : {}),
      });
      if (updated === 0) {
        refuse(
          'ALREADY_RECONCILED',
          `该支付指令已登记为「${p.status === 'PAID' ? '已支付' : '支付失败'}」，不能再登记为「${body.status === 'PAID' ? '已支付' : '支付失败'}」`,
        );
      }
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: body.status === 'PAID' ? 'PAYMENT_RECONCILED_PAID' : 'PAYMENT_RECONCILED_FAILED',
        targetType: 'PaymentInstruction',
        targetId: p.id,
        reason: body.status === 'FAILED' ? body.reason : null,
        requestId,
        details: { enrolledCaseId: p.enrolledCaseId, month: p.month, previousStatus: p.status },
      });
      let taskId: string | null = null;
      // One task per failure: a reissued instruction may fail again.
      const failureTasks = `PAYMENT_FAILED#${p.id}#`;
      const workflowId = p.enrolledCase.workflowId ?? enrolledCaseWorkflowId(p.enrolledCaseId);
      if (body.status === 'FAILED') {
        taskId = randomUUID();
        const taskKey = `${failureTasks}${taskId}`;
        const app = await this.cases.applicationTownship(tx, p.enrolledCase.applicationId);
        await this.cases.openTask(tx, {
          id: taskId,
          taskKey,
          type: 'PAYMENT_FAILED',
          applicationId: p.enrolledCase.applicationId,
          workflowId,
          candidateRole: 'COUNTY_OFFICER',
          jurisdiction: p.countyCode,
          countyCode: p.countyCode,
          townshipCode: p.enrolledCase.townshipCode ?? app.townshipCode,
          priority: 1,
        });
        await appendAudit(tx, {
          actorId: actor.userId,
          role: actor.role,
          action: 'TASK_OPENED',
          targetType: 'Task',
          targetId: taskId,
          requestId,
          reason: body.reason,
          details: {
            type: 'PAYMENT_FAILED',
            applicationId: p.enrolledCase.applicationId,
            paymentInstructionId: p.id,
            candidateRole: 'COUNTY_OFFICER',
            jurisdiction: p.countyCode,
          },
        });
      } else if (p.status === 'FAILED') {
        const open = await this.cases.liveTasksByKey(tx, workflowId, failureTasks);
        for (const t of open) {
          await this.cases.closeTask(tx, t.id, 'PAID', actor.userId);
          await appendAudit(tx, {
            actorId: actor.userId,
            role: actor.role,
            action: 'TASK_COMPLETED',
            targetType: 'Task',
            targetId: t.id,
            requestId,
            details: { outcome: 'PAID', paymentInstructionId: p.id },
          });
        }
      }
      const row = await this.cases.payment(tx, p.id);
      return { ...row, taskId };
    });
  }

  /**
   * Completes a PAYMENT_FAILED task. REISSUE puts the instruction back to PENDING (its
   * failure reason kept) for the next bank run; CLOSE leaves it FAILED for good. The task
   * closes only if it is still open, so of two officers at once exactly one wins.
   */
  async resolvePaymentFailure(actor: Actor, taskId: string, body: PaymentFailureResolution, requestId: string) {
    const task = await this.tasks.findVisible(actor, taskId, { countySupervisor: true });
    if (task.type !== 'PAYMENT_FAILED') {
      refuse('NOT_A_PAYMENT_TASK', `任务类型 ${task.type} 不是支付失败任务，请使用 POST /api/v1/tasks/:id/complete`);
    }
    if (task.status !== 'OPEN' && task.status !== 'CLAIMED') throw taskNotOpen(task);
    if (task.status === 'CLAIMED' && task.assignee !== actor.userId && !isCountySupervisorOf(actor, task)) {
      refuse('TASK_CLAIMED_BY_OTHER', '该任务已由其他人认领，请先由其本人办理或由县级主管改派');
    }
    const paymentId = task.taskKey.split('#')[1]!; // PAYMENT_FAILED#<payment>#<task>
    const outcome = body.resolution === 'REISSUE' ? 'REISSUED' : 'CLOSED_UNPAID';
    return this.prisma.$transaction(async (tx) => {
      if ((await this.cases.closeTask(tx, task.id, outcome, actor.userId)) === 0)
        throw taskNotOpen({ id: task.id, status: 'DONE' });
      if (body.resolution === 'REISSUE') {
        if ((await this.cases.reissue(tx, paymentId)) === 0)
          refuse('PAYMENT_NOT_FAILED', '该支付指令已不是「支付失败」状态，无需重新发放');
      }
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: body.resolution === 'REISSUE' ? 'PAYMENT_REISSUED' : 'PAYMENT_CLOSED_UNPAID',
        targetType: 'PaymentInstruction',
        targetId: paymentId,
        reason: body.reason,
        requestId,
        details: { taskId: task.id },
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'TASK_COMPLETED',
        targetType: 'Task',
        targetId: task.id,
        requestId,
        reason: body.reason,
        details: { outcome, paymentInstructionId: paymentId },
      });
      const payment = await this.cases.payment(tx, paymentId);
      return { taskId: task.id, outcome, payment };
    });
  }
}

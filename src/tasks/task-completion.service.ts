import { Inject, Injectable } from '@nestjs/common';
import { DocumentService } from '../archive/document.service';
import { CaseService } from '../cases/case.service';
import { ROLE_NAMES_ZH, type Actor, type Role } from '../core/contracts/roles';
import { DeliberationService } from '../deliberation/deliberation.service';
import { EmergencyService } from '../emergency/emergency.service';
import { EnrolmentService } from '../enrolment/enrolment.service';
import { EscalationService } from '../escalations/escalation.service';
import { WarningService } from '../monitoring/warnings/warning.service';
import { ComplaintService } from '../supervision/complaints/complaint.service';
import { FundCheckService } from '../funds/fund-check.service';
import { OutreachService } from '../monitoring/outreach/outreach.service';
import { parseCompletion, stepOf, type CompletionKind } from './task-actions';
import { isCountySupervisorOf, TaskRepository, taskNotOpen, type TaskView } from './task.repository';
import { refuse } from '../common/refusals';

/** Kinds whose old routes admitted one role only (the guard's 403 then), kept here. */
const ONLY_ROLE: Partial<Record<CompletionKind, Role>> = {
  PAYMENT_FAILED: 'COUNTY_OFFICER',
  ESCALATION: 'COUNTY_SUPERVISOR',
  FUND_DISCREPANCY: 'COUNTY_OFFICER',
  // The visit is the village assistant's own (the county supervisor may see it, not record it).
  OUTREACH_VISIT: 'VILLAGE_ASSISTANT',
};

/**
 * Completing any task: the task is looked up, its body checked against its own step, and the
 * action sent as the Update of the workflow its case kind runs (determination, recheck,
 * emergency aid, 一事一议), or handed to the use case that settles it (payment failure,
 * escalation). Each feature keeps its use case; this only routes to it.
 */
@Injectable()
export class TaskCompletionService {
  constructor(
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(CaseService) private readonly cases: CaseService,
    @Inject(EnrolmentService) private readonly enrolment: EnrolmentService,
    @Inject(EmergencyService) private readonly emergency: EmergencyService,
    @Inject(DeliberationService) private readonly deliberations: DeliberationService,
    @Inject(EscalationService) private readonly escalations: EscalationService,
    @Inject(DocumentService) private readonly documents: DocumentService,
    @Inject(WarningService) private readonly warnings: WarningService,
    @Inject(ComplaintService) private readonly complaints: ComplaintService,
    @Inject(FundCheckService) private readonly funds: FundCheckService,
    @Inject(OutreachService) private readonly outreach: OutreachService,
  ) {}

  async complete(actor: Actor, taskId: string, body: unknown, requestId: string): Promise<unknown> {
    const task = await this.tasks.findVisible(actor, taskId, { countySupervisor: true });
    const step = stepOf(task.type);
    if (!step) refuse('TASK_PAYLOAD_INVALID', `任务类型 ${task.type} 不能通过此接口办理`);
    if (step.kind === 'CLOSES_ITSELF') refuse('TASK_CLOSES_ITSELF', step.why);
    const { kind } = step;
    // The body first, as on every route: a malformed request is a 400 whatever the task's state.
    const parsed = parseCompletion(task.type, task.id, body, task.application?.category ?? null);
    if (!parsed.ok && parsed.mismatch)
      refuse('TASK_PAYLOAD_INVALID', `请求内容不符合此任务（${task.type}）的办理要求`, parsed.errors);
    if (!parsed.ok) refuse('VALIDATION_FAILED', '请求内容校验未通过', parsed.errors);
    const role = ONLY_ROLE[kind];
    if (role && actor.role !== role) {
      refuse('ROLE_NOT_ALLOWED', `${ROLE_NAMES_ZH[actor.role]}无权执行此操作（需要：${ROLE_NAMES_ZH[role]}）`);
    }
    this.refuseUnlessActionable(actor, task, kind);
    // Required materials of the step (parameter; none as shipped) are on the case before it is done.
    await this.documents.refuseMissing(task.caseId ?? task.applicationId, task.type);
    const { completion } = parsed;
    switch (completion.kind) {
      case 'DETERMINATION':
        return this.cases.completeTask(actor, task, completion.body, requestId);
      case 'RECHECK':
        return this.enrolment.sendRecheckAction(actor, task, completion.body, requestId);
      case 'PAYMENT_FAILED':
        return this.enrolment.resolvePaymentFailure(actor, task.id, completion.body, requestId);
      case 'EMERGENCY':
        return this.emergency.act(actor, caseIdOf(task), completion.body, requestId, task.id);
      case 'DELIBERATION':
        return this.deliberations.act(actor, caseIdOf(task), completion.body, requestId);
      case 'ESCALATION':
        return this.escalations.decide(actor, task.id, completion.body, requestId);
      case 'WARNING':
        return this.warnings.act(actor, caseIdOf(task), completion.body, requestId, task.id);
      case 'COMPLAINT':
        return this.complaints.act(actor, caseIdOf(task), completion.body, requestId, task.id);
      case 'FUND_DISCREPANCY':
        return this.funds.resolveDiscrepancy(actor, task, completion.body, requestId);
      case 'OUTREACH_VISIT':
        return this.outreach.recordVisit(actor, task, completion.body, requestId);
    }
  }

  /** 409 unless the task is live and, when claimed, the caller's (or the county supervisor's, who may act in place). */
  private refuseUnlessActionable(actor: Actor, task: TaskView, kind: CompletionKind): void {
    if (kind === 'ESCALATION') return; // the escalation board has its own rules (ESCALATION_CLOSED, its owner)
    if (task.status !== 'OPEN' && task.status !== 'CLAIMED') throw taskNotOpen(task);
    if (task.status === 'CLAIMED' && task.assignee !== actor.userId && !isCountySupervisorOf(actor, task)) {
      refuse('TASK_CLAIMED_BY_OTHER', '该任务已由其他人认领，请先由其本人办理或由县级主管改派');
    }
  }
}

/** Emergency, 一事一议, warning and complaint tasks name their case on the row (the workflow opened them so). */
function caseIdOf(task: TaskView): string {
  if (!task.caseId) throw new Error(`任务 ${task.id}（${task.type}）缺少所属案件`);
  return task.caseId;
}

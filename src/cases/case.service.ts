import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { assertJurisdiction } from '../auth/jurisdiction';
import { DomainError, notFound } from '../common/domain-error';
import { REFUSAL_STATUS, STAGE_NAMES_ZH, TERMINAL_STAGES, type Acting, type DeterminationAction, type DeterminationStage, type DeterminationState } from '../contracts/determination';
import type { Actor } from '../contracts/roles';
import { isCountySupervisorOf, TaskRepository, taskNotOpen } from '../tasks/task.repository';
import { actUpdate, determinationStateQuery, lodgeObjectionUpdate } from '../../workflows/messages';
import { IncidentRepository } from '../incidents/incident.repository';
import { CaseRepository } from './case.repository';
import type { CaseListQuery } from './case.dto';
import { actorRef, refusalToHttp } from '../temporal/refusal';

/** Actions on the case as a whole; every other action completes a task. */
const CASE_ACTIONS = new Set<DeterminationAction['action']>(['withdraw', 'terminateNonCooperation', 'extendProcess', 'extendStep']);

const CLOSED_STAGES = new Set<string>(TERMINAL_STAGES);
const RESULT_WAIT_MS = 2_000;

const caseClosed = () => new DomainError(409, 'CASE_CLOSED', '案件流程已结束，不能再执行此操作');

/** The human steps of the determination process; other tasks have their own routes. */
const DETERMINATION_TASKS = new Set(['ACCEPT', 'SUPPLY', 'HOME_VISIT', 'REVIEW', 'RESOLVE_OBJECTION', 'DEMOCRATIC_APPRAISAL', 'COUNTY_HOME_VISIT', 'CONFIRM']);

function notADeterminationTask(type: string): DomainError {
  if (type === 'ESCALATION') {
    return new DomainError(400, 'ESCALATION_TASK', '升级任务无需单独办结：请改派原任务（POST /api/v1/tasks/:id/reassign）、延长期限（extendStep）或直接办理原任务');
  }
  if (type.startsWith('RECHECK_')) return new DomainError(400, 'NOT_A_DETERMINATION_TASK', '复核任务请通过 POST /api/v1/recheck-tasks/:id/complete 办理');
  if (['EXPLAIN', 'GRANT_AID', 'REGISTER_AND_COMPLETE', 'EMERGENCY_ACCEPT', 'EMERGENCY_INVESTIGATE', 'EMERGENCY_REVIEW', 'EMERGENCY_CONFIRM'].includes(type)) {
    return new DomainError(400, 'NOT_A_DETERMINATION_TASK', '急难救助任务请通过 POST /api/v1/emergency-aid/:caseId/actions 办理（caseId 见任务）');
  }
  if (type === 'ENTER_STATISTIC') {
    return new DomainError(400, 'NOT_A_DETERMINATION_TASK', '统计数据录入任务无需办理：录入该年度数据后，下一次测算即自动办结');
  }
  if (['CONVENE', 'OPINION', 'DELIBERATION_DECIDE', 'FOLLOW_UP'].includes(type)) {
    return new DomainError(400, 'NOT_A_DETERMINATION_TASK', '一事一议任务请通过 POST /api/v1/deliberations/:caseId/actions 办理（caseId 见任务）');
  }
  return new DomainError(400, 'NOT_A_DETERMINATION_TASK', `${type} 任务不通过此接口办理`);
}

@Injectable()
export class CaseService {
  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(IncidentRepository) private readonly incidents: IncidentRepository,
  ) {}

  /** The case as staff see it: stage, whose turn, due dates, timeline, explanation, documents. */
  async get(actor: Actor, id: string) {
    const row = await this.cases.findDetail(id);
    if (!row) throw notFound('案件', id);
    assertJurisdiction(actor, row.household.divisionCode);
    const open = row.tasks.find((t) => t.status === 'OPEN' || t.status === 'CLAIMED') ?? null;
    const [process, incidents] = await Promise.all([
      this.processState(row.workflowId, row.stage).catch(() => null), // the read model stands on its own when Temporal is unreachable
      this.incidents.ofWorkflows(row.workflowId),
    ]);
    return {
      ...row,
      incidents,
      stageName: STAGE_NAMES_ZH[row.stage as DeterminationStage] ?? row.stage,
      turn: open ? { taskId: open.id, type: open.type, role: open.candidateRole, assignee: open.assignee, dueAt: open.dueAt } : null,
      process,
    };
  }

  /**
   * The workflow's own state: queried while the case runs; once it is closed, its result (the
   * history's close event), since a query would replay the whole history on a worker.
   */
  private processState(workflowId: string, stage: string): Promise<DeterminationState> {
    const handle = this.temporal.workflow.getHandle(workflowId);
    if (!CLOSED_STAGES.has(stage)) return handle.query(determinationStateQuery);
    // The read model turns terminal just before the workflow returns: wait briefly for it.
    return this.temporal.withDeadline(Date.now() + RESULT_WAIT_MS, () => handle.result() as Promise<DeterminationState>);
  }

  list(actor: Actor, q: CaseListQuery) {
    return this.cases.list(actor, q);
  }

  /** Completes a task: the workflow's Update validator has the last word on stage, role and jurisdiction. */
  async completeTask(actor: Actor, taskId: string, action: DeterminationAction, requestId: string): Promise<DeterminationState> {
    if (CASE_ACTIONS.has(action.action)) {
      throw new DomainError(400, 'NOT_A_TASK_ACTION', `${action.action} 是案件级操作，请使用 POST /api/v1/cases/:id/actions`);
    }
    const task = await this.tasks.findVisible(actor, taskId, { countySupervisor: true });
    if (!DETERMINATION_TASKS.has(task.type)) throw notADeterminationTask(task.type);
    if (task.status !== 'OPEN' && task.status !== 'CLAIMED') throw taskNotOpen(task);
    if (task.status === 'CLAIMED' && task.assignee !== actor.userId && !isCountySupervisorOf(actor, task)) {
      throw new DomainError(409, 'TASK_CLAIMED_BY_OTHER', '该任务已由其他人认领，请先由其本人办理或由县级主管改派');
    }
    // The task row names the workflow that opened it: no second read on the hot path.
    return this.update(task.workflowId, { actor: actorRef(actor), requestId, taskId, command: action });
  }

  /** Withdrawal, termination, extensions: actions on the whole case. */
  async act(actor: Actor, caseId: string, action: DeterminationAction, requestId: string): Promise<DeterminationState> {
    if (!CASE_ACTIONS.has(action.action)) {
      throw new DomainError(400, 'TASK_ACTION', `${action.action} 须通过办理任务完成：POST /api/v1/tasks/:id/complete`);
    }
    const found = await this.cases.workflowIdOf(caseId);
    if (!found) throw notFound('案件', caseId);
    assertJurisdiction(actor, found.divisionCode);
    return this.update(found.workflowId, { actor: actorRef(actor), requestId, command: action });
  }

  /** Anyone may object during publicity; anonymous allowed. */
  async lodgeObjection(caseId: string, objection: { text: string; contact?: string }): Promise<{ round: number }> {
    const found = await this.cases.workflowIdOf(caseId);
    if (!found || found.stage !== 'PUBLICITY') throw new DomainError(404, 'NOT_IN_PUBLICITY', '该案件不在公示期');
    try {
      return await this.temporal.workflow.getHandle(found.workflowId).executeUpdate(lodgeObjectionUpdate, { args: [objection] });
    } catch (error) {
      throw refusalToHttp(error, REFUSAL_STATUS, caseClosed);
    }
  }

  private async update(workflowId: string, acting: Acting<DeterminationAction>): Promise<DeterminationState> {
    try {
      return await this.temporal.workflow.getHandle(workflowId).executeUpdate(actUpdate, { args: [acting] });
    } catch (error) {
      throw refusalToHttp(error, REFUSAL_STATUS, caseClosed);
    }
  }
}

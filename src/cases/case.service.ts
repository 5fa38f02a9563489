import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import {
  STAGE_NAMES_ZH,
  TERMINAL_STAGES,
  type Acting,
  type DeterminationAction,
  type DeterminationStage,
  type DeterminationState,
} from '../core/contracts/determination';
import type { Actor } from '../core/contracts/roles';
import { actUpdate, determinationStateQuery, lodgeObjectionUpdate } from '../core/messages';
import { IncidentRepository } from '../incidents/incident.repository';
import { CaseRepository } from './case.repository';
import type { CaseListQuery } from './case.dto';
import { actorRef, refusalToHttp } from '../temporal/refusal';
import { refuse, refusal } from '../common/refusals';
import { creditRecordView } from '../supervision/credit-records/credit-record-view';
import { CASE_EXPORT_COLUMNS } from '../export/case-export';
import { listWorkbook } from '../export/list-workbook';

/** Actions on the case as a whole; every other action completes a task. */
const CASE_ACTIONS = new Set<DeterminationAction['action']>([
  'withdraw',
  'terminateNonCooperation',
  'extendProcess',
  'extendStep',
]);

const CLOSED_STAGES = new Set<string>(TERMINAL_STAGES);
const RESULT_WAIT_MS = 2_000;

const caseClosed = () => refusal('CASE_CLOSED', '案件流程已结束，不能再执行此操作');

@Injectable()
export class CaseService {
  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(IncidentRepository) private readonly incidents: IncidentRepository,
  ) {}

  /** The case as staff see it: stage, whose turn, due dates, timeline, explanation, documents. */
  async get(actor: Actor, id: string) {
    const row = await this.cases.findDetail(id);
    if (!row) throw notFound('案件', id);
    assertJurisdiction(actor, row.household.divisionCode);
    const open = row.tasks.find((t) => t.status === 'OPEN' || t.status === 'CLAIMED') ?? null;
    const [process, incidents, credit] = await Promise.all([
      this.processState(row.workflowId, row.stage).catch(() => null), // the read model stands on its own when Temporal is unreachable
      this.incidents.ofWorkflows(row.workflowId),
      // Credit records are for the staff who decide (township caseworker and above), not the village assistant.
      actor.role === 'VILLAGE_ASSISTANT' ? Promise.resolve([]) : this.cases.creditRecordsOf(row.householdId),
    ]);
    return {
      ...row,
      incidents,
      creditRecords: credit.map((r) => creditRecordView(r)),
      stageName: STAGE_NAMES_ZH[row.stage as DeterminationStage] ?? row.stage,
      turn: open
        ? { taskId: open.id, type: open.type, role: open.candidateRole, assignee: open.assignee, dueAt: open.dueAt }
        : null,
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
    return this.temporal.withDeadline(
      Date.now() + RESULT_WAIT_MS,
      () => handle.result() as Promise<DeterminationState>,
    );
  }

  list(actor: Actor, q: CaseListQuery) {
    return this.cases.list(actor, q);
  }

  /** The same list as a workbook (下载 Excel), every page of it up to the export's maximum. */
  listWorkbook(actor: Actor, q: CaseListQuery) {
    return listWorkbook(
      { sheet: '救助申请', filename: 'applications.xlsx', columns: CASE_EXPORT_COLUMNS },
      (page, pageSize) => this.cases.list(actor, { ...q, page, pageSize }),
    );
  }

  /**
   * Sends a determination task's action (the tasks module checked the task and the body): the
   * workflow's Update validator has the last word on stage, role and jurisdiction.
   */
  completeTask(
    actor: Actor,
    task: { id: string; workflowId: string },
    action: DeterminationAction,
    requestId: string,
  ): Promise<DeterminationState> {
    // The task row names the workflow that opened it: no second read on the hot path.
    return this.update(task.workflowId, { actor: actorRef(actor), requestId, taskId: task.id, command: action });
  }

  /** Withdrawal, termination, extensions: actions on the whole case; and the start of the investigation. */
  async act(actor: Actor, caseId: string, action: DeterminationAction, requestId: string): Promise<DeterminationState> {
    const startsInvestigation = action.action === 'startInvestigation';
    if (!CASE_ACTIONS.has(action.action) && !startsInvestigation) {
      refuse('TASK_ACTION', `${action.action} 须通过办理任务完成：POST /api/v1/tasks/:id/complete`);
    }
    const found = await this.cases.workflowIdOf(caseId);
    if (!found) throw notFound('案件', caseId);
    assertJurisdiction(actor, found.divisionCode);
    // Starting the investigation is done from the case as well as from the task list: it names
    // the live start task, if any (none: the workflow's validator says why, e.g. already started).
    const taskId = startsInvestigation ? await this.startTaskOf(actor, caseId) : undefined;
    return this.update(found.workflowId, {
      actor: actorRef(actor),
      requestId,
      command: action,
      ...(taskId ? { taskId } : {}),
    });
  }

  private async startTaskOf(actor: Actor, caseId: string): Promise<string | undefined> {
    const task = await this.cases.liveTaskOf(caseId, 'START_INVESTIGATION');
    // As on the task route: a claimed task is its assignee's (the county supervisor acts in place through the task route).
    if (task?.status === 'CLAIMED' && task.assignee !== actor.userId)
      refuse('TASK_CLAIMED_BY_OTHER', '该任务已由其他人认领，请先由其本人办理或由县级主管改派');
    return task?.id;
  }

  /** Anyone may object during publicity; anonymous allowed. */
  async lodgeObjection(caseId: string, objection: { text: string; contact?: string }): Promise<{ round: number }> {
    const found = await this.cases.workflowIdOf(caseId);
    if (!found || found.stage !== 'PUBLICITY') refuse('NOT_IN_PUBLICITY', '该案件不在公示期');
    try {
      return await this.temporal.workflow
        .getHandle(found.workflowId)
        .executeUpdate(lodgeObjectionUpdate, { args: [objection] });
    } catch (error) {
      throw refusalToHttp(error, caseClosed);
    }
  }

  private async update(workflowId: string, acting: Acting<DeterminationAction>): Promise<DeterminationState> {
    try {
      return await this.temporal.workflow.getHandle(workflowId).executeUpdate(actUpdate, { args: [acting] });
    } catch (error) {
      throw refusalToHttp(error, caseClosed);
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { assertJurisdiction } from '../auth/jurisdiction';
import { DomainError, notFound } from '../common/domain-error';
import type { IncidentListQuery } from '../core/contracts/incident';
import type { Actor } from '../core/contracts/roles';
import { resolveIncidentUpdate } from '../core/messages';
import { IncidentRepository, type IncidentRow } from './incident.repository';
import { refuse, refusal } from '../common/refusals';

const CITY_WIDE = new Set(['ADMINISTRATOR', 'AUDITOR']);

const notOpen = (row: IncidentRow) =>
  refusal('INCIDENT_NOT_OPEN', `该事件当前状态为 ${row.status}，只有待处理（OPEN）的事件可以重试或结案`);

/** Incidents as the county supervisor and the administrator handle them: see, retry, or close the case. */
@Injectable()
export class IncidentService {
  constructor(
    @Inject(IncidentRepository) private readonly incidents: IncidentRepository,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  list(actor: Actor, q: IncidentListQuery) {
    if (CITY_WIDE.has(actor.role)) return this.incidents.list(q, null);
    if (q.county !== undefined) assertJurisdiction(actor, q.county);
    return this.incidents.list(q, actor.jurisdiction);
  }

  async get(actor: Actor, id: string): Promise<IncidentRow> {
    const row = await this.incidents.find(id);
    if (!row) throw notFound('事件', id);
    assertJurisdiction(actor, row.countyCode);
    return row;
  }

  /** After the cause is fixed: the workflow runs the failed step again. */
  async retry(actor: Actor, id: string, requestId: string, reason: string | null): Promise<IncidentRow> {
    const row = await this.get(actor, id);
    if (row.status !== 'OPEN' || !(await this.incidents.markRetrying(row, actor, requestId, reason)))
      throw notOpen(row);
    try {
      await this.temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: id, action: 'RETRY', userId: actor.userId }] });
    } catch (error) {
      await this.incidents.unmarkRetrying(row);
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
        throw new DomainError(409, error.cause.type ?? 'INCIDENT_NOT_OPEN', error.cause.message);
      if (error instanceof WorkflowNotFoundError) refuse('CASE_CLOSED', '案件流程已结束，无法重试');
      throw error;
    }
    return (await this.incidents.find(id)) as IncidentRow;
  }

  /** The case cannot go on: its workflow is terminated, its tasks cancelled, with the reason on record. */
  async close(actor: Actor, id: string, requestId: string, reason: string): Promise<IncidentRow> {
    const row = await this.get(actor, id);
    if (row.status !== 'OPEN') throw notOpen(row);
    if (!(await this.incidents.markClosed(row, actor, requestId, reason))) throw notOpen(row);
    await this.temporal.workflow
      .getHandle(row.workflowId)
      .terminate(`因事件 ${id} 结案：${reason}`)
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
    return (await this.incidents.find(id)) as IncidentRow;
  }
}

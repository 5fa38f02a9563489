import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { refuse } from '../../common/refusals';
import { divisionPrefix } from '../../core/contracts/division';
import { SOURCE_LAYOUTS, type DataSource } from '../../core/contracts/data-source';
import type { Actor } from '../../core/contracts/roles';
import {
  WARNING_CLASS_NAMES_ZH,
  type WarningClass,
  type WarningListQuery,
  type WarningState,
  type WarningVerification,
} from '../../core/contracts/warning';
import { warningActUpdate } from '../../core/messages';
import { warningWorkflowId } from '../../core/workflow-ids';
import type { Prisma } from '../../prisma/prisma-client';
import { WarningRepository } from './warning.repository';
import { actorRef, refusalToHttp } from '../../temporal/refusal';
import { DomainError } from '../../common/domain-error';

type WarningRow = Prisma.WarningGetPayload<object>;

/** The warnings of dynamic monitoring: lists and a warning's timeline for staff, and the verification's Update. */
@Injectable()
export class WarningService {
  constructor(
    @Inject(WarningRepository) private readonly warnings: WarningRepository,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  /** A warning is in a jurisdiction by its township, or by its county when its township is unknown. */
  private within(jurisdiction: string): Prisma.WarningWhereInput {
    const p = divisionPrefix(jurisdiction);
    return { OR: [{ townshipCode: { startsWith: p } }, { townshipCode: null, countyCode: { startsWith: p } }] };
  }

  async list(actor: Actor, q: WarningListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    if (q.township) assertJurisdiction(actor, q.township);
    const now = new Date();
    const where: Prisma.WarningWhereInput = {
      AND: [
        this.within(actor.jurisdiction),
        ...(q.county ? [{ countyCode: q.county }] : []),
        ...(q.township ? [{ townshipCode: q.township }] : []),
        ...(q.warningClass ? [{ warningClass: q.warningClass }] : []),
        ...(q.stage ? [{ stage: q.stage }] : []),
        ...(q.source ? [{ source: q.source }] : []),
        ...(q.overdue === 'true'
          ? [{ OR: [{ overdue: true }, { stage: { not: 'CLOSED' }, dueAt: { lt: now } }] }]
          : q.overdue === 'false'
            ? [{ overdue: false, OR: [{ dueAt: null }, { dueAt: { gte: now } }, { stage: 'CLOSED' }] }]
            : []),
      ],
    };
    const [rows, total] = await this.warnings.page(where, (q.page - 1) * q.pageSize, q.pageSize);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }

  private async located(actor: Actor, id: string): Promise<WarningRow> {
    const w = await this.warnings.warning(id);
    if (!w) refuse('NOT_FOUND', `预警不存在：${id}`);
    assertJurisdiction(actor, w.townshipCode ?? w.countyCode);
    return w;
  }

  async get(actor: Actor, id: string) {
    const w = await this.located(actor, id);
    const events = await this.warnings.timeline(id);
    return {
      ...view(w),
      reason: w.reason,
      department: w.department,
      changeReportId: w.changeReportId,
      eventDate: w.eventDate.toISOString().slice(0, 10),
      details: w.details as Record<string, unknown>,
      timeline: events.map((e) => ({
        type: e.type,
        stage: e.stage,
        actor: e.actor,
        reason: e.reason,
        batchId: e.batchId,
        at: e.at,
      })),
    };
  }

  /** The verification task's completion: the workflow's validator has the last word (stage, role, jurisdiction). */
  async act(
    actor: Actor,
    id: string,
    command: WarningVerification,
    requestId: string,
    taskId?: string,
  ): Promise<WarningState> {
    const w = await this.located(actor, id);
    try {
      return await this.temporal.workflow
        .getHandle(w.workflowId ?? warningWorkflowId(w.id))
        .executeUpdate(warningActUpdate, {
          args: [{ actor: actorRef(actor), requestId, command, ...(taskId ? { taskId } : {}) }],
        });
    } catch (error) {
      throw refusalToHttp(error, () => new DomainError(409, 'CASE_CLOSED', '该预警已处置完毕'));
    }
  }
}

function view(w: WarningRow) {
  return {
    id: w.id,
    warningClass: w.warningClass,
    warningClassName: WARNING_CLASS_NAMES_ZH[w.warningClass as WarningClass] ?? w.warningClass,
    source: w.source,
    sourceName: SOURCE_LAYOUTS[w.source as DataSource]?.nameZh ?? w.source,
    stage: w.stage,
    outcome: w.outcome,
    countyCode: w.countyCode,
    townshipCode: w.townshipCode,
    enrolledCaseId: w.enrolledCaseId,
    dueAt: w.dueAt,
    overdue: w.overdue || (w.stage !== 'CLOSED' && w.dueAt !== null && w.dueAt.getTime() < Date.now()),
    raisedAt: w.raisedAt,
    updatedAt: w.updatedAt,
    closedAt: w.closedAt,
  };
}

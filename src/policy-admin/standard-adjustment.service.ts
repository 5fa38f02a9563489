import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { refuse } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ApplicationCategory } from '../core/contracts/application';
import { ANYANG_COUNTY_CODES } from '../core/contracts/household-facts';
import type { Actor } from '../core/contracts/roles';
import type { AdjustmentListQuery } from '../core/contracts/record-lists';
import type { AdjustmentBody, AdjustmentScope } from '../core/contracts/standard-adjustment';
import { standardAdjustmentWorkflowId } from '../core/workflow-ids';
import type { Prisma } from '../prisma/prisma-client';
import { PrismaClient } from '../prisma/prisma-client';
import { standardAdjustmentWorkflow } from '../../workflows/standard-adjustment.workflow';
import { StandardAdjustmentRepository } from './standard-adjustment.repository';

/**
 * The yearly adjustment (调标), started by an administrator once the new standard is
 * approved: only an approved version, over a scope that holds enrolled cases; the run row,
 * its audit row and its workflow start in one transaction.
 */
@Injectable()
export class StandardAdjustmentService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(StandardAdjustmentRepository) private readonly rows: StandardAdjustmentRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(actor: Actor, body: AdjustmentBody, requestId: string) {
    const version = await this.rows.version(body.parameterId, body.versionId);
    if (!version || version.origin !== 'APPROVED')
      refuse('ADJUSTMENT_VERSION_NOT_APPROVED', undefined, [
        {
          path: body.versionId ? 'versionId' : 'parameterId',
          code: 'VERSION_NOT_APPROVED',
          message: '该参数没有已批准的版本，须先经审批方可调标',
        },
      ]);
    const scope: AdjustmentScope = {
      counties: body.scope.counties ?? [...ANYANG_COUNTY_CODES],
      categories: body.scope.categories ?? [...ApplicationCategory.options],
    };
    const total = await this.rows.enrolledInScope(scope);
    if (total === 0)
      refuse('ADJUSTMENT_EMPTY_SCOPE', undefined, [
        { path: 'scope', code: 'EMPTY_SCOPE', message: '所选县（市、区）和类别中没有在保对象' },
      ]);
    const id = randomUUID();
    const workflowId = standardAdjustmentWorkflowId(id);
    await this.prisma.$transaction(async (tx) => {
      await this.rows.create(tx, {
        id,
        parameterId: body.parameterId,
        versionId: version.id,
        effectiveDate: body.effectiveDate,
        scope: scope as unknown as Prisma.InputJsonValue,
        total,
        requestedBy: actor.userId,
        workflowId,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'STANDARD_ADJUSTMENT_STARTED',
        targetType: 'StandardAdjustment',
        targetId: id,
        requestId,
        details: {
          parameterId: body.parameterId,
          versionId: version.id,
          effectiveDate: body.effectiveDate,
          counties: scope.counties,
          categories: scope.categories,
          total,
        },
      });
      // Started before the commit: a failed start rolls the run back.
      await this.temporal.workflow.start(standardAdjustmentWorkflow, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ adjustmentId: id, total }],
      });
    });
    return this.get(id);
  }

  /** Past adjustments (调标记录), newest first, each with its report once finished. */
  async list(q: AdjustmentListQuery) {
    const where = {
      ...(q.status ? { status: q.status } : {}),
      ...(q.parameterId ? { parameterId: q.parameterId } : {}),
    };
    const [rows, total] = await this.rows.page(where, (q.page - 1) * q.pageSize, q.pageSize);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string) {
    const r = await this.rows.adjustment(id);
    if (!r) refuse('NOT_FOUND', '调标不存在');
    return view(r);
  }
}

type StandardAdjustmentRow = Prisma.StandardAdjustmentGetPayload<object>;

function view(r: StandardAdjustmentRow) {
  return {
    id: r.id,
    status: r.status,
    parameterId: r.parameterId,
    versionId: r.versionId,
    effectiveDate: r.effectiveDate,
    scope: r.scope,
    progress: { processed: r.processed, total: r.total },
    report: r.report,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

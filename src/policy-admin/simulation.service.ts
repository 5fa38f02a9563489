import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import type { FieldError } from '../common/domain-error';
import { refuse } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ApplicationCategory } from '../core/contracts/application';
import { ANYANG_COUNTY_CODES } from '../core/contracts/household-facts';
import type { SimulationBody, SimulationScope } from '../core/contracts/policy-simulation';
import type { Actor } from '../core/contracts/roles';
import { policySimulationWorkflowId } from '../core/workflow-ids';
import { checkProposedValue, type ParameterValue } from '../policy';
import { PrismaClient, type Prisma } from '../prisma/prisma-client';
import { policySimulationWorkflow } from '../../workflows/policy-simulation.workflow';
import { LiveParameterStore } from './live-parameter-store';
import { PolicyAdminRepository } from './policy-admin.repository';
import type { SimulationListQuery } from '../core/contracts/record-lists';
import { countInScope } from './simulation-scope';
import { simulationWorkbook } from './simulation-workbook';

/**
 * What-if runs: drafts checked like proposals (nothing stored on a finding), an empty scope
 * refused, the run row, its audit row and its workflow started in one transaction.
 */
@Injectable()
export class SimulationService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(PolicyAdminRepository) private readonly rows: PolicyAdminRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LiveParameterStore) private readonly store: LiveParameterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(actor: Actor, body: SimulationBody, requestId: string) {
    const errors: FieldError[] = [];
    const all = this.store.all();
    body.drafts.forEach((d, i) => {
      const known = all.find((r) => r.id === d.parameterId);
      for (const f of checkProposedValue(d.parameterId, known?.unit, d.unit, d.value as ParameterValue))
        errors.push({ ...f, path: `drafts.${i}.${f.path}` });
    });
    if (errors.length > 0) refuse('PARAMETER_PROPOSAL_INVALID', errors.map((e) => e.message).join('；'), errors);
    const scope: SimulationScope = {
      counties: body.scope.counties ?? [...ANYANG_COUNTY_CODES],
      categories: body.scope.categories ?? [...ApplicationCategory.options],
    };
    const total = await countInScope(this.prisma, scope);
    if (total === 0)
      refuse('SIMULATION_EMPTY_SCOPE', undefined, [
        { path: 'scope', code: 'EMPTY_SCOPE', message: '所选县（市、区）和类别中没有在保对象或在办申请' },
      ]);
    const id = randomUUID();
    const workflowId = policySimulationWorkflowId(id);
    await this.prisma.$transaction(async (tx) => {
      await this.rows.createSimulation(tx, {
        id,
        effectiveDate: body.effectiveDate,
        drafts: body.drafts as Prisma.InputJsonValue,
        scope: scope as unknown as Prisma.InputJsonValue,
        total,
        requestedBy: actor.userId,
        workflowId,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'POLICY_SIMULATION_STARTED',
        targetType: 'PolicySimulation',
        targetId: id,
        requestId,
        details: {
          effectiveDate: body.effectiveDate,
          parameters: body.drafts.map((d) => d.parameterId),
          counties: scope.counties,
          categories: scope.categories,
          total,
        },
      });
      // Started before the commit: a failed start rolls the run back.
      await this.temporal.workflow.start(policySimulationWorkflow, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ simulationId: id }],
      });
    });
    return this.get(id);
  }

  /** Past runs (政策模拟记录), newest first: what was drafted, for where, how far it got. */
  async list(q: SimulationListQuery) {
    const where = q.status ? { status: q.status } : {};
    const [rows, total] = await this.rows.simulationPage(where, (q.page - 1) * q.pageSize, q.pageSize);
    const items = rows.map((r) => ({
      id: r.id,
      status: r.status,
      effectiveDate: r.effectiveDate,
      drafts: r.drafts,
      scope: r.scope,
      progress: { processed: r.processed, total: r.total },
      requestedBy: r.requestedBy,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string) {
    const r = await this.rows.simulation(id);
    if (!r) refuse('NOT_FOUND', '测算不存在');
    return {
      id: r.id,
      status: r.status,
      effectiveDate: r.effectiveDate,
      drafts: r.drafts,
      scope: r.scope,
      progress: { processed: r.processed, total: r.total },
      summary: r.summary,
      requestedBy: r.requestedBy,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    };
  }

  /** Per-case rows, changed ones first; `change` filters. */
  async cases(id: string, page: number, pageSize: number, change?: string) {
    await this.get(id);
    const where = { simulationId: id, ...(change ? { change } : {}) };
    const [rows, total] = await this.rows.simulationCases(where, (page - 1) * pageSize, pageSize);
    const items = rows.map((c) => ({
      caseKind: c.caseKind,
      caseId: c.caseId,
      countyCode: c.countyCode,
      category: c.category,
      oldStatus: c.oldStatus,
      newStatus: c.newStatus,
      oldBenefit: Number(c.oldBenefit),
      newBenefit: Number(c.newBenefit),
      change: c.change,
      reason: c.reason,
    }));
    return { items, page, pageSize, total };
  }

  workbook(id: string) {
    return simulationWorkbook(this.prisma, id);
  }

  async cancel(actor: Actor, id: string, requestId: string) {
    const r = await this.get(id);
    if (r.status !== 'RUNNING') refuse('SIMULATION_NOT_RUNNING');
    await this.prisma.$transaction(async (tx) => {
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'POLICY_SIMULATION_CANCEL_REQUESTED',
        targetType: 'PolicySimulation',
        targetId: id,
        requestId,
      });
    });
    await this.temporal.workflow.getHandle(policySimulationWorkflowId(id)).cancel();
    return this.get(id);
  }
}

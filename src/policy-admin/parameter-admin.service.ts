import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import type { FieldError } from '../common/domain-error';
import { refusal, refuse } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ANYANG_CITY_CODE } from '../core/contracts/household-facts';
import type { ParameterDecision, ParameterProposalBody } from '../core/contracts/parameter-change';
import type { Actor } from '../core/contracts/roles';
import { decideParameterUpdate } from '../core/messages';
import { parameterChangeWorkflowId } from '../core/workflow-ids';
import { checkProposedValue, citationsZh, type Citation, type ParameterValue } from '../policy';
import { PrismaClient, type Prisma } from '../prisma/prisma-client';
import { actorRef, refusalToHttp } from '../temporal/refusal';
import { parameterChangeWorkflow } from '../../workflows/parameter-change.workflow';
import { LiveParameterStore } from './live-parameter-store';
import { PolicyAdminRepository } from './policy-admin.repository';
import { validFromFindings } from './parameter-lines';
import { citationsOf, documentSourceId } from './parameter-rows';

/**
 * Policy administration: a proposed parameter version is checked in full (nothing is stored
 * on a finding), stored with its audit row and its workflow started in one transaction; the
 * four-eyes decision goes to the workflow as an Update; the API's live store reads the
 * table again after an approval.
 */
@Injectable()
export class ParameterAdminService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(PolicyAdminRepository) private readonly rows: PolicyAdminRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LiveParameterStore) private readonly store: LiveParameterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async propose(actor: Actor, parameterId: string, body: ParameterProposalBody, requestId: string) {
    const area = body.area ?? '';
    const line = { parameterId, division: body.division, area };
    const errors: FieldError[] = [];
    const known = this.store.all().find((r) => r.id === parameterId);
    if (!known) refuse('NOT_FOUND', `参数 ${parameterId} 不存在`);
    errors.push(...checkProposedValue(parameterId, known.unit, body.unit, body.value as ParameterValue));
    const sources = new Set(this.store.legalSources().map((s) => s.id));
    (body.citations ?? []).forEach((c, i) => {
      if (!sources.has(c.sourceId))
        errors.push({
          path: `citations.${i}.sourceId`,
          code: 'UNKNOWN_SOURCE',
          message: `政策依据 ${c.sourceId} 未登记`,
        });
    });
    errors.push(...(await validFromFindings(this.prisma, line, body.validFrom)));
    if (errors.length > 0) refuse('PARAMETER_PROPOSAL_INVALID', errors.map((e) => e.message).join('；'), errors);

    const id = randomUUID();
    const workflowId = parameterChangeWorkflowId(id);
    const citations: Citation[] = citationsOf(body.document, body.article, body.citations ?? []);
    await this.prisma.$transaction(async (tx) => {
      await this.rows.createProposal(tx, {
        id,
        parameterId,
        version: body.validFrom,
        division: body.division,
        area,
        validFrom: body.validFrom,
        value: body.value as Prisma.InputJsonValue,
        unit: body.unit,
        citations: citations as unknown as Prisma.InputJsonValue,
        document: body.document as Prisma.InputJsonValue,
        note: body.note ?? null,
        proposedBy: actor.userId,
        proposedRole: actor.role,
        workflowId,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'PARAMETER_PROPOSED',
        targetType: 'ParameterProposal',
        targetId: id,
        requestId,
        details: {
          parameterId,
          division: body.division,
          area: body.area ?? null,
          validFrom: body.validFrom,
          value: body.value as Prisma.InputJsonValue,
          unit: body.unit,
          docNo: body.document.docNo,
        },
      });
      // Started before the commit: a start that fails rolls the proposal back. Its first
      // write (the approver's task) needs no proposal row; the decision waits for the row.
      await this.temporal.workflow.start(parameterChangeWorkflow, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [
          { proposalId: id, parameterId, division: body.division, validFrom: body.validFrom, proposedBy: actor.userId },
        ],
      });
    });
    return this.proposal(id);
  }

  async decide(actor: Actor, proposalId: string, body: ParameterDecision, requestId: string) {
    const p = await this.rows.proposal(proposalId);
    if (!p) refuse('NOT_FOUND', '参数调整不存在');
    if (p.status !== 'PENDING') refuse('PARAMETER_PROPOSAL_DECIDED');
    if (p.proposedBy === actor.userId) refuse('PARAMETER_FOUR_EYES');
    const countyValue = p.division !== ANYANG_CITY_CODE;
    const supervisorOfCounty = actor.role === 'COUNTY_SUPERVISOR' && actor.jurisdiction === p.division;
    if (actor.role !== 'ADMINISTRATOR' && !(countyValue && supervisorOfCounty)) {
      if (countyValue && actor.role === 'COUNTY_SUPERVISOR') refuse('OUT_OF_JURISDICTION', '只能审批本县的参数调整');
      refuse(
        'ROLE_NOT_ALLOWED',
        countyValue ? '只有系统管理员或本县县级主管可以审批县级参数' : '只有系统管理员可以审批全市参数',
      );
    }
    try {
      await this.temporal.workflow
        .getHandle(p.workflowId)
        .executeUpdate(decideParameterUpdate, { args: [{ actor: actorRef(actor), requestId, command: body }] });
    } catch (error) {
      throw refusalToHttp(error, () => refusal('PARAMETER_PROPOSAL_DECIDED'));
    }
    if (body.decision === 'APPROVE') await this.store.reload();
    return this.proposal(proposalId);
  }

  async proposal(id: string) {
    const p = await this.rows.proposal(id);
    if (!p) refuse('NOT_FOUND', '参数调整不存在');
    return proposalView(p, this.store);
  }

  /** Proposals still waiting for their decision, for a county (its own and the city's) or all. */
  async pending(county?: string) {
    const rows = await this.rows.proposals({
      status: 'PENDING',
      ...(county !== undefined ? { division: { in: [county, ANYANG_CITY_CODE] } } : {}),
    });
    return rows.map((p) => proposalView(p, this.store));
  }

  /** The whole line of a parameter: every stored version and every proposal, oldest first. */
  async history(parameterId: string) {
    const [versions, proposals] = await Promise.all([
      this.rows.versionsOf(parameterId),
      this.rows.proposals({ parameterId }),
    ]);
    if (versions.length === 0) refuse('NOT_FOUND', `参数 ${parameterId} 不存在`);
    const inStore = new Map(
      this.store
        .all()
        .filter((r) => r.id === parameterId)
        .map((r) => [`${r.division}|${r.area ?? ''}|${r.version}`, r]),
    );
    return {
      parameterId,
      versions: versions.map((v) => ({
        version: v.version,
        division: v.division,
        area: v.area === '' ? null : v.area,
        validFrom: v.validFrom,
        // As the store reads it: closed by the next version of its line.
        validTo: inStore.get(`${v.division}|${v.area}|${v.version}`)?.validTo ?? v.validTo,
        value: v.value,
        unit: v.unit,
        citations: v.citations,
        source: citationsZh(
          v.citations as unknown as Citation[],
          new Map(this.store.legalSources().map((s) => [s.id, s])),
        ),
        placeholder: v.placeholder,
        origin: v.origin,
        proposalId: v.proposalId,
        approvedBy: v.approvedBy,
        createdAt: v.createdAt.toISOString(),
      })),
      proposals: proposals.map((p) => proposalView(p, this.store)),
    };
  }
}

type ProposalRow = Prisma.ParameterProposalGetPayload<object>;

function proposalView(p: ProposalRow, store: LiveParameterStore) {
  const document = p.document as { docNo: string };
  const sources = new Map(store.legalSources().map((s) => [s.id, s]));
  // Before approval the deciding document is not in the registry yet: it is named from the proposal.
  const source = (p.citations as unknown as Citation[])
    .map((c) =>
      c.sourceId === documentSourceId(document.docNo) && !sources.has(c.sourceId)
        ? `（${document.docNo}）${c.article ?? ''}`
        : citationsZh([c], sources),
    )
    .join('；');
  return {
    id: p.id,
    parameterId: p.parameterId,
    version: p.version,
    division: p.division,
    area: p.area === '' ? null : p.area,
    validFrom: p.validFrom,
    value: p.value,
    unit: p.unit,
    citations: p.citations,
    source,
    document: p.document,
    note: p.note,
    status: p.status,
    proposedBy: p.proposedBy,
    proposedAt: p.proposedAt.toISOString(),
    decidedBy: p.decidedBy,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    decisionReason: p.decisionReason,
    workflowId: p.workflowId,
  };
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { cstDate } from '../core/clock';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { assertSameRequest, recordRequest } from '../common/idempotency';
import type { IdempotentRequest } from '../common/idempotency-key.decorator';
import { countyOf, divisionPrefix } from '../core/contracts/division';
import {
  EMERGENCY_STAGE_NAMES_ZH,
  type CreateEmergencyAid,
  type EmergencyAction,
  type EmergencyAidInput,
  type EmergencyLimits,
  type EmergencyPath,
  type EmergencyStage,
  type EmergencyState,
} from '../core/contracts/emergency';
import { maskResidentId } from '../core/contracts/resident-id';
import type { Actor } from '../core/contracts/roles';
import { PARAMETER_IDS, type ParameterStore } from '../policy';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import { PiiCipher } from '../registry/pii-cipher';
import { actorRef, refusalToHttp } from '../temporal/refusal';
import { COUNTY, TOWNSHIP, CATEGORY } from '../core/search-attributes';
import { emergencyActUpdate, emergencyStateQuery } from '../core/messages';
import { IncidentRepository } from '../incidents/incident.repository';
import { EmergencyRepository } from './emergency.repository';
import { refuse, refusal } from '../common/refusals';
import { emergencyWorkflowId } from '../core/workflow-ids';
import { emergencyAidWorkflow } from '../../workflows/emergency-aid.workflow';

const yuan = (n: number) => `${n.toFixed(2)} 元`;
const closed = () => refusal('CASE_CLOSED', '该急难救助案件的流程已结束，不能再执行此操作');

/** The approval limits in force today for the county (a snapshot with sources, passed to the workflow). */
export function emergencyLimits(params: ParameterStore, county: string, date: string): EmergencyLimits {
  const t = params.lookupNumber(PARAMETER_IDS.EMERGENCY_TOWNSHIP_APPROVAL_LIMIT, { date, county });
  const c = params.lookupNumber(PARAMETER_IDS.EMERGENCY_COUNTY_APPROVAL_LIMIT, { date, county });
  return { townshipApprovalLimit: t.value, countyApprovalLimit: c.value, refs: [t.ref, c.ref] };
}

/**
 * The path of a new emergency case (processes.md §3 RECEIVED): expense-type → the full
 * procedure; complex or above the county limit → 一事一议; severe → aid first; at or under
 * the township limit → small amount; otherwise aid first approved by the county. A path the
 * caseworker asks for is refused (403) when the amount is above that path's approver limit.
 */
export function choosePath(
  body: Pick<CreateEmergencyAid, 'kind' | 'severity' | 'amount' | 'complex' | 'path'>,
  limits: EmergencyLimits,
): EmergencyPath {
  if (body.path) {
    if (body.path === 'SMALL_AMOUNT' && body.amount > limits.townshipApprovalLimit) {
      refuse(
        'AMOUNT_ABOVE_APPROVER_LIMIT',
        `救助金额 ${yuan(body.amount)} 超过乡镇（街道）审批限额 ${yuan(limits.townshipApprovalLimit)}（参数 emergency_aid.township_approval_limit），不能按小金额先行救助办理`,
      );
    }
    if ((body.path === 'AID_FIRST' || body.path === 'EXPENSE_TYPE') && body.amount > limits.countyApprovalLimit) {
      refuse(
        'AMOUNT_ABOVE_APPROVER_LIMIT',
        `救助金额 ${yuan(body.amount)} 超过县级审批限额 ${yuan(limits.countyApprovalLimit)}（参数 emergency_aid.county_approval_limit），须提请一事一议`,
      );
    }
    return body.path;
  }
  if (body.complex || body.amount > limits.countyApprovalLimit) return 'DELIBERATION';
  if (body.kind === 'EXPENSE') return 'EXPENSE_TYPE';
  if (body.severity === 'SEVERE') return 'AID_FIRST';
  return body.amount <= limits.townshipApprovalLimit ? 'SMALL_AMOUNT' : 'AID_FIRST';
}

@Injectable()
export class EmergencyService {
  constructor(
    @Inject(LiveParameterStore) private readonly params: LiveParameterStore,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(EmergencyRepository) private readonly cases: EmergencyRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
    @Inject(IncidentRepository) private readonly incidents: IncidentRepository,
  ) {}

  /**
   * Receives an emergency where it happened (no household-registration restriction): the
   * applicant's minimal record (ID number as HMAC, ciphertext and mask; matched to the
   * registry when the same number is there), the path, the workflow — in one transaction.
   */
  async create(actor: Actor, body: CreateEmergencyAid, requestId: string, idempotency?: IdempotentRequest) {
    assertJurisdiction(actor, body.townshipCode);
    const idempotencyKey = idempotency?.key;
    const replay = async () => {
      const seen = await this.cases.idByIdempotencyKey(actor.userId, idempotencyKey!);
      return seen ? { ...(await this.view(seen.id)), replayed: true } : null;
    };
    if (idempotency) {
      await assertSameRequest(this.prisma, actor.userId, idempotency);
      const first = await replay();
      if (first) return first;
    }
    const township = await this.cases.divisionLevel(body.townshipCode);
    if (township?.level !== 'TOWNSHIP')
      throw fieldError('townshipCode', `乡镇（街道）区划 ${body.townshipCode} 不存在`);
    if (body.villageCode && !body.villageCode.startsWith(body.townshipCode))
      throw fieldError('villageCode', '村（社区）不属于该乡镇（街道）');
    const countyCode = countyOf(body.townshipCode);
    const limits = emergencyLimits(this.params, countyCode, cstDate(new Date().toISOString()));
    const path = choosePath(body, limits);
    const caseId = randomUUID();
    const hmac = this.pii.lookupHash(body.applicant.idNumber);
    const member = await this.cases.memberByIdNumberHashes(this.pii.lookupHashes(body.applicant.idNumber));
    const input: EmergencyAidInput = {
      caseId,
      countyCode,
      townshipCode: body.townshipCode,
      path,
      requestedAmount: body.amount,
      area: body.area,
      submittedBy: actorRef(actor),
      requestId,
      limits,
      ...(path === 'DELIBERATION'
        ? {
            deliberationReason: body.complex
              ? '情况复杂，提请一事一议'
              : `救助金额 ${yuan(body.amount)} 超过县级审批限额 ${yuan(limits.countyApprovalLimit)}，提请一事一议`,
          }
        : {}),
    };
    try {
      await this.prisma.$transaction(async (tx) => {
        if (idempotency) await recordRequest(tx, actor.userId, idempotency);
        await this.cases.create(tx, {
          id: caseId,
          workflowId: emergencyWorkflowId(caseId),
          countyCode,
          townshipCode: body.townshipCode,
          villageCode: body.villageCode ?? null,
          kind: body.kind,
          severity: body.severity,
          path,
          stage: 'RECEIVED',
          requestedAmount: body.amount,
          description: body.description,
          applicantName: body.applicant.name,
          idNumberHmac: hmac,
          idNumberEncrypted: this.pii.encrypt(body.applicant.idNumber),
          idNumberMasked: maskResidentId(body.applicant.idNumber),
          memberId: member?.id ?? null,
          area: body.area,
          createdBy: actor.userId,
          idempotencyKey: idempotencyKey ?? null,
          drill: this.config.SAFETYNET_DRILL,
        });
        await appendAudit(tx, {
          actorId: actor.userId,
          role: actor.role,
          action: 'EMERGENCY_CASE_CREATED',
          targetType: 'EmergencyCase',
          targetId: caseId,
          requestId,
          details: {
            path,
            amount: body.amount,
            kind: body.kind,
            severity: body.severity,
            townshipCode: body.townshipCode,
            registryMatch: member !== null,
          },
        });
        await this.temporal.workflow.start(emergencyAidWorkflow, {
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          workflowId: emergencyWorkflowId(caseId),
          args: [input],
          typedSearchAttributes: [
            { key: CATEGORY, value: 'TEMPORARY_ASSISTANCE' },
            { key: COUNTY, value: countyCode },
            { key: TOWNSHIP, value: body.townshipCode },
          ],
        });
      });
    } catch (error) {
      // Two retries of one request racing: the loser returns the winner's case.
      if (idempotency && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        await assertSameRequest(this.prisma, actor.userId, idempotency);
        const first = await replay();
        if (first) return first;
      }
      throw error;
    }
    return this.view(caseId);
  }

  private async located(actor: Actor, id: string) {
    const row = await this.cases.location(id);
    if (!row) throw notFound('急难救助案件', id);
    assertJurisdiction(actor, row.townshipCode);
    return row;
  }

  async get(actor: Actor, id: string) {
    await this.located(actor, id);
    return this.view(id);
  }

  /** The case as staff see it: masked ID number only, payments, open tasks, and the workflow's own state. */
  private async view(id: string) {
    const { row, tasks } = await this.cases.detail(id);
    const process = await this.temporal.workflow
      .getHandle(row.workflowId)
      .query(emergencyStateQuery)
      .catch(() => null);
    const incidents = await this.incidents.ofWorkflows(row.workflowId);
    return { ...row, stageName: EMERGENCY_STAGE_NAMES_ZH[row.stage as EmergencyStage], tasks, process, incidents };
  }

  async list(
    actor: Actor,
    q: { county?: string; township?: string; stage?: string; kind?: string; page: number; pageSize: number },
  ) {
    const scope = q.township ?? q.county ?? actor.jurisdiction;
    assertJurisdiction(actor, scope);
    const { items, total } = await this.cases.page(
      divisionPrefix(scope),
      { ...(q.stage ? { stage: q.stage } : {}), ...(q.kind ? { kind: q.kind } : {}) },
      q.page,
      q.pageSize,
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Every action on the case, through the workflow's Update (its validator has the last word). */
  async act(
    actor: Actor,
    id: string,
    command: EmergencyAction,
    requestId: string,
    taskId?: string,
  ): Promise<EmergencyState> {
    const row = await this.located(actor, id);
    try {
      return await this.temporal.workflow.getHandle(row.workflowId).executeUpdate(emergencyActUpdate, {
        args: [{ actor: actorRef(actor), requestId, command, ...(taskId ? { taskId } : {}) }],
      });
    } catch (error) {
      throw refusalToHttp(error, closed);
    }
  }
}

const fieldError = (path: string, message: string) =>
  refusal('VALIDATION_FAILED', '请求内容校验未通过', [{ path, code: 'invalid_value', message }]);

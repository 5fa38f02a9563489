import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { cstDate } from '../core/clock';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound, type FieldError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  DEPARTMENT_NAMES_ZH,
  type DeliberationAction,
  type DeliberationInput,
  type DeliberationMember,
  type DeliberationRules,
  type DeliberationSource,
  type DeliberationState,
} from '../core/contracts/deliberation';
import { countyOf, divisionCovers, divisionPrefix } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { PARAMETER_IDS } from '../policy';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { PrismaClient } from '../prisma/prisma-client';
import { actorRef, refusalToHttp } from '../temporal/refusal';
import { COUNTY } from '../core/search-attributes';
import { deliberationActUpdate, deliberationStateQuery } from '../core/messages';
import { IncidentRepository } from '../incidents/incident.repository';
import { DeliberationRepository } from './deliberation.repository';
import { refuse, refusal } from '../common/refusals';
import { deliberationWorkflowId } from '../core/workflow-ids';
import { deliberationWorkflow } from '../../workflows/deliberation.workflow';

const closed = () => refusal('DELIBERATION_CLOSED', '该一事一议已结束，不能再执行此操作');

export interface StartDeliberation {
  question: string;
  members: DeliberationMember[];
  // A warning's deliberation is started by its workflow, never through HTTP.
  source?: { kind: Exclude<DeliberationSource, 'EMERGENCY' | 'WARNING' | 'DIRECT'>; id: string };
  county?: string;
}

/** 一事一议 through HTTP: started by a county supervisor (directly, or on a case marked complex, or from an escalation), acted on through the workflow's Update. */
@Injectable()
export class DeliberationService {
  constructor(
    @Inject(LiveParameterStore) private readonly params: LiveParameterStore,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(DeliberationRepository) private readonly store: DeliberationRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IncidentRepository) private readonly incidents: IncidentRepository,
  ) {}

  rules(county: string): DeliberationRules {
    const ctx = { date: cstDate(new Date().toISOString()), county };
    const q = this.params.lookupNumber(PARAMETER_IDS.DELIBERATION_QUORUM_SHARE, ctx);
    const m = this.params.lookupNumber(PARAMETER_IDS.DELIBERATION_MAJORITY_SHARE, ctx);
    return { quorumShare: q.value, majorityShare: m.value, refs: [q.ref, m.ref] };
  }

  /** Members must be department liaisons of the county, each of the department named (400 with the field otherwise). */
  async checkMembers(county: string, members: DeliberationMember[]): Promise<void> {
    const users = await this.store.users(members.map((m) => m.userId));
    const errors: FieldError[] = [];
    members.forEach((m, i) => {
      const u = users.find((x) => x.id === m.userId);
      const path = `members.${i}`;
      if (!u) errors.push({ path: `${path}.userId`, code: 'unknown_user', message: `用户 ${m.userId} 不存在` });
      else if (u.role !== 'DEPARTMENT_LIAISON')
        errors.push({ path: `${path}.userId`, code: 'not_a_liaison', message: `${u.displayName}不是部门联络员` });
      else if (u.department !== m.department)
        errors.push({
          path: `${path}.department`,
          code: 'wrong_department',
          message: `${u.displayName}不是${DEPARTMENT_NAMES_ZH[m.department]}部门的联络员`,
        });
      else if (!divisionCovers(u.jurisdictionCode, county) && !divisionCovers(county, u.jurisdictionCode))
        errors.push({ path: `${path}.userId`, code: 'other_county', message: `${u.displayName}不属于本县（市、区）` });
    });
    if (errors.length) refuse('INVALID_MEMBER', '成员单位联络员不符合要求', errors);
  }

  /** The county and township of the case a deliberation is asked for (jurisdiction checked). */
  private async sourceOf(
    actor: Actor,
    source: StartDeliberation['source'],
  ): Promise<{ county: string; township: string | null }> {
    if (!source) return { county: countyOf(actor.jurisdiction), township: null };
    if (source.kind === 'DETERMINATION') {
      const app = await this.store.applicationPlace(source.id);
      if (!app) throw notFound('申请案件', source.id);
      return { county: app.countyCode, township: app.townshipCode };
    }
    if (source.kind === 'RECHECK') {
      const r = await this.store.recheckPlace(source.id);
      if (!r) throw notFound('复核', source.id);
      return { county: r.enrolledCase.countyCode, township: r.enrolledCase.townshipCode };
    }
    const t = await this.store.taskPlace(source.id);
    if (!t || t.type !== 'ESCALATION') throw notFound('升级事项', source.id);
    return { county: t.countyCode, township: t.townshipCode };
  }

  async start(actor: Actor, body: StartDeliberation, requestId: string) {
    const where = await this.sourceOf(actor, body.source);
    const county = body.county ?? where.county;
    if (county.length !== 6 || county.endsWith('00'))
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'county', code: 'required', message: '须指定县（市、区）' },
      ]);
    assertJurisdiction(actor, county);
    await this.checkMembers(county, body.members);
    const id = randomUUID();
    const input: DeliberationInput = {
      deliberationId: id,
      countyCode: county,
      townshipCode: where.township,
      source: { kind: body.source?.kind ?? 'DIRECT', id: body.source?.id ?? null },
      question: body.question,
      convened: { chair: actorRef(actor), members: body.members, requestId },
      rules: this.rules(county),
    };
    await this.prisma.$transaction(async (tx) => {
      await this.store.create(tx, {
        id,
        workflowId: deliberationWorkflowId(id),
        countyCode: county,
        townshipCode: where.township,
        sourceKind: input.source.kind,
        sourceId: input.source.id,
        question: body.question,
        chairId: actor.userId,
        members: body.members as never,
        stage: 'OPINIONS',
        drill: this.config.SAFETYNET_DRILL,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'DELIBERATION_REQUESTED',
        targetType: 'Deliberation',
        targetId: id,
        requestId,
        details: { source: input.source, members: body.members.map((m) => m.department) },
      });
      await this.temporal.workflow.start(deliberationWorkflow, {
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        workflowId: deliberationWorkflowId(id),
        args: [input],
        typedSearchAttributes: [{ key: COUNTY, value: county }],
      });
    });
    return this.view(id);
  }

  private async located(actor: Actor, id: string) {
    const row = await this.store.location(id);
    if (!row) throw notFound('一事一议', id);
    const member = (row.members as unknown as DeliberationMember[]).some((m) => m.userId === actor.userId);
    if (!member) assertJurisdiction(actor, row.countyCode);
    return row;
  }

  async get(actor: Actor, id: string) {
    await this.located(actor, id);
    return this.view(id);
  }

  /** Newest first, a page at a time with the total (a county's matters grow without bound: none is cut off unseen). */
  async list(actor: Actor, q: { county?: string; stage?: string; page: number; pageSize: number }) {
    const scope = q.county ?? actor.jurisdiction;
    assertJurisdiction(actor, scope);
    const { items, total } = await this.store.page(divisionPrefix(scope), q.stage, q.page, q.pageSize);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  private async view(id: string) {
    const { row, tasks } = await this.store.detail(id);
    const process = await this.temporal.workflow
      .getHandle(row.workflowId)
      .query(deliberationStateQuery)
      .catch(() => null);
    const incidents = await this.incidents.ofWorkflows(row.workflowId);
    return { ...row, tasks, process, incidents };
  }

  async act(actor: Actor, id: string, command: DeliberationAction, requestId: string): Promise<DeliberationState> {
    const row = await this.located(actor, id);
    if (command.action === 'convene') await this.checkMembers(row.countyCode, command.members);
    try {
      return await this.temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(deliberationActUpdate, { args: [{ actor: actorRef(actor), requestId, command }] });
    } catch (error) {
      throw refusalToHttp(error, closed);
    }
  }
}

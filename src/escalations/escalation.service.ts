import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { planDue } from '../applications/due-dates';
import { cstDate } from '../core/clock';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import { pageInMemory } from '../common/keyset';
import { divisionCovers, divisionPrefix } from '../core/contracts/division';
import type { DeliberationMember } from '../core/contracts/deliberation';
import type { Actor } from '../core/contracts/roles';
import { DeliberationService } from '../deliberation/deliberation.service';
import { PARAMETER_IDS, type WorkingDayCalendar } from '../policy';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { LiveCalendar } from '../calendar/live-calendar';
import { PrismaClient } from '../prisma/prisma-client';
import { TaskService } from '../tasks/task.service';
import { actorRef, refusalToHttp } from '../temporal/refusal';
import { emergencyActUpdate } from '../core/messages';
import { EscalationRepository } from './escalation.repository';
import { refuse, refusal } from '../common/refusals';

export type SlaState = 'ON_TIME' | 'AT_RISK' | 'BREACHED';

export interface EscalationItem {
  id: string;
  /** TASK: an ESCALATION task (overdue step, missing explanation, overdue paperwork, fund refusal, stalled deliberation, overdue follow-up); DELIBERATION: an open 一事一议. */
  source: 'TASK' | 'DELIBERATION';
  kind: string;
  caseKind: string;
  caseId: string | null;
  workflowId: string;
  countyCode: string;
  townshipCode: string | null;
  reason: string | null;
  createdAt: string;
  ageHours: number;
  dueAt: string;
  slaState: SlaState;
  owner: string | null;
  status: string;
}

/** One page of the board, and the open items per SLA state of the kind asked for (the board's summary). */
export interface EscalationBoard {
  items: EscalationItem[];
  /** Items after the kind and SLA filters. */
  total: number;
  page: number;
  pageSize: number;
  /** Items of the kind filter per SLA state, before the SLA filter: the summary stays whole while one state is listed. */
  counts: Record<SlaState, number>;
}

/** The most items one page of the board holds. */
export const ESCALATION_PAGE_SIZE_MAX = 200;

export interface EscalationDecision {
  decision: 'RESOLVE' | 'DELIBERATE' | 'RETRY_PAYMENT' | 'PAY_FROM_COUNTY_BUDGET' | 'CLOSE_CASE';
  reason: string;
  members?: DeliberationMember[];
  question?: string;
}

const SLA_ORDER: Record<SlaState, number> = { BREACHED: 0, AT_RISK: 1, ON_TIME: 2 };
const FUND_DECISIONS = {
  RETRY_PAYMENT: 'RETRY',
  PAY_FROM_COUNTY_BUDGET: 'PAY_FROM_COUNTY_BUDGET',
  CLOSE_CASE: 'CLOSE',
} as const;

/**
 * The county supervisors' escalation board: every open escalation of their
 * county with its age, SLA state and owner; take ownership, reassign, decide.
 */
@Injectable()
export class EscalationService {
  constructor(
    @Inject(LiveParameterStore) private readonly params: LiveParameterStore,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(EscalationRepository) private readonly store: EscalationRepository,
    @Inject(TaskService) private readonly tasks: TaskService,
    @Inject(DeliberationService) private readonly deliberations: DeliberationService,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LiveCalendar) private readonly calendar: LiveCalendar,
  ) {}

  /**
   * SLA of an escalation: breached past its due time, at risk from the reminder share of its span.
   * The share is looked up once per county for a whole board (the board holds up to thousands).
   */
  private slaOf(now: Date): (createdAt: Date, dueAt: Date, county: string) => SlaState {
    const date = cstDate(now.toISOString());
    const shares = new Map<string, number>();
    const shareOf = (county: string) => {
      let share = shares.get(county);
      if (share === undefined) {
        share = this.params.lookupNumber(PARAMETER_IDS.TL_REMINDER_SHARE, { date, county }).value;
        shares.set(county, share);
      }
      return share;
    };
    return (createdAt, dueAt, county) => {
      if (now > dueAt) return 'BREACHED';
      return now.getTime() >= createdAt.getTime() + shareOf(county) * (dueAt.getTime() - createdAt.getTime())
        ? 'AT_RISK'
        : 'ON_TIME';
    };
  }

  /** An escalation without its own due date (the determination's) is due after time_limit.escalation_response. */
  private dueOf(calendar: WorkingDayCalendar, createdAt: Date, dueAt: Date | null, county: string): Date {
    if (dueAt) return dueAt;
    return new Date(
      planDue(this.params, calendar, {
        limitId: PARAMETER_IDS.TL_ESCALATION_RESPONSE,
        from: createdAt.toISOString(),
        county,
      }).dueAt,
    );
  }

  async list(
    actor: Actor,
    q: { county?: string; kind?: string; sla?: SlaState; page: number; pageSize: number },
  ): Promise<EscalationBoard> {
    const scope = q.county ?? actor.jurisdiction;
    assertJurisdiction(actor, scope);
    const prefix = divisionPrefix(scope);
    const now = new Date();
    const [[tasks, open], calendar] = await Promise.all([this.store.board(prefix), this.calendar.current()]);
    const sla = this.slaOf(now);
    const ofKind: EscalationItem[] = [
      ...tasks.map((t): EscalationItem => {
        const due = this.dueOf(calendar, t.createdAt, t.dueAt, t.countyCode);
        return {
          id: t.id,
          source: 'TASK',
          kind: t.escalationKind ?? 'OVERDUE_STEP',
          caseKind: t.caseKind,
          caseId: t.caseId ?? t.applicationId,
          workflowId: t.workflowId,
          countyCode: t.countyCode,
          townshipCode: t.townshipCode,
          reason: t.reason,
          createdAt: t.createdAt.toISOString(),
          ageHours: Math.floor((now.getTime() - t.createdAt.getTime()) / 3600_000),
          dueAt: due.toISOString(),
          slaState: sla(t.createdAt, due, t.countyCode),
          owner: t.assignee,
          status: t.status,
        };
      }),
      ...open.map((d): EscalationItem => {
        const due = d.deadlineAt ?? this.dueOf(calendar, d.createdAt, null, d.countyCode);
        return {
          id: d.id,
          source: 'DELIBERATION',
          kind: 'DELIBERATION',
          caseKind: 'DELIBERATION',
          caseId: d.id,
          workflowId: d.workflowId,
          countyCode: d.countyCode,
          townshipCode: d.townshipCode,
          reason: d.question,
          createdAt: d.createdAt.toISOString(),
          ageHours: Math.floor((now.getTime() - d.createdAt.getTime()) / 3600_000),
          dueAt: due.toISOString(),
          // Past the opinions stage the matter waits on the departments' follow-ups, which escalate on their own.
          slaState: d.stage === 'CONVENING' || d.stage === 'OPINIONS' ? sla(d.createdAt, due, d.countyCode) : 'ON_TIME',
          owner: d.chairId,
          status: d.stage,
        };
      }),
    ].filter((i) => !q.kind || i.kind === q.kind);
    const counts: Record<SlaState, number> = { ON_TIME: 0, AT_RISK: 0, BREACHED: 0 };
    for (const i of ofKind) counts[i.slaState] += 1;
    const listed = ofKind
      .filter((i) => !q.sla || i.slaState === q.sla)
      .sort(
        (a, b) => SLA_ORDER[a.slaState] - SLA_ORDER[b.slaState] || b.ageHours - a.ageHours || a.id.localeCompare(b.id),
      );
    return { ...pageInMemory(listed, q), counts };
  }

  private async escalation(actor: Actor, id: string) {
    const t = await this.store.task(id);
    if (!t || t.type !== 'ESCALATION') throw notFound('升级事项', id);
    if (!divisionCovers(actor.jurisdiction, t.countyCode))
      refuse('OUT_OF_JURISDICTION', `升级事项所属县（市、区）${t.countyCode} 不在您的辖区（${actor.jurisdiction}）内`);
    if (t.status === 'DONE' || t.status === 'CANCELLED') refuse('ESCALATION_CLOSED', '该升级事项已处理完毕');
    return t;
  }

  /** Takes ownership (an OPEN escalation is claimed by the caller). */
  async take(actor: Actor, id: string, requestId: string) {
    await this.escalation(actor, id);
    return this.tasks.claim(actor, id, requestId);
  }

  async reassign(actor: Actor, id: string, body: { assignee: string; reason: string }, requestId: string) {
    await this.escalation(actor, id);
    return this.tasks.reassign(actor, id, body, requestId);
  }

  /**
   * Decides an escalation: a reserve-fund refusal is answered through the emergency workflow
   * (retry after a top-up, pay from the county budget, close the case); any escalation may be
   * sent to 一事一议 (DELIBERATE, with members) or resolved with a written reason (RESOLVE: the
   * step stays with its owner, the escalation is closed and audited).
   */
  async decide(actor: Actor, id: string, body: EscalationDecision, requestId: string) {
    const t = await this.escalation(actor, id);
    if (t.assignee !== null && t.assignee !== actor.userId)
      refuse('TASK_CLAIMED_BY_OTHER', '该升级事项已由其他主管认领，请先改派');
    const fund = t.escalationKind === 'FUND_REFUSAL';
    if (body.decision in FUND_DECISIONS) {
      if (!fund) refuse('NOT_A_FUND_REFUSAL', '只有备用金拒付的升级事项可以选择重新支付、改由县级资金支付或结案');
      try {
        await this.temporal.workflow.getHandle(t.workflowId).executeUpdate(emergencyActUpdate, {
          args: [
            {
              actor: actorRef(actor),
              requestId,
              command: {
                action: 'resolveFundRefusal',
                decision: FUND_DECISIONS[body.decision as keyof typeof FUND_DECISIONS],
                reason: body.reason,
              },
            },
          ],
        });
      } catch (error) {
        throw refusalToHttp(error, () => refusal('CASE_CLOSED', '该急难救助案件的流程已结束'));
      }
      return { escalationId: id, decision: body.decision };
    }
    if (fund)
      refuse(
        'FUND_DECISION_REQUIRED',
        '备用金拒付须选择：重新支付（RETRY_PAYMENT）、改由县级资金支付（PAY_FROM_COUNTY_BUDGET）或结案（CLOSE_CASE）',
      );
    let deliberationId: string | null = null;
    if (body.decision === 'DELIBERATE') {
      if (!body.members?.length)
        refuse('VALIDATION_FAILED', '请求内容校验未通过', [
          { path: 'members', code: 'required', message: '提请一事一议须指定成员单位联络员' },
        ]);
      const started = await this.deliberations.start(
        actor,
        { question: body.question ?? body.reason, members: body.members, source: { kind: 'ESCALATION', id } },
        requestId,
      );
      deliberationId = started.id;
    }
    await this.prisma.$transaction(async (tx) => {
      if ((await this.store.close(tx, id, body.decision, actor.userId)) === 0)
        refuse('ESCALATION_CLOSED', '该升级事项已处理完毕');
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'ESCALATION_DECIDED',
        targetType: 'Task',
        targetId: id,
        reason: body.reason,
        requestId,
        details: {
          decision: body.decision,
          kind: t.escalationKind ?? 'OVERDUE_STEP',
          caseKind: t.caseKind,
          ...(deliberationId ? { deliberationId } : {}),
        },
      });
    });
    return { escalationId: id, decision: body.decision, deliberationId };
  }
}

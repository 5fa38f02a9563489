import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { DomainError, notFound } from '../../common/domain-error';
import { refuse } from '../../common/refusals';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { cstDate } from '../../core/clock';
import { countyScopeOf } from '../../common/jurisdiction-scope';
import type { HouseholdFacts } from '../../core/contracts/household-facts';
import type { DeterminedCategory } from '../../core/contracts/policy-determination';
import {
  RECOVERY_STAGE_NAMES_ZH,
  type InstalmentPlan,
  type OpenRecovery,
  type RecordRepayment,
  type RecoveryCommand,
  type RecoveryInput,
  type RecoveryListQuery,
  type RecoveryStage,
  type WriteOff,
} from '../../core/contracts/recovery';
import type { Actor } from '../../core/contracts/roles';
import { recoveryActUpdate } from '../../core/messages';
import { P } from '../../core/parameter-ids';
import { recoveryWorkflowId } from '../../core/workflow-ids';
import { monthIndexOf } from '../../policy/dates';
import { toCents } from '../../policy/money';
import { PolicyInputError } from '../../policy/errors';
import { computeOverpayment, type Overpayment, type OverpaymentInput } from '../../policy/recovery';
import { LiveParameterStore } from '../../policy-admin/live-parameter-store';
import { type Prisma, PrismaClient } from '../../prisma/prisma-client';
import { actorRef, refusalToHttp } from '../../temporal/refusal';
import { instalmentProgress, type InstalmentRow } from './instalment-progress';
import { creditRecordExpiry } from '../credit-records/credit-validity';
import { FINDING_NAMES_ZH } from './finding-names';
import { RecoveryRepository } from './recovery.repository';
import { SOURCE_NAMES_ZH, sourceConcerns } from './supervision-sources';
import { recoveryWorkflow } from '../../../workflows/recovery.workflow';

type RecoveryRow = Prisma.RecoveryGetPayload<object>;
const yuan = (cents: number): string => (cents / 100).toFixed(2);

/**
 * Recovery of wrongly paid aid (追缴) and corrections of staff errors (容错纠错): opening one
 * (the overpaid months computed from the PAID payment rows by the policy engine), the lists
 * and detail, and the workflow's Updates (repayment, instalment plan, write-off).
 */
@Injectable()
export class RecoveryService {
  constructor(
    @Inject(RecoveryRepository) private readonly recoveries: RecoveryRepository,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(actor: Actor, body: OpenRecovery, requestId: string) {
    const kase = await this.recoveries.enrolledCase(body.enrolledCaseId);
    if (!kase) throw notFound('保障案件', body.enrolledCaseId);
    assertJurisdiction(actor, kase.countyCode);
    const concerns = await sourceConcerns(this.prisma, body.source);
    if (!concerns) throw notFound(SOURCE_NAMES_ZH[body.source.kind], body.source.id);
    if (concerns.enrolledCaseId !== kase.id)
      refuse('SOURCE_NOT_OF_CASE', `该${SOURCE_NAMES_ZH[body.source.kind]}与保障案件 ${kase.id} 无关`, [
        {
          path: 'source.id',
          code: 'source_not_of_case',
          message: `该${SOURCE_NAMES_ZH[body.source.kind]}未涉及此保障案件`,
        },
      ]);
    const facts = (await this.recoveries.factsOf(kase.applicationId))?.facts as HouseholdFacts | null | undefined;
    if (!facts) refuse('DATA_ERROR', '该保障案件缺少认定时的家庭情况，无法核算多发金额');
    const memberIds = new Set(facts.members.map((m) => m.id));
    for (const id of [body.finding.memberId, ...(body.finding.income ?? []).map((i) => i.memberId)])
      if (id !== undefined && !memberIds.has(id))
        refuse('VALIDATION_FAILED', '请求内容校验未通过', [
          { path: 'finding.memberId', code: 'unknown_member', message: `家庭成员 ${id} 不在该案件的认定材料中` },
        ]);

    const computed = this.compute({
      facts,
      category: kase.category as DeterminedCategory,
      finding: body.finding,
      paid: kase.payments.map((p) => ({ month: p.month, amountCents: toCents(Number(p.amount)) })),
    });
    if (computed.totalCents === 0)
      refuse('NOTHING_TO_RECOVER', `自 ${computed.firstMonth} 起的已发放月份按查实情况核算没有多发金额，无需追缴`, [], {
        computedTotal: 0,
        months: computed.months.map((m) => m.month),
      });
    if (body.expectedTotal !== undefined && toCents(body.expectedTotal) !== computed.totalCents)
      refuse(
        'RECOVERY_AMOUNT_MISMATCH',
        `追缴金额与发放记录不符：按发放记录逐月核算为 ${yuan(computed.totalCents)} 元，所填为 ${yuan(toCents(body.expectedTotal))} 元`,
        [
          {
            path: 'expectedTotal',
            code: 'amount_mismatch',
            message: `追缴金额与发放记录不符，应为 ${yuan(computed.totalCents)} 元`,
          },
        ],
        { computedTotal: Number(yuan(computed.totalCents)) },
      );
    const overpaid = computed.months.filter((m) => m.overpaidCents > 0);
    const taken = await this.recoveries.overlapping(
      kase.id,
      overpaid.map((m) => m.month),
    );
    if (taken.length > 0)
      refuse('RECOVERY_OVERLAP', `以下月份已在另一追缴中计算：${taken.map((t) => t.month).join('、')}`, [], {
        recoveryId: taken[0]!.recoveryId,
      });

    const now = new Date();
    const today = cstDate(now.toISOString());
    // 容错纠错: a staff error corrected within the parameter's months of the first overpaid month.
    const timely = this.parameters.lookupNumber(P.CORRECTION_TIMELY_MONTHS, { date: today, county: kase.countyCode });
    const correction =
      body.cause === 'STAFF_ERROR' &&
      monthIndexOf(today.slice(0, 7)) - monthIndexOf(overpaid[0]!.month) <= timely.value;
    const id = randomUUID();
    const workflowId = recoveryWorkflowId(id);
    // An untruthful or late declaration is a credit record against the household; a staff error never is.
    const credit =
      body.cause === 'HOUSEHOLD'
        ? {
            id: randomUUID(),
            householdId: kase.householdId,
            countyCode: kase.countyCode,
            sourceKind: body.source.kind,
            sourceId: body.source.id,
            recoveryId: id,
            finding: `${FINDING_NAMES_ZH[body.finding.kind]}：${body.finding.description}`,
            recordedBy: actor.userId,
            recordedAt: now,
            expiresAt: creditRecordExpiry(this.parameters, now, kase.countyCode),
          }
        : null;
    await this.recoveries.open(
      {
        id,
        enrolledCaseId: kase.id,
        householdId: kase.householdId,
        countyCode: kase.countyCode,
        sourceKind: body.source.kind,
        sourceId: body.source.id,
        findingKind: body.finding.kind,
        finding: body.finding as unknown as Prisma.InputJsonValue,
        cause: body.cause,
        correction,
        stage: 'FOUND',
        total: yuan(computed.totalCents),
        workflowId,
        openedBy: actor.userId,
        openedAt: now,
        updatedAt: now,
      },
      computed.months.map((m) => ({
        month: m.month,
        paid: yuan(m.paidCents),
        entitled: yuan(m.entitledCents),
        overpaid: yuan(m.overpaidCents),
        explanation: m.explanation,
      })),
      credit,
      { actorId: actor.userId, role: actor.role, requestId },
    );
    const input: RecoveryInput = {
      recoveryId: id,
      countyCode: kase.countyCode,
      totalCents: computed.totalCents,
      correction,
    };
    await this.temporal.workflow.start(recoveryWorkflow, {
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [input],
    });
    return this.get(actor, id);
  }

  /** The engine cannot decide on these facts (e.g. a month outside every parameter version): a 400 that says why. */
  private compute(inp: OverpaymentInput): Overpayment {
    try {
      return computeOverpayment(inp, this.parameters);
    } catch (error) {
      if (error instanceof PolicyInputError) refuse('DATA_ERROR', `无法按发放记录核算多发金额：${error.message}`);
      throw error;
    }
  }

  async list(actor: Actor, q: RecoveryListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    const where: Prisma.RecoveryWhereInput = {
      ...countyScopeOf(actor.jurisdiction),
      ...(q.county ? { AND: [{ countyCode: q.county }] } : {}),
      ...(q.state ? { stage: q.state } : {}),
    };
    const [rows, total] = await this.recoveries.page(where, (q.page - 1) * q.pageSize, q.pageSize);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }

  private async located(actor: Actor, id: string): Promise<RecoveryRow> {
    const r = await this.recoveries.recovery(id);
    if (!r) throw notFound('追缴', id);
    assertJurisdiction(actor, r.countyCode);
    return r;
  }

  async get(actor: Actor, id: string) {
    await this.located(actor, id);
    const r = (await this.recoveries.detail(id))!;
    const months = r.months.map((m) => ({
      month: m.month,
      paid: Number(m.paid),
      entitled: Number(m.entitled),
      overpaid: Number(m.overpaid),
      explanation: m.explanation as string[],
    }));
    return {
      ...view(r),
      finding: r.finding,
      months,
      explanation: [
        `查实情况：${FINDING_NAMES_ZH[r.findingKind as keyof typeof FINDING_NAMES_ZH] ?? r.findingKind}（来源：${SOURCE_NAMES_ZH[r.sourceKind as keyof typeof SOURCE_NAMES_ZH] ?? r.sourceKind}）`,
        `按发放记录逐月核算，${months.filter((m) => m.overpaid > 0).length} 个月多发，合计 ${Number(r.total).toFixed(2)} 元`,
        ...(r.correction ? ['工作人员失误已及时纠正（容错纠错）：不向家庭发出追缴告知，不记入信用记录'] : []),
        ...(r.cause === 'STAFF_ERROR' && !r.correction
          ? ['工作人员失误但未及时纠正：仍需追缴，不记入家庭信用记录']
          : []),
      ],
      instalments: r.instalments
        ? instalmentProgress(r.instalments as unknown as InstalmentRow[], r.total.toString(), r.repaid.toString())
        : null,
      writeOffReason: r.writeOffReason,
      writeOffRef: r.writeOffRef,
      repayments: r.repayments.map((p) => ({
        id: p.id,
        amount: Number(p.amount),
        paidOn: p.paidOn.toISOString().slice(0, 10),
        reference: p.reference,
        recordedBy: p.recordedBy,
        recordedAt: p.recordedAt,
      })),
      timeline: r.events.map((e) => ({ type: e.type, stage: e.stage, actor: e.actor, reason: e.reason, at: e.at })),
    };
  }

  repay(actor: Actor, id: string, body: RecordRepayment, requestId: string) {
    return this.act(actor, id, requestId, {
      action: 'recordRepayment',
      repaymentId: randomUUID(),
      amountCents: toCents(body.amount),
      paidOn: body.paidOn,
      reference: body.reference,
    });
  }

  setPlan(actor: Actor, id: string, body: InstalmentPlan, requestId: string) {
    return this.act(actor, id, requestId, {
      action: 'setInstalmentPlan',
      instalments: body.instalments.map((i) => ({ dueOn: i.dueOn, amountCents: toCents(i.amount) })),
    });
  }

  writeOff(actor: Actor, id: string, body: WriteOff, requestId: string) {
    return this.act(actor, id, requestId, { action: 'writeOff', reason: body.reason, decisionRef: body.decisionRef });
  }

  /** The workflow's validator has the last word (stage, debt, role, county); the detail after it. */
  private async act(actor: Actor, id: string, requestId: string, command: RecoveryCommand) {
    const r = await this.located(actor, id);
    try {
      await this.temporal.workflow
        .getHandle(r.workflowId)
        .executeUpdate(recoveryActUpdate, { args: [{ actor: actorRef(actor), requestId, command }] });
    } catch (error) {
      throw refusalToHttp(error, () => new DomainError(409, 'RECOVERY_CLOSED', '该追缴已结案'));
    }
    return this.get(actor, id);
  }
}

function view(r: RecoveryRow) {
  return {
    id: r.id,
    enrolledCaseId: r.enrolledCaseId,
    householdId: r.householdId,
    countyCode: r.countyCode,
    source: { kind: r.sourceKind, id: r.sourceId },
    findingKind: r.findingKind,
    cause: r.cause,
    correction: r.correction,
    stage: r.stage,
    stageName: RECOVERY_STAGE_NAMES_ZH[r.stage as RecoveryStage] ?? r.stage,
    closure: r.closure,
    total: Number(r.total),
    repaid: Number(r.repaid),
    remaining: Number((Number(r.total) - Number(r.repaid)).toFixed(2)),
    openedAt: r.openedAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
  };
}

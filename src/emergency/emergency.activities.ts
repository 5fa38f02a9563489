import { randomUUID } from 'node:crypto';
import { cstDate } from '../core/clock';
import { auditActorOf, auditEventSeen } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { ActorRef } from '../core/contracts/determination';
import type { DeliberationRules } from '../core/contracts/deliberation';
import type { EmergencyStage, IncomeTestResult } from '../core/contracts/emergency';
import { PARAMETER_IDS, PolicyInputError, temporaryAssistanceIncomeTest, type ParameterStore } from '../policy';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import { auditRefusal, pay, ReserveFundRefusal } from '../reserve-fund/reserve-fund.ledger';
import { drillNotice } from '../common/drill-notice';
import { deliberationReasonsZh, emergencyNotice, type DeliberatedDecision, type EmergencyNoticeKind } from './notices';

export interface EmergencyEventInput {
  caseId: string;
  /** Deterministic per workflow step: a retried activity writes nothing twice. */
  eventKey: string;
  type: string;
  stage?: EmergencyStage;
  actor: ActorRef | null;
  requestId?: string | null;
  reason?: string | null;
  /** Read-model columns that change with the event. */
  patch?: {
    approvedAmount?: number;
    eased?: boolean;
    explanation?: string;
    registration?: Prisma.InputJsonValue;
    decision?: Prisma.InputJsonValue;
    measures?: Prisma.InputJsonValue;
    deliberationId?: string;
    dueAt?: string | null;
    closed?: boolean;
  };
  details?: Prisma.InputJsonValue;
}

export interface EmergencyPaymentInput {
  caseId: string;
  paymentKey: string;
  stage: number;
  amount: number;
  townshipCode: string;
  source: 'RESERVE_FUND' | 'COUNTY_BUDGET';
  actor: ActorRef | null;
}

/** Activities of the emergency aid workflow (processes.md §3), built from their dependencies (rule 5). */
export function createEmergencyActivities(deps: { prisma: PrismaClient; parameters: ParameterStore }) {
  const { prisma, parameters } = deps;

  return {
    /** One event of the case: read model and audit row in one transaction, once per eventKey. */
    async recordEmergencyEvent(e: EmergencyEventInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (await auditEventSeen(tx, 'EmergencyCase', e.caseId, e.eventKey)) return;
        const p = e.patch ?? {};
        await tx.emergencyCase.update({
          where: { id: e.caseId },
          data: {
            ...(e.stage ? { stage: e.stage } : {}),
            ...(p.approvedAmount !== undefined ? { approvedAmount: p.approvedAmount } : {}),
            ...(p.eased !== undefined ? { eased: p.eased } : {}),
            ...(p.explanation !== undefined ? { explanation: p.explanation } : {}),
            ...(p.registration !== undefined ? { registration: p.registration } : {}),
            ...(p.decision !== undefined ? { decision: p.decision } : {}),
            ...(p.measures !== undefined ? { measures: p.measures } : {}),
            ...(p.deliberationId !== undefined ? { deliberationId: p.deliberationId } : {}),
            ...(p.dueAt !== undefined ? { dueAt: p.dueAt === null ? null : new Date(p.dueAt) } : {}),
            ...(p.closed ? { closedAt: new Date() } : {}),
          },
        });
        await appendAudit(tx, {
          ...auditActorOf(e.actor),
          action: `EMERGENCY_${e.type}`,
          targetType: 'EmergencyCase',
          targetId: e.caseId,
          reason: e.reason ?? null,
          requestId: e.requestId ?? null,
          details: {
            eventKey: e.eventKey,
            ...(e.stage ? { stage: e.stage } : {}),
            ...((e.details as object | undefined) ?? {}),
          },
        });
      });
    },

    /**
     * Pays one (stage of an) approved amount. From the reserve fund: a conditional debit of
     * the township's balance; a short balance moves nothing, is audited and fails with the
     * non-retryable RESERVE_FUND_INSUFFICIENT (the workflow escalates). Idempotent by paymentKey.
     */
    async payEmergency(p: EmergencyPaymentInput): Promise<{ paid: boolean; balanceAfter: number | null }> {
      const movement = {
        townshipCode: p.townshipCode,
        amount: p.amount,
        entryKey: `emergency:${p.paymentKey}`,
        caseId: p.caseId,
        actor: auditActorOf(p.actor),
        reason: `临时救助第 ${p.stage} 笔`,
      };
      try {
        return await prisma.$transaction(async (tx) => {
          if (await tx.emergencyPayment.findUnique({ where: { paymentKey: p.paymentKey }, select: { id: true } }))
            return { paid: false, balanceAfter: null };
          const balanceAfter = p.source === 'RESERVE_FUND' ? (await pay(tx, movement)).balanceAfter : null;
          await tx.emergencyPayment.create({
            data: {
              id: randomUUID(),
              caseId: p.caseId,
              paymentKey: p.paymentKey,
              stage: p.stage,
              amount: p.amount,
              source: p.source,
            },
          });
          await tx.emergencyCase.update({ where: { id: p.caseId }, data: { paidAmount: { increment: p.amount } } });
          await appendAudit(tx, {
            ...movement.actor,
            action: 'EMERGENCY_PAID',
            targetType: 'EmergencyCase',
            targetId: p.caseId,
            details: {
              eventKey: `paid:${p.paymentKey}`,
              stage: p.stage,
              amount: p.amount,
              source: p.source,
              ...(balanceAfter !== null ? { reserveBalanceAfter: balanceAfter } : {}),
            },
          });
          return { paid: true, balanceAfter };
        });
      } catch (error) {
        if (!(error instanceof ReserveFundRefusal)) throw error;
        await prisma.$transaction((tx) => auditRefusal(tx, error, movement));
        throw error.toFailure();
      }
    },

    /** The income test of expense-type temporary assistance, with the policy engine's parameter. */
    /** Null when no previous-year figure is in force for that county and date: the reviewer then decides without it (a missing parameter must not stop the aid). */
    async emergencyIncomeTest(r: {
      county: string;
      area: 'URBAN' | 'RURAL';
      at: string;
      householdSize: number;
      annualIncome: number;
      rigidExpenses: number;
    }): Promise<IncomeTestResult | null> {
      try {
        return temporaryAssistanceIncomeTest(
          {
            date: cstDate(r.at),
            county: r.county,
            area: r.area,
            householdSize: r.householdSize,
            annualIncome: r.annualIncome,
            rigidExpenses: r.rigidExpenses,
          },
          parameters,
        );
      } catch (error) {
        if (error instanceof PolicyInputError) return null;
        throw error;
      }
    },

    /** The closing notice (Chinese) and final stage, with its audit row; a 一事一议's decision is put in words here, from its measures. */
    async closeEmergencyCase(r: {
      caseId: string;
      stage: 'CLOSED' | 'REFUSED';
      kind: EmergencyNoticeKind;
      amount: number | null;
      reasons: string[];
      actor: ActorRef | null;
      requestId?: string | null;
      deliberation?: DeliberatedDecision;
    }): Promise<string> {
      const reasons = r.deliberation ? deliberationReasonsZh(r.deliberation) : r.reasons;
      const { drill } = await prisma.emergencyCase.findUniqueOrThrow({
        where: { id: r.caseId },
        select: { drill: true },
      });
      const notice = drillNotice(
        emergencyNotice(r.kind, r.amount, r.deliberation ? [] : r.reasons, r.deliberation),
        drill,
      );
      await prisma.$transaction(async (tx) => {
        if (await auditEventSeen(tx, 'EmergencyCase', r.caseId, 'closed')) return;
        await tx.emergencyCase.update({
          where: { id: r.caseId },
          data: { stage: r.stage, notice, closedAt: new Date() },
        });
        await appendAudit(tx, {
          ...auditActorOf(r.actor),
          action: r.stage === 'CLOSED' ? 'EMERGENCY_CLOSED' : 'EMERGENCY_REFUSED',
          targetType: 'EmergencyCase',
          targetId: r.caseId,
          reason: reasons.join('；') || null,
          requestId: r.requestId ?? null,
          details: { eventKey: 'closed', kind: r.kind, amount: r.amount },
        });
      });
      return notice;
    },

    /** The quorum and majority rules in force (for a deliberation the workflow starts). */
    async deliberationRules(r: { county: string; at: string }): Promise<DeliberationRules> {
      const ctx = { date: cstDate(r.at), county: r.county };
      const q = parameters.lookupNumber(PARAMETER_IDS.DELIBERATION_QUORUM_SHARE, ctx);
      const m = parameters.lookupNumber(PARAMETER_IDS.DELIBERATION_MAJORITY_SHARE, ctx);
      return { quorumShare: q.value, majorityShare: m.value, refs: [q.ref, m.ref] };
    },
  };
}

export type EmergencyActivities = ReturnType<typeof createEmergencyActivities>;

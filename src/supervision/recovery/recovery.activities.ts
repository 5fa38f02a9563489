import { appendAudit } from '../../audit/audit-log';
import { auditActorOf } from '../../audit/audit-events';
import { cstDate } from '../../core/clock';
import type { ActorRef } from '../../core/contracts/determination';
import type { Instalment, RecoveryClosure, RecoveryStage } from '../../core/contracts/recovery';
import { P } from '../../core/parameter-ids';
import type { ParameterStore } from '../../policy';
import type { Prisma, PrismaClient } from '../../prisma/prisma-client';
import { FINDING_NAMES_ZH } from './finding-names';
import { recoveryNoticeText } from './recovery-notice';

export interface RecoveryStageRecord {
  recoveryId: string;
  /** Deterministic per workflow step: a retried activity writes nothing twice. */
  eventKey: string;
  type: string;
  stage: RecoveryStage;
  closure?: RecoveryClosure;
  actor: ActorRef | null;
  requestId?: string | null;
  reason?: string | null;
  instalments?: Instalment[];
  writeOff?: { reason: string; decisionRef: string };
}

export interface RepaymentRecord {
  recoveryId: string;
  /** Generated in the workflow's caller: a retry finds the row. */
  repaymentId: string;
  amountCents: number;
  paidOn: string;
  reference: string;
  stage: RecoveryStage;
  closure: RecoveryClosure | null;
  actor: ActorRef;
  requestId: string;
}

type Tx = Prisma.TransactionClient;
const yuan = (cents: number): string => (cents / 100).toFixed(2);

/** The recovery workflow's activities: its stages and timeline, repayments, and the notice to the household. */
export function createRecoveryActivities(deps: { prisma: PrismaClient; parameters: ParameterStore }) {
  const { prisma, parameters } = deps;

  /** The event once per key; false when it was already written (a retry). */
  async function event(tx: Tx, r: Omit<RecoveryStageRecord, 'closure' | 'instalments' | 'writeOff'>): Promise<boolean> {
    const seen = await tx.recoveryEvent.findUnique({
      where: { recoveryId_eventKey: { recoveryId: r.recoveryId, eventKey: r.eventKey } },
      select: { id: true },
    });
    if (seen) return false;
    await tx.recoveryEvent.create({
      data: {
        recoveryId: r.recoveryId,
        eventKey: r.eventKey,
        type: r.type,
        stage: r.stage,
        actor: r.actor?.userId ?? null,
        reason: r.reason ?? null,
        at: new Date(),
      },
    });
    return true;
  }

  return {
    /** A step of the recovery: its row, its timeline and the audit trail, in one transaction. */
    async recordRecoveryStage(r: RecoveryStageRecord): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (!(await event(tx, r))) return;
        const now = new Date();
        await tx.recovery.update({
          where: { id: r.recoveryId },
          data: {
            stage: r.stage,
            updatedAt: now,
            ...(r.closure ? { closure: r.closure, closedAt: now } : {}),
            ...(r.instalments
              ? { instalments: r.instalments.map((i) => ({ dueOn: i.dueOn, amount: yuan(i.amountCents) })) }
              : {}),
            ...(r.writeOff ? { writeOffReason: r.writeOff.reason, writeOffRef: r.writeOff.decisionRef } : {}),
          },
        });
        await appendAudit(tx, {
          ...auditActorOf(r.actor),
          action: `RECOVERY_${r.type}`,
          targetType: 'Recovery',
          targetId: r.recoveryId,
          reason: r.reason ?? null,
          requestId: r.requestId ?? null,
          details: {
            eventKey: r.eventKey,
            stage: r.stage,
            closure: r.closure ?? null,
            ...(r.writeOff ? { decisionRef: r.writeOff.decisionRef } : {}),
            ...(r.instalments ? { instalments: r.instalments.length } : {}),
          },
        });
      });
    },

    /** A repayment: its row (summed by county and month in the fund report), the recovery's total repaid, timeline, audit. */
    async recordRepayment(r: RepaymentRecord): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (await tx.recoveryRepayment.findUnique({ where: { id: r.repaymentId }, select: { id: true } })) return;
        const row = await tx.recovery.findUniqueOrThrow({ where: { id: r.recoveryId }, select: { countyCode: true } });
        const now = new Date();
        await tx.recoveryRepayment.create({
          data: {
            id: r.repaymentId,
            recoveryId: r.recoveryId,
            countyCode: row.countyCode,
            amount: yuan(r.amountCents),
            paidOn: new Date(`${r.paidOn}T00:00:00Z`),
            reference: r.reference,
            recordedBy: r.actor.userId,
            recordedAt: now,
          },
        });
        await tx.recovery.update({
          where: { id: r.recoveryId },
          data: {
            repaid: { increment: yuan(r.amountCents) },
            stage: r.stage,
            updatedAt: now,
            ...(r.closure ? { closure: r.closure, closedAt: now } : {}),
          },
        });
        await event(tx, {
          recoveryId: r.recoveryId,
          eventKey: `REPAYMENT#${r.repaymentId}`,
          type: 'REPAYMENT',
          stage: r.stage,
          actor: r.actor,
          reason: `退还 ${yuan(r.amountCents)} 元`,
        });
        await appendAudit(tx, {
          ...auditActorOf(r.actor),
          action: 'RECOVERY_REPAYMENT',
          targetType: 'Recovery',
          targetId: r.recoveryId,
          requestId: r.requestId,
          details: { repaymentId: r.repaymentId, amount: yuan(r.amountCents), paidOn: r.paidOn, stage: r.stage },
        });
      });
    },

    /**
     * The recovery notice (追缴告知书): written as a notice of the case's application, so the
     * archive files it as a PDF like every other notice; the recovery is NOTIFIED.
     */
    async issueRecoveryNotice(n: { recoveryId: string }): Promise<void> {
      const rec = await prisma.recovery.findUniqueOrThrow({
        where: { id: n.recoveryId },
        include: { months: { orderBy: { month: 'asc' } } },
      });
      const kase = await prisma.enrolledCase.findUniqueOrThrow({
        where: { id: rec.enrolledCaseId },
        select: { applicationId: true },
      });
      const date = cstDate(new Date().toISOString());
      const ctx = { date, county: rec.countyCode };
      const days = parameters.lookupNumber(P.APPEAL_RECONSIDERATION_DAYS, ctx);
      const months = parameters.lookupNumber(P.APPEAL_LITIGATION_MONTHS, ctx);
      const cents = (d: Prisma.Decimal) => Math.round(Number(d) * 100);
      const text = recoveryNoticeText({
        findingZh: FINDING_NAMES_ZH[rec.findingKind as keyof typeof FINDING_NAMES_ZH] ?? rec.findingKind,
        months: rec.months.map((m) => ({
          month: m.month,
          paidCents: cents(m.paid),
          entitledCents: cents(m.entitled),
          overpaidCents: cents(m.overpaid),
        })),
        totalCents: cents(rec.total),
        reconsideration: { days: days.value, source: days.ref.source },
        litigation: { months: months.value, source: months.ref.source },
        date,
      });
      await prisma.$transaction(async (tx) => {
        const r = {
          recoveryId: rec.id,
          eventKey: 'NOTIFIED',
          type: 'NOTIFIED',
          stage: 'NOTIFIED' as const,
          actor: null,
        };
        if (!(await event(tx, { ...r, reason: '已向家庭送达追缴告知书（含行政复议、行政诉讼权利）' }))) return;
        await tx.notice.create({
          data: { applicationId: kase.applicationId, noticeKey: `recovery:${rec.id}`, kind: 'RECOVERY', text },
        });
        await tx.recovery.update({ where: { id: rec.id }, data: { stage: 'NOTIFIED', updatedAt: new Date() } });
        await appendAudit(tx, {
          ...auditActorOf(null),
          action: 'RECOVERY_NOTIFIED',
          targetType: 'Recovery',
          targetId: rec.id,
          details: { eventKey: 'NOTIFIED', stage: 'NOTIFIED', applicationId: kase.applicationId },
        });
      });
    },
  };
}

export type RecoveryActivities = ReturnType<typeof createRecoveryActivities>;

import type { ArchivedCase } from './case-lookup';
import type { PrismaClient } from '../prisma/prisma-client';

/**
 * The case's decision as the database holds it when the archive is made: the policy
 * engine's explanation of an application, an enrolled case's terms, an emergency decision,
 * a deliberation's outcome, a warning's, referral's, complaint's or recovery's disposal. Identifiers and codes only besides the decision text: no names
 * or ID numbers (those are in the household's documents, sealed).
 */
export async function decisionSnapshot(prisma: PrismaClient, c: ArchivedCase): Promise<Record<string, unknown>> {
  const at = new Date().toISOString();
  switch (c.kind) {
    case 'APPLICATION': {
      const a = await prisma.application.findUnique({
        where: { id: c.id },
        select: { category: true, stage: true, explanation: true, factsVersion: true, updatedAt: true },
      });
      return { caseKind: c.kind, caseId: c.id, takenAt: at, ...a };
    }
    case 'ENROLLED_CASE': {
      const e = await prisma.enrolledCase.findUnique({
        where: { id: c.id },
        select: {
          applicationId: true,
          category: true,
          monthlyAmount: true,
          startMonth: true,
          status: true,
          exitedAt: true,
          exitReason: true,
        },
      });
      return { caseKind: c.kind, caseId: c.id, takenAt: at, ...e, monthlyAmount: e?.monthlyAmount.toString() };
    }
    case 'EMERGENCY': {
      const e = await prisma.emergencyCase.findUnique({
        where: { id: c.id },
        select: { kind: true, path: true, stage: true, decision: true, explanation: true, approvedAmount: true },
      });
      return {
        caseKind: c.kind,
        caseId: c.id,
        takenAt: at,
        ...e,
        approvedAmount: e?.approvedAmount?.toString() ?? null,
      };
    }
    case 'DELIBERATION': {
      const d = await prisma.deliberation.findUnique({
        where: { id: c.id },
        select: { sourceKind: true, sourceId: true, stage: true, outcome: true, measures: true, closedReason: true },
      });
      return { caseKind: c.kind, caseId: c.id, takenAt: at, ...d };
    }
    case 'WARNING': {
      const w = await prisma.warning.findUnique({
        where: { id: c.id },
        select: { warningClass: true, source: true, stage: true, outcome: true, reason: true, department: true },
      });
      return { caseKind: c.kind, caseId: c.id, takenAt: at, ...w };
    }
    case 'REFERRAL': {
      const r = await prisma.referral.findUnique({
        where: { id: c.id },
        select: {
          origin: true,
          entitlement: true,
          department: true,
          year: true,
          stage: true,
          outcome: true,
          deliveredWhat: true,
          deliveredAmount: true,
          declineReason: true,
        },
      });
      return {
        caseKind: c.kind,
        caseId: c.id,
        takenAt: at,
        ...r,
        deliveredAmount: r?.deliveredAmount?.toString() ?? null,
      };
    }
    case 'COMPLAINT': {
      // The content and contact details stay out: they may name people.
      const k = await prisma.complaint.findUnique({
        where: { id: c.id },
        select: { channel: true, subject: true, stage: true, findings: true, reply: true, answeredAt: true },
      });
      return { caseKind: c.kind, caseId: c.id, takenAt: at, ...k };
    }
    case 'RECOVERY': {
      const r = await prisma.recovery.findUnique({
        where: { id: c.id },
        select: {
          enrolledCaseId: true,
          findingKind: true,
          cause: true,
          correction: true,
          stage: true,
          closure: true,
          total: true,
          repaid: true,
          writeOffReason: true,
          writeOffRef: true,
        },
      });
      return {
        caseKind: c.kind,
        caseId: c.id,
        takenAt: at,
        ...r,
        total: r?.total.toString(),
        repaid: r?.repaid.toString(),
      };
    }
  }
}

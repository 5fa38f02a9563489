import type { Client } from '@temporalio/client';
import { appendAudit } from '../../audit/audit-log';
import { auditActorOf } from '../../audit/audit-events';
import type { ComplaintStage } from '../../core/contracts/complaint';
import type { ActorRef } from '../../core/contracts/determination';
import { signalCaseChange } from '../../enrolment/case-change-signal';
import type { PrismaClient } from '../../prisma/prisma-client';

export interface ComplaintStageRecord {
  complaintId: string;
  /** Deterministic per workflow step: a retried activity writes nothing twice. */
  eventKey: string;
  type: string;
  stage: ComplaintStage;
  actor: ActorRef | null;
  requestId?: string | null;
  reason?: string | null;
  /** Staff's findings (the row only: never in the timeline's reason or the audit trail). */
  findings?: string;
  /** The reply to the public (the row only). */
  reply?: string;
  changeReportId?: string;
  dueAt?: string | null;
  overdue?: boolean;
}

export interface ComplaintHomeVisit {
  complaintId: string;
  enrolledCaseId: string;
  /** Deterministic per visit: a retried activity writes nothing twice. */
  eventKey: string;
  findings: string;
  actor: ActorRef;
  requestId: string;
}

export interface ComplaintCaseSignal {
  complaintId: string;
  enrolledCaseId: string;
  /** Generated in the workflow: the change report's id, so a retry finds it. */
  changeReportId: string;
}

/** The complaint workflow's activities: its stages and timeline, and the recheck an answer opens. */
export function createComplaintActivities(deps: { prisma: PrismaClient; temporal?: { client: Client } }) {
  const { prisma } = deps;

  return {
    /** A step of the complaint: its row, its timeline and the audit trail, in one transaction. */
    async recordComplaintStage(r: ComplaintStageRecord): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const seen = await tx.complaintEvent.findUnique({
          where: { complaintId_eventKey: { complaintId: r.complaintId, eventKey: r.eventKey } },
          select: { id: true },
        });
        if (seen) return;
        const now = new Date();
        await tx.complaint.update({
          where: { id: r.complaintId },
          data: {
            stage: r.stage,
            updatedAt: now,
            ...(r.findings !== undefined ? { findings: r.findings } : {}),
            ...(r.reply !== undefined ? { reply: r.reply, answeredAt: now } : {}),
            ...(r.changeReportId !== undefined ? { changeReportId: r.changeReportId } : {}),
            ...(r.dueAt !== undefined ? { dueAt: r.dueAt === null ? null : new Date(r.dueAt) } : {}),
            ...(r.overdue !== undefined ? { overdue: r.overdue } : {}),
            ...(r.stage === 'CLOSED' ? { closedAt: now } : {}),
          },
        });
        await tx.complaintEvent.create({
          data: {
            complaintId: r.complaintId,
            eventKey: r.eventKey,
            type: r.type,
            stage: r.stage,
            actor: r.actor?.userId ?? null,
            reason: r.reason ?? null,
            at: now,
          },
        });
        await appendAudit(tx, {
          ...auditActorOf(r.actor),
          action: `COMPLAINT_${r.type}`,
          targetType: 'Complaint',
          targetId: r.complaintId,
          reason: r.reason ?? null,
          requestId: r.requestId ?? null,
          details: { eventKey: r.eventKey, stage: r.stage, changeReportId: r.changeReportId ?? null },
        });
      });
    },

    /**
     * A county home visit (县级入户核查) on the case the complaint names: on the case's own
     * record of home visits (its application's), beside the township's and the county's
     * earlier ones, and on the audit trail (without the findings).
     */
    async recordComplaintHomeVisit(v: ComplaintHomeVisit): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const kase = await tx.enrolledCase.findUniqueOrThrow({
          where: { id: v.enrolledCaseId },
          select: { applicationId: true },
        });
        const eventKey = `complaint:${v.complaintId}:${v.eventKey}`;
        const inserted = await tx.homeVisit.createMany({
          data: [
            {
              applicationId: kase.applicationId,
              eventKey,
              kind: 'COUNTY',
              investigators: [],
              findings: v.findings,
              householdSigned: null,
              recordedBy: v.actor.userId,
              recordedRole: v.actor.role,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        await appendAudit(tx, {
          ...auditActorOf(v.actor),
          action: 'COMPLAINT_HOME_VISIT_RECORDED',
          targetType: 'Application',
          targetId: kase.applicationId,
          reason: '投诉举报县级入户核查',
          requestId: v.requestId,
          details: { complaintId: v.complaintId, enrolledCaseId: v.enrolledCaseId, eventKey },
        });
      });
    },

    /** An answer that opens a recheck: the enrolled case hears a material change report (the warnings' path). */
    async signalCaseFromComplaint(s: ComplaintCaseSignal): Promise<boolean> {
      if (!deps.temporal) throw new Error('投诉举报工作流需要 Temporal 客户端');
      return signalCaseChange(prisma, deps.temporal.client, {
        enrolledCaseId: s.enrolledCaseId,
        changeReportId: s.changeReportId,
        change: 'OTHER',
        material: true,
        details: { description: '投诉举报经调查核实，需复核保障资格', complaintId: s.complaintId },
        origin: { complaintId: s.complaintId },
      });
    },
  };
}

export type ComplaintActivities = ReturnType<typeof createComplaintActivities>;

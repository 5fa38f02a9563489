import { type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { appendAudit } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { MATERIAL_CHANGES, type ChangeKind } from '../core/contracts/enrolment';
import { reportChangeSignal } from '../core/messages';
import { enrolledCaseWorkflowId } from '../core/workflow-ids';
import type { PrismaClient } from '../prisma/prisma-client';

export interface CaseChangeFromElsewhere {
  enrolledCaseId: string;
  /** Generated in the calling workflow: a retry finds the report it stored. */
  changeReportId: string;
  change: ChangeKind;
  /** Starts a recheck whatever the kind (a complaint's findings call for one); absent: by the kind. */
  material?: boolean;
  /** The change report's details (no ID numbers): description, and the id of what raised it. */
  details: Record<string, unknown>;
  /** Added to the audit row: what raised it (e.g. { warningId } or { complaintId }). */
  origin: Record<string, string>;
}

/**
 * An enrolled case hears a change another process found (a warning's department record, a
 * complaint's findings) as a change report: stored, audited and signalled in one transaction,
 * as the change-report API does; a material change starts its recheck. A case that exited
 * meanwhile has nothing to hear: false.
 */
export async function signalCaseChange(
  prisma: PrismaClient,
  client: Client,
  s: CaseChangeFromElsewhere,
): Promise<boolean> {
  const kase = await prisma.enrolledCase.findUnique({ where: { id: s.enrolledCaseId } });
  if (!kase || kase.status === 'EXITED' || !kase.workflowId) return false;
  const material = s.material ?? MATERIAL_CHANGES.has(s.change);
  await prisma.$transaction(async (tx) => {
    const known = await tx.changeReport.findUnique({ where: { id: s.changeReportId }, select: { id: true } });
    if (!known) {
      await tx.changeReport.create({
        data: {
          id: s.changeReportId,
          enrolledCaseId: s.enrolledCaseId,
          kind: s.change,
          material,
          reportedBy: SYSTEM_ACTOR.actorId,
          reportedRole: SYSTEM_ACTOR.role,
          details: s.details as object,
        },
      });
      await appendAudit(tx, {
        ...SYSTEM_ACTOR,
        action: 'CHANGE_REPORTED',
        targetType: 'EnrolledCase',
        targetId: s.enrolledCaseId,
        details: { changeReportId: s.changeReportId, kind: s.change, material, ...s.origin },
      });
    }
    try {
      await client.workflow
        .getHandle(kase.workflowId ?? enrolledCaseWorkflowId(kase.id))
        .signal(reportChangeSignal, { changeReportId: s.changeReportId, kind: s.change, material });
    } catch (e) {
      throw ApplicationFailure.create({
        type: 'CASE_CLOSED',
        message: '保障案件流程已结束，无法通知其变更',
        nonRetryable: true,
        cause: e instanceof Error ? e : undefined,
      });
    }
  });
  return true;
}

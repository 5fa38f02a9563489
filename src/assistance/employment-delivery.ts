// An employment referral delivered with a placement (公益性岗位 or a job found): the enrolled case
// hears it as an INCOME_CHANGE change report, stored, audited and signalled as the change-report
// route and the data-comparison warnings do, so the case's recheck applies the employment-cost
// deduction and the phase-out rule it already has. The household leaves the 零就业 register.
import { WorkflowNotFoundError } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { EMPLOYMENT_KIND_NAMES_ZH, type EmploymentKind } from '../core/contracts/employment';
import { MATERIAL_CHANGES } from '../core/contracts/enrolment';
import { reportChangeSignal } from '../core/messages';
import { enrolledCaseWorkflowId } from '../core/workflow-ids';
import { derivedReferralId } from './derived-id';
import type { ReferralActivityDeps } from './referral.activities';
import { clearZeroEmployment } from './zero-employment.tracker';

/** The case no longer runs: the change report is not kept (nothing would hear it). */
class CaseNotRunning extends Error {}

/**
 * Feeds a delivered placement to the referral's enrolled case (once: the change report's id is
 * derived from the referral) and clears the household from 零就业. Returns the change report's id,
 * or null when the referral reported no placement or the case has ended.
 */
export async function reportEmploymentToCase(deps: ReferralActivityDeps, referralId: string): Promise<string | null> {
  const { prisma } = deps;
  const r = await prisma.referral.findUnique({ where: { id: referralId } });
  if (!r || r.outcome !== 'DELIVERED' || r.employmentKind === null || r.enrolledCaseId === null) return null;
  const kase = await prisma.enrolledCase.findUnique({ where: { id: r.enrolledCaseId } });
  if (!kase) return null;
  await clearZeroEmployment(prisma, kase.householdId, r.employmentKind as EmploymentKind, r.id);
  if (kase.status === 'EXITED') return null;
  const changeReportId = derivedReferralId('employment-change', r.id);
  const from = r.employmentFrom?.toISOString().slice(0, 10) ?? null;
  const description = `就业救助反馈：${EMPLOYMENT_KIND_NAMES_ZH[r.employmentKind as EmploymentKind]}，月工资 ${r.employmentWage?.toString() ?? ''} 元${from ? `，自 ${from} 起` : ''}`;
  const material = MATERIAL_CHANGES.has('INCOME_CHANGE');
  try {
    await prisma.$transaction(async (tx) => {
      const known = await tx.changeReport.findUnique({ where: { id: changeReportId }, select: { id: true } });
      if (known) return; // a retry: reported and signalled already
      await tx.changeReport.create({
        data: {
          id: changeReportId,
          enrolledCaseId: kase.id,
          kind: 'INCOME_CHANGE',
          material,
          reportedBy: SYSTEM_ACTOR.actorId,
          reportedRole: SYSTEM_ACTOR.role,
          details: { description, occurredOn: from, memberId: r.memberRef, referralId: r.id },
        },
      });
      await appendAudit(tx, {
        ...SYSTEM_ACTOR,
        action: 'CHANGE_REPORTED',
        targetType: 'EnrolledCase',
        targetId: kase.id,
        details: { changeReportId, kind: 'INCOME_CHANGE', material, referralId: r.id },
      });
      if (!deps.temporal) return;
      try {
        await deps.temporal.client.workflow
          .getHandle(kase.workflowId ?? enrolledCaseWorkflowId(kase.id))
          .signal(reportChangeSignal, { changeReportId, kind: 'INCOME_CHANGE', material });
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) throw new CaseNotRunning();
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof CaseNotRunning) return null;
    throw e;
  }
  return changeReportId;
}

// The parameter-change workflow's writes: the decision on a proposal (approved → the
// immutable version row and its deciding document; rejected → the reason), audited in the
// same transaction, and the worker's live store read again after an approval.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { appendAudit } from '../audit/audit-log';
import type { DecidingDocument, ParameterDecided } from '../core/contracts/parameter-change';
import type { Citation, ParameterStore } from '../policy';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import { LiveParameterStore } from './live-parameter-store';
import { validFromFindings } from './parameter-lines';
import { documentSourceId } from './parameter-rows';

export interface DecisionOutcome {
  status: 'APPROVED' | 'REJECTED';
  /** The version label written (approved only). */
  version?: string;
}

export function createParameterChangeActivities(deps: { prisma: PrismaClient; parameters: ParameterStore }) {
  const { prisma, parameters } = deps;
  return {
    /**
     * Records the decision. Idempotent: a proposal already decided returns its outcome and
     * writes nothing. An approval whose first day now conflicts with the line (a decision
     * used a later version meanwhile, or another approval took that day) is refused,
     * non-retryable, and the proposal stays pending for a rejection.
     */
    async decideParameterProposal(d: ParameterDecided): Promise<DecisionOutcome> {
      return prisma.$transaction(async (tx) => {
        // One decision at a time per proposal (a retried activity waits for the first).
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${d.proposalId}))`;
        const p = await tx.parameterProposal.findUnique({ where: { id: d.proposalId } });
        if (!p) throw ApplicationFailure.retryable(`参数调整 ${d.proposalId} 尚未保存`, 'PROPOSAL_NOT_STORED');
        if (p.status !== 'PENDING') return { status: p.status as DecisionOutcome['status'], version: p.version };
        const decided = {
          status: d.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
          decidedBy: d.actor.userId,
          decidedRole: d.actor.role,
          decidedAt: new Date(),
          decisionReason: d.reason,
        };
        const audit = { actorId: d.actor.userId, role: d.actor.role, requestId: d.requestId, reason: d.reason };
        if (d.decision === 'REJECT') {
          await tx.parameterProposal.update({ where: { id: p.id }, data: decided });
          await appendAudit(tx, {
            ...audit,
            action: 'PARAMETER_PROPOSAL_REJECTED',
            targetType: 'ParameterProposal',
            targetId: p.id,
            details: { parameterId: p.parameterId, division: p.division, validFrom: p.validFrom },
          });
          return { status: 'REJECTED' };
        }
        const line = { parameterId: p.parameterId, division: p.division, area: p.area };
        const [finding] = await validFromFindings(tx, line, p.validFrom);
        if (finding) {
          throw ApplicationFailure.create({
            type: finding.code === 'SAME_DAY_VERSION' ? 'PARAMETER_VERSION_CONFLICT' : 'PARAMETER_PROPOSAL_INVALID',
            message: finding.message,
            nonRetryable: true,
          });
        }
        const document = p.document as unknown as DecidingDocument;
        await tx.policyDocument.createMany({
          data: [
            {
              id: documentSourceId(document.docNo),
              docNo: document.docNo,
              title: document.title,
              issuer: document.issuer ?? null,
              issuedOn: document.issuedOn,
            },
          ],
          skipDuplicates: true,
        });
        const versionId = randomUUID();
        await tx.parameterVersion.create({
          data: {
            id: versionId,
            parameterId: p.parameterId,
            version: p.version,
            division: p.division,
            area: p.area,
            validFrom: p.validFrom,
            value: p.value as Prisma.InputJsonValue,
            unit: p.unit,
            citations: p.citations as unknown as Prisma.InputJsonValue,
            placeholder: false,
            note: p.note,
            origin: 'APPROVED',
            proposalId: p.id,
            approvedBy: d.actor.userId,
          },
        });
        await tx.parameterProposal.update({ where: { id: p.id }, data: decided });
        await appendAudit(tx, {
          ...audit,
          action: 'PARAMETER_VERSION_APPROVED',
          targetType: 'ParameterVersion',
          targetId: versionId,
          details: {
            proposalId: p.id,
            parameterId: p.parameterId,
            version: p.version,
            division: p.division,
            area: p.area || null,
            validFrom: p.validFrom,
            value: p.value as Prisma.InputJsonValue,
            unit: p.unit,
            citations: p.citations as unknown as Citation[] as unknown as Prisma.InputJsonValue,
            proposedBy: p.proposedBy,
          },
        });
        return { status: 'APPROVED', version: p.version };
      });
    },

    /** This worker reads the parameters again (others follow within their poll). */
    async refreshParameters(): Promise<void> {
      if (parameters instanceof LiveParameterStore) await parameters.reload();
    },
  };
}

export type ParameterChangeActivities = ReturnType<typeof createParameterChangeActivities>;

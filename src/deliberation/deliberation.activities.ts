import { auditActorOf, auditEventSeen } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { ActorRef } from '../core/contracts/determination';
import type {
  Department,
  DeliberationMember,
  DeliberationSource,
  DeliberationStage,
  Measure,
  OpinionValue,
} from '../core/contracts/deliberation';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';

export interface DeliberationRecord {
  deliberationId: string;
  workflowId: string;
  countyCode: string;
  townshipCode: string | null;
  source: { kind: DeliberationSource; id: string | null };
  question: string;
  stage: DeliberationStage;
  chairId?: string | null;
  members?: DeliberationMember[];
  deadlineAt?: string | null;
  extended?: boolean;
  outcome?: 'APPROVE' | 'REJECT' | null;
  measures?: Measure[];
  closedReason?: string | null;
  /** Deterministic per step: the event is written (and audited) once. */
  eventKey: string;
  event: string;
  actor: ActorRef | null;
  requestId?: string | null;
  reason?: string | null;
}

/** Activities of the 一事一议 workflow (processes.md §4). */
export function createDeliberationActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    /** The deliberation's read model and one audited event, in one transaction, once per eventKey. */
    async recordDeliberation(r: DeliberationRecord): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (await auditEventSeen(tx, 'Deliberation', r.deliberationId, r.eventKey)) return;
        const data = {
          stage: r.stage,
          ...(r.chairId !== undefined ? { chairId: r.chairId } : {}),
          ...(r.members !== undefined ? { members: r.members as unknown as Prisma.InputJsonValue } : {}),
          ...(r.deadlineAt !== undefined ? { deadlineAt: r.deadlineAt === null ? null : new Date(r.deadlineAt) } : {}),
          ...(r.extended !== undefined ? { extended: r.extended } : {}),
          ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
          ...(r.measures !== undefined ? { measures: r.measures as unknown as Prisma.InputJsonValue } : {}),
          ...(r.closedReason !== undefined ? { closedReason: r.closedReason } : {}),
        };
        await tx.deliberation.upsert({
          where: { id: r.deliberationId },
          update: data,
          create: {
            id: r.deliberationId,
            workflowId: r.workflowId,
            countyCode: r.countyCode,
            townshipCode: r.townshipCode,
            sourceKind: r.source.kind,
            sourceId: r.source.id,
            question: r.question,
            ...data,
          },
        });
        await appendAudit(tx, {
          ...auditActorOf(r.actor),
          action: `DELIBERATION_${r.event}`,
          targetType: 'Deliberation',
          targetId: r.deliberationId,
          reason: r.reason ?? null,
          requestId: r.requestId ?? null,
          details: {
            eventKey: r.eventKey,
            stage: r.stage,
            ...(r.outcome ? { outcome: r.outcome } : {}),
            ...(r.deadlineAt ? { deadlineAt: r.deadlineAt } : {}),
          },
        });
      });
    },

    /** A member's opinion (version 1) or its explicit change (version n+1), audited; a retry writes nothing. */
    async recordOpinion(r: {
      deliberationId: string;
      member: DeliberationMember;
      opinion: OpinionValue;
      comment: string;
      version: number;
      actor: ActorRef;
      requestId: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const current = await tx.deliberationOpinion.findUnique({
          where: { deliberationId_memberId: { deliberationId: r.deliberationId, memberId: r.member.userId } },
          select: { version: true, opinion: true },
        });
        if (current && current.version >= r.version) return;
        const data = {
          department: r.member.department,
          opinion: r.opinion,
          comment: r.comment,
          version: r.version,
          at: new Date(),
        };
        await tx.deliberationOpinion.upsert({
          where: { deliberationId_memberId: { deliberationId: r.deliberationId, memberId: r.member.userId } },
          update: data,
          create: { deliberationId: r.deliberationId, memberId: r.member.userId, ...data },
        });
        await appendAudit(tx, {
          actorId: r.actor.userId,
          role: r.actor.role,
          action: r.version === 1 ? 'DELIBERATION_OPINION_GIVEN' : 'DELIBERATION_OPINION_CHANGED',
          targetType: 'Deliberation',
          targetId: r.deliberationId,
          reason: r.comment,
          requestId: r.requestId,
          details: {
            memberId: r.member.userId,
            department: r.member.department,
            opinion: r.opinion,
            version: r.version,
            ...(current ? { previous: current.opinion } : {}),
          },
        });
      });
    },

    /** A department liaison of the county for a follow-up whose department has no member in the deliberation. */
    async findLiaison(r: { countyCode: string; department: Department }): Promise<string | null> {
      const user = await prisma.user.findFirst({
        where: { role: 'DEPARTMENT_LIAISON', department: r.department, jurisdictionCode: r.countyCode },
        orderBy: { id: 'asc' },
        select: { id: true },
      });
      return user?.id ?? null;
    },
  };
}

export type DeliberationActivities = ReturnType<typeof createDeliberationActivities>;

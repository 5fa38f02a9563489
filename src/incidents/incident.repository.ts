import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import type { IncidentListQuery } from '../core/contracts/incident';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

const SUMMARY = {
  id: true,
  workflowId: true,
  caseKind: true,
  caseId: true,
  countyCode: true,
  step: true,
  errorCode: true,
  message: true,
  status: true,
  occurrences: true,
  firstAt: true,
  lastAt: true,
  resolvedAt: true,
  resolvedBy: true,
} satisfies Prisma.IncidentSelect;

export type IncidentRow = Prisma.IncidentGetPayload<{ select: typeof SUMMARY }>;

/** Incident rows: the lists staff read and the state changes a person makes. */
@Injectable()
export class IncidentRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Newest first; `counties` null means every county (city-wide roles). */
  async list(q: IncidentListQuery, counties: string | null) {
    const where: Prisma.IncidentWhereInput = {
      ...(q.status ? { status: q.status } : {}),
      ...(q.caseKind ? { caseKind: q.caseKind } : {}),
      ...(counties !== null ? { countyCode: counties } : q.county ? { countyCode: q.county } : {}),
    };
    const [items, total] = await Promise.all([
      this.prisma.incident.findMany({
        where,
        select: SUMMARY,
        orderBy: [{ lastAt: 'desc' }, { id: 'asc' }],
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      }),
      this.prisma.incident.count({ where }),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  find(id: string): Promise<IncidentRow | null> {
    return this.prisma.incident.findUnique({ where: { id }, select: SUMMARY });
  }

  /** The incidents of a case's workflows (its page), newest first. */
  ofWorkflows(...workflowIds: string[]): Promise<IncidentRow[]> {
    return this.prisma.incident.findMany({
      where: { workflowId: { in: workflowIds } },
      select: SUMMARY,
      orderBy: { firstAt: 'desc' },
    });
  }

  /**
   * A retry is asked, written before the workflow hears of it: the step may fail again at
   * once, and its next occurrence must find this one marked. False when someone else was first.
   */
  async markRetrying(
    row: IncidentRow,
    actor: { userId: string; role: string },
    requestId: string,
    reason: string | null,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const done = await tx.incident.updateMany({
        where: { id: row.id, status: 'OPEN', occurrences: row.occurrences },
        data: { status: 'RETRYING', resolvedBy: actor.userId },
      });
      if (done.count === 0) return false;
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'INCIDENT_RETRY_REQUESTED',
        targetType: 'Incident',
        targetId: row.id,
        requestId,
        reason,
      });
      return true;
    });
  }

  /** The workflow refused the retry (the incident was not waiting): back to OPEN unless it moved on meanwhile. */
  async unmarkRetrying(row: IncidentRow): Promise<void> {
    await this.prisma.incident.updateMany({
      where: { id: row.id, status: 'RETRYING', occurrences: row.occurrences },
      data: { status: 'OPEN' },
    });
  }

  /**
   * The case is closed instead: the incident, the workflow's live tasks and (for an
   * application) its stage, in one transaction with the audit row.
   */
  async markClosed(
    incident: IncidentRow,
    actor: { userId: string; role: string },
    requestId: string,
    reason: string,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const done = await tx.incident.updateMany({
        where: { id: incident.id, status: 'OPEN' },
        data: { status: 'CLOSED', resolvedBy: actor.userId, resolvedAt: new Date() },
      });
      if (done.count === 0) return false;
      await tx.task.updateMany({
        where: { workflowId: incident.workflowId, status: { in: ['OPEN', 'CLAIMED'] } },
        data: { status: 'CANCELLED', outcome: 'CLOSED_ON_INCIDENT', completedAt: new Date() },
      });
      // No application row when the step that failed was the one writing it (the intake): nothing to close there.
      if (incident.caseKind === 'APPLICATION' && incident.caseId !== null) {
        await tx.application.updateMany({ where: { id: incident.caseId }, data: { stage: 'CLOSED' } });
      }
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'INCIDENT_CASE_CLOSED',
        targetType: 'Incident',
        targetId: incident.id,
        requestId,
        reason,
        details: { workflowId: incident.workflowId, caseKind: incident.caseKind, caseId: incident.caseId },
      });
      return true;
    });
  }
}

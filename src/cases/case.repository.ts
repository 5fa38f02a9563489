import { Inject, Injectable } from '@nestjs/common';
import { jurisdictionScope } from '../common/jurisdiction-scope';
import { afterRow, cursorRow, nextCursor, type KeyPart } from '../common/keyset';
import { divisionPrefix } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import type { CaseListQuery } from './case.dto';

export const listRow = {
  id: true,
  category: true,
  channel: true,
  stage: true,
  countyCode: true,
  townshipCode: true,
  turnRole: true,
  stageDueAt: true,
  processDueAt: true,
  overdue: true,
  drill: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ApplicationSelect;
export type CaseListRow = Prisma.ApplicationGetPayload<{ select: typeof listRow }>;

const detail = {
  ...listRow,
  householdId: true,
  workflowId: true,
  submittedBy: true,
  delegated: true,
  closeRelativeFlag: true,
  factsVersion: true,
  explanation: true,
  // The household's receipt slip, printed again on request.
  receiptCode: true,
  household: {
    select: {
      divisionCode: true,
      area: true,
      members: {
        select: { id: true, name: true, idNumberMasked: true, relation: true },
        orderBy: { idNumberMasked: 'asc' },
      },
    },
  },
  events: { orderBy: { id: 'asc' }, select: { type: true, stage: true, actorId: true, reason: true, at: true } },
  tasks: {
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      type: true,
      status: true,
      candidateRole: true,
      jurisdiction: true,
      assignee: true,
      dueAt: true,
      dueProvisional: true,
      reminderSentAt: true,
      escalatedAt: true,
      completedBy: true,
      completedAt: true,
      outcome: true,
    },
  },
  decision: {
    select: {
      outcome: true,
      category: true,
      monthlyAmount: true,
      engineAmount: true,
      amountReason: true,
      reasons: true,
      factsVersion: true,
      parameterVersions: true,
      decidedBy: true,
      decidedRole: true,
      decidedAt: true,
    },
  },
  notices: { orderBy: { id: 'asc' }, select: { kind: true, text: true, createdAt: true } },
  objections: { orderBy: { createdAt: 'asc' }, select: { round: true, text: true, createdAt: true } },
  // What the investigation steps recorded, as recorded (the case file, not Temporal's history).
  homeVisits: {
    orderBy: { id: 'asc' },
    select: {
      kind: true,
      investigators: true,
      findings: true,
      householdSigned: true,
      selfCareAssessment: true,
      recordedBy: true,
      recordedRole: true,
      recordedAt: true,
    },
  },
  democraticAppraisals: {
    orderBy: { id: 'asc' },
    select: { participants: true, result: true, minutes: true, recordedBy: true, recordedRole: true, recordedAt: true },
  },
} satisfies Prisma.ApplicationSelect;
export type CaseDetailRow = Prisma.ApplicationGetPayload<{ select: typeof detail }>;

/** Case read models, from the database (never by scanning Temporal). */
/** The list's order: newest first, ties by id (keyset pagination reads the same order). */
const NEWEST_FIRST: KeyPart[] = [
  { field: 'createdAt', dir: 'desc' },
  { field: 'id', dir: 'asc' },
];

@Injectable()
export class CaseRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** The household's unexpired credit records (诚信申报记录), shown to staff beside a later application. */
  creditRecordsOf(householdId: string) {
    return this.prisma.creditRecord.findMany({
      where: { householdId, expiresAt: { gt: new Date() } },
      orderBy: [{ recordedAt: 'desc' }, { id: 'asc' }],
    });
  }

  findDetail(id: string): Promise<CaseDetailRow | null> {
    return this.prisma.application.findUnique({ where: { id }, select: detail });
  }

  async list(actor: Actor, q: CaseListQuery) {
    const now = new Date();
    const where: Prisma.ApplicationWhereInput = {
      ...jurisdictionScope(actor.jurisdiction),
      // A village assistant: the village's own households within the township.
      ...(divisionPrefix(actor.jurisdiction).length > 9
        ? { household: { divisionCode: { startsWith: divisionPrefix(actor.jurisdiction) } } }
        : {}),
      ...(q.stage ? { stage: q.stage } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.county ? { countyCode: q.county } : {}),
      ...(q.township ? { townshipCode: q.township } : {}),
      ...(q.overdue === 'true' ? { OR: [{ overdue: true }, { stageDueAt: { lt: now } }] } : {}),
      ...(q.overdue === 'false' ? { overdue: false, OR: [{ stageDueAt: null }, { stageDueAt: { gte: now } }] } : {}),
    };
    const after = q.after
      ? afterRow(
          NEWEST_FIRST,
          cursorRow(
            await this.prisma.application.findUnique({ where: { id: q.after }, select: { id: true, createdAt: true } }),
          ),
        )
      : null;
    const [items, total] = await Promise.all([
      this.prisma.application.findMany({
        where: after ? { AND: [where, after] } : where,
        select: listRow,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: after ? 0 : (q.page - 1) * q.pageSize,
        take: q.pageSize,
      }),
      this.prisma.application.count({ where }),
    ]);
    return { items, page: q.page, pageSize: q.pageSize, total, nextCursor: nextCursor(items, q.pageSize) };
  }

  /** Cases in publicity now, for the public listing: masked, nothing else. */
  publicity(filter: { county?: string; township?: string }) {
    return this.prisma.application.findMany({
      where: {
        stage: 'PUBLICITY',
        stageDueAt: { gt: new Date() },
        ...(filter.county ? { countyCode: filter.county } : {}),
        ...(filter.township ? { townshipCode: filter.township } : {}),
      },
      select: {
        id: true,
        category: true,
        stageDueAt: true,
        explanation: true,
        household: {
          select: {
            division: { select: { name: true } },
            members: { select: { name: true, idNumberMasked: true, relation: true } },
          },
        },
      },
      orderBy: { stageDueAt: 'asc' },
    });
  }

  /** What the public progress lookup shows of an application, by its receipt code. */
  byReceipt(receiptCode: string) {
    return this.prisma.application.findUnique({
      where: { receiptCode },
      select: {
        category: true,
        stage: true,
        stageDueAt: true,
        createdAt: true,
        household: { select: { members: { select: { name: true, relation: true } } } },
      },
    });
  }

  /** The live task of a type on a case (at most one: the workflow opens one step at a time). */
  liveTaskOf(id: string, type: string): Promise<{ id: string; status: string; assignee: string | null } | null> {
    return this.prisma.task.findFirst({
      where: { applicationId: id, type, status: { in: ['OPEN', 'CLAIMED'] } },
      select: { id: true, status: true, assignee: true },
    });
  }

  workflowIdOf(id: string): Promise<{ workflowId: string; stage: string; divisionCode: string } | null> {
    return this.prisma.application
      .findUnique({
        where: { id },
        select: { workflowId: true, stage: true, household: { select: { divisionCode: true } } },
      })
      .then((a) => (a ? { workflowId: a.workflowId, stage: a.stage, divisionCode: a.household.divisionCode } : null));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { jurisdictionScope } from '../common/jurisdiction-scope';
import { divisionPrefix } from '../core/contracts/division';
import type { PaymentListQuery } from '../core/contracts/enrolment';
import type { Actor } from '../core/contracts/roles';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import type { EnrolledCaseListQuery } from './enrolment.dto';

type Tx = Prisma.TransactionClient;
const LIVE = ['OPEN', 'CLAIMED'] as const;

const listRow = {
  id: true,
  applicationId: true,
  category: true,
  monthlyAmount: true,
  startMonth: true,
  countyCode: true,
  townshipCode: true,
  villageCode: true,
  status: true,
  nextRecheckAt: true,
  phaseOutEndsAt: true,
  exitedAt: true,
  drill: true,
  createdAt: true,
} satisfies Prisma.EnrolledCaseSelect;

/** Where the case lies, for jurisdiction checks: its village once the workflow starter has recorded it, else its household's division. */
export interface CaseLocation {
  id: string;
  applicationId: string;
  workflowId: string | null;
  status: string;
  countyCode: string;
  townshipCode: string | null;
  divisionCode: string;
}

/** Cases visible to the actor: by county, township, or (a village assistant) village. */
function visibleTo(actor: Actor): Prisma.EnrolledCaseWhereInput {
  const prefix = divisionPrefix(actor.jurisdiction);
  return prefix.length > 9
    ? { ...jurisdictionScope(prefix), villageCode: { startsWith: prefix } }
    : jurisdictionScope(prefix);
}

@Injectable()
export class EnrolmentRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** The enrolled case by its own id or by its application's (the determination case's) id. */
  async locate(id: string): Promise<CaseLocation | null> {
    const c = await this.prisma.enrolledCase.findFirst({
      where: { OR: [{ id }, { applicationId: id }] },
      select: {
        id: true,
        applicationId: true,
        workflowId: true,
        status: true,
        countyCode: true,
        townshipCode: true,
        villageCode: true,
      },
    });
    if (!c) return null;
    let divisionCode = c.villageCode;
    if (!divisionCode) {
      const app = await this.prisma.application.findUniqueOrThrow({
        where: { id: c.applicationId },
        select: { household: { select: { divisionCode: true } } },
      });
      divisionCode = app.household.divisionCode;
    }
    return {
      id: c.id,
      applicationId: c.applicationId,
      workflowId: c.workflowId,
      status: c.status,
      countyCode: c.countyCode,
      townshipCode: c.townshipCode,
      divisionCode,
    };
  }

  detail(id: string) {
    return this.prisma.enrolledCase.findUnique({
      where: { id },
      include: {
        payments: { orderBy: { month: 'desc' }, take: 24 },
        rechecks: { orderBy: { startedAt: 'desc' }, omit: { explanation: true } },
        changes: { orderBy: { createdAt: 'desc' } },
      },
    });
  }

  /** Open tasks of the case's rechecks and of its payments. */
  openTasks(applicationId: string, workflowIds: string[]) {
    return this.prisma.task.findMany({
      where: { applicationId, workflowId: { in: workflowIds }, status: { in: ['OPEN', 'CLAIMED'] } },
      select: {
        id: true,
        type: true,
        candidateRole: true,
        jurisdiction: true,
        assignee: true,
        status: true,
        dueAt: true,
        createdAt: true,
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async list(actor: Actor, q: EnrolledCaseListQuery) {
    const where: Prisma.EnrolledCaseWhereInput = {
      AND: [
        visibleTo(actor),
        q.county ? { countyCode: q.county } : {},
        q.township ? { townshipCode: q.township } : {},
        q.category ? { category: q.category } : {},
        q.status ? { status: q.status } : {},
      ],
    };
    const [items, total] = await Promise.all([
      this.prisma.enrolledCase.findMany({
        where,
        select: listRow,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      }),
      this.prisma.enrolledCase.count({ where }),
    ]);
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  async payments(q: PaymentListQuery) {
    const where: Prisma.PaymentInstructionWhereInput = {
      countyCode: q.county,
      month: q.month,
      ...(q.status ? { status: q.status } : {}),
    };
    const [items, total] = await Promise.all([
      this.prisma.paymentInstruction.findMany({
        where,
        include: {
          enrolledCase: {
            select: { applicationId: true, category: true, status: true, townshipCode: true, villageCode: true },
          },
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      }),
      this.prisma.paymentInstruction.count({ where }),
    ]);
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  async createChangeReport(tx: Tx, data: Prisma.ChangeReportUncheckedCreateInput): Promise<void> {
    await tx.changeReport.create({ data, select: { id: true } });
  }

  /** A payment instruction with what its reconciliation needs of its case. */
  paymentForReconciliation(tx: Tx, id: string) {
    return tx.paymentInstruction.findUnique({
      where: { id },
      include: { enrolledCase: { select: { id: true, applicationId: true, workflowId: true, townshipCode: true } } },
    });
  }

  payment(tx: Tx, id: string) {
    return tx.paymentInstruction.findUniqueOrThrow({ where: { id } });
  }

  /** Records the bank's answer, only if the instruction is still in one of `from`: 0 when it was not. */
  reconcile(
    tx: Tx,
    id: string,
    from: readonly ('PENDING' | 'FAILED')[],
    data: {
      status: 'PAID' | 'FAILED';
      failureReason: string | null;
      reconciledBy: string;
      /** PAID one by one: in full, once (a bank return file records what the bank says instead). */
      paidAmount?: Prisma.Decimal;
      paidOn?: string;
      paidTimes?: number;
    },
  ): Promise<number> {
    return tx.paymentInstruction
      .updateMany({ where: { id, status: { in: [...from] } }, data: { ...data, reconciledAt: new Date() } })
      .then((r) => r.count);
  }

  /** FAILED → PENDING for the next bank run (the failure reason kept): 0 when it was no longer FAILED. */
  reissue(tx: Tx, id: string): Promise<number> {
    return tx.paymentInstruction
      .updateMany({
        where: { id, status: 'FAILED' },
        data: { status: 'PENDING', reconciledAt: null, reconciledBy: null },
      })
      .then((r) => r.count);
  }

  applicationTownship(tx: Tx, applicationId: string) {
    return tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { townshipCode: true } });
  }

  async openTask(tx: Tx, data: Prisma.TaskUncheckedCreateInput): Promise<void> {
    await tx.task.create({ data, select: { id: true } });
  }

  /** The live tasks of the workflow whose key starts with `keyPrefix`. */
  liveTasksByKey(tx: Tx, workflowId: string, keyPrefix: string) {
    return tx.task.findMany({
      where: { workflowId, taskKey: { startsWith: keyPrefix }, status: { in: [...LIVE] } },
      select: { id: true },
    });
  }

  /** A live task → DONE with the outcome, only if still live: 0 when another request closed it first. */
  closeTask(tx: Tx, id: string, outcome: string, completedBy: string): Promise<number> {
    return tx.task
      .updateMany({
        where: { id, status: { in: [...LIVE] } },
        data: { status: 'DONE', outcome, completedBy, completedAt: new Date() },
      })
      .then((r) => r.count);
  }
}

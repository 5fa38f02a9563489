import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../../audit/audit-log';
import { type Prisma, PrismaClient } from '../../prisma/prisma-client';

type NewRecovery = Omit<Prisma.RecoveryUncheckedCreateInput, 'months' | 'repayments' | 'events'>;
type NewMonth = Omit<Prisma.RecoveryMonthUncheckedCreateInput, 'recoveryId'>;
type NewCreditRecord = Prisma.CreditRecordUncheckedCreateInput;
type AuditBy = { actorId: string; role: string; requestId: string | null };

/** Recovery rows: created here with their months, first event and audit row (and a credit record); later steps by the workflow's activities. */
@Injectable()
export class RecoveryRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  enrolledCase(id: string) {
    return this.prisma.enrolledCase.findUnique({
      where: { id },
      select: {
        id: true,
        applicationId: true,
        householdId: true,
        category: true,
        countyCode: true,
        payments: { where: { status: 'PAID' }, select: { month: true, amount: true } },
      },
    });
  }

  factsOf(applicationId: string) {
    return this.prisma.application.findUnique({ where: { id: applicationId }, select: { facts: true } });
  }

  /** Months of this case already overpaid in another recovery (written-off ones included: they were decided). */
  overlapping(enrolledCaseId: string, months: string[]) {
    return this.prisma.recoveryMonth.findMany({
      where: { month: { in: months }, overpaid: { gt: 0 }, recovery: { enrolledCaseId } },
      select: { month: true, recoveryId: true },
      orderBy: { month: 'asc' },
    });
  }

  open(row: NewRecovery, months: NewMonth[], credit: NewCreditRecord | null, audit: AuditBy) {
    return this.prisma.$transaction(async (tx) => {
      await tx.recovery.create({ data: row });
      await tx.recoveryMonth.createMany({ data: months.map((m) => ({ ...m, recoveryId: row.id! })) });
      await tx.recoveryEvent.create({
        data: {
          recoveryId: row.id!,
          eventKey: 'FOUND',
          type: 'FOUND',
          stage: 'FOUND',
          actor: row.openedBy,
          reason: row.correction ? '工作人员失误，及时纠正（容错纠错）' : '查实多发救助资金',
          at: row.openedAt as Date,
        },
      });
      await appendAudit(tx, {
        ...audit,
        action: 'RECOVERY_FOUND',
        targetType: 'Recovery',
        targetId: row.id!,
        requestId: audit.requestId,
        details: {
          enrolledCaseId: row.enrolledCaseId,
          sourceKind: row.sourceKind,
          sourceId: row.sourceId,
          findingKind: row.findingKind,
          cause: row.cause,
          correction: row.correction ?? false,
          total: String(row.total),
          months: months.filter((m) => Number(m.overpaid) > 0).map((m) => m.month),
        },
      });
      if (credit) {
        await tx.creditRecord.create({ data: credit });
        await appendAudit(tx, {
          ...audit,
          action: 'CREDIT_RECORDED',
          targetType: 'Household',
          targetId: credit.householdId,
          requestId: audit.requestId,
          details: {
            creditRecordId: credit.id!,
            sourceKind: credit.sourceKind,
            sourceId: credit.sourceId,
            recoveryId: credit.recoveryId ?? null,
          },
        });
      }
    });
  }

  recovery(id: string) {
    return this.prisma.recovery.findUnique({ where: { id } });
  }

  detail(id: string) {
    return this.prisma.recovery.findUnique({
      where: { id },
      include: {
        months: { orderBy: { month: 'asc' } },
        repayments: { orderBy: [{ paidOn: 'asc' }, { recordedAt: 'asc' }] },
        events: { orderBy: { id: 'asc' } },
      },
    });
  }

  page(where: Prisma.RecoveryWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.recovery.findMany({ where, orderBy: [{ openedAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.recovery.count({ where }),
    ]);
  }
}

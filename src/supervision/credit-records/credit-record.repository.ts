import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../../audit/audit-log';
import { type Prisma, PrismaClient } from '../../prisma/prisma-client';

type AuditBy = { actorId: string; role: string; requestId: string | null };

/** Credit records (诚信申报记录): written and read with their audit rows. */
@Injectable()
export class CreditRecordRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  household(id: string) {
    return this.prisma.household.findUnique({ where: { id }, select: { id: true, divisionCode: true } });
  }

  record(row: Prisma.CreditRecordUncheckedCreateInput, audit: AuditBy) {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.creditRecord.create({ data: row });
      await appendAudit(tx, {
        ...audit,
        action: 'CREDIT_RECORDED',
        targetType: 'Household',
        targetId: row.householdId,
        requestId: audit.requestId,
        details: { creditRecordId: created.id, sourceKind: row.sourceKind, sourceId: row.sourceId },
      });
      return created;
    });
  }

  /** The household's records, newest first; reading them is on the audit trail. */
  read(householdId: string, audit: AuditBy) {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.creditRecord.findMany({
        where: { householdId },
        orderBy: [{ recordedAt: 'desc' }, { id: 'asc' }],
      });
      await appendAudit(tx, {
        ...audit,
        action: 'CREDIT_RECORDS_VIEWED',
        targetType: 'Household',
        targetId: householdId,
        requestId: audit.requestId,
        details: { count: rows.length },
      });
      return rows;
    });
  }
}

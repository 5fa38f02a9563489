import { Inject, Injectable } from '@nestjs/common';
import type { AdjustmentScope } from '../core/contracts/standard-adjustment';
import { type Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** Reads and the first write of standard adjustments (their workflow's activities write the rest). */
@Injectable()
export class StandardAdjustmentRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** A version of the parameter: the given one, or the latest approved one. */
  version(parameterId: string, versionId: string | undefined) {
    return versionId
      ? this.prisma.parameterVersion.findFirst({ where: { id: versionId, parameterId } })
      : this.prisma.parameterVersion.findFirst({
          where: { parameterId, origin: 'APPROVED' },
          orderBy: [{ validFrom: 'desc' }, { createdAt: 'desc' }],
        });
  }

  enrolledInScope(s: AdjustmentScope) {
    return this.prisma.enrolledCase.count({
      where: { status: { not: 'EXITED' }, countyCode: { in: s.counties }, category: { in: s.categories } },
    });
  }

  create(tx: Tx, data: Prisma.StandardAdjustmentUncheckedCreateInput) {
    return tx.standardAdjustment.create({ data, select: { id: true } });
  }

  adjustment(id: string) {
    return this.prisma.standardAdjustment.findUnique({ where: { id } });
  }

  /** Past adjustments, newest first. */
  page(where: Prisma.StandardAdjustmentWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.standardAdjustment.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.standardAdjustment.count({ where }),
    ]);
  }
}

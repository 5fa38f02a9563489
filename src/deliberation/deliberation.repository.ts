import { Inject, Injectable } from '@nestjs/common';
import { countyScopeOf } from '../common/jurisdiction-scope';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** 一事一议 rows, and what convening one looks up (members, the case it is asked for). */
@Injectable()
export class DeliberationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  users(ids: string[]) {
    return this.prisma.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, role: true, department: true, jurisdictionCode: true, displayName: true },
    });
  }

  applicationPlace(id: string) {
    return this.prisma.application.findUnique({ where: { id }, select: { countyCode: true, townshipCode: true } });
  }

  recheckPlace(id: string) {
    return this.prisma.recheck.findUnique({
      where: { id },
      select: { enrolledCase: { select: { countyCode: true, townshipCode: true } } },
    });
  }

  taskPlace(id: string) {
    return this.prisma.task.findUnique({ where: { id }, select: { countyCode: true, townshipCode: true, type: true } });
  }

  create(tx: Tx, data: Prisma.DeliberationUncheckedCreateInput) {
    return tx.deliberation.create({ data });
  }

  location(id: string) {
    return this.prisma.deliberation.findUnique({
      where: { id },
      select: { id: true, countyCode: true, workflowId: true, members: true },
    });
  }

  /** Newest first under a division prefix, a page at a time with the total. */
  async page(prefix: string, stage: string | undefined, page: number, pageSize: number) {
    const where = { ...countyScopeOf(prefix), ...(stage ? { stage } : {}) };
    const [items, total] = await Promise.all([
      this.prisma.deliberation.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.deliberation.count({ where }),
    ]);
    return { items, total };
  }

  /** The matter with its opinions, and its tasks. */
  async detail(id: string) {
    const row = await this.prisma.deliberation.findUniqueOrThrow({
      where: { id },
      include: { opinions: { orderBy: { at: 'asc' } } },
    });
    const tasks = await this.prisma.task.findMany({
      where: { caseKind: 'DELIBERATION', caseId: id },
      orderBy: { createdAt: 'asc' },
    });
    return { row, tasks };
  }
}

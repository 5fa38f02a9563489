import { Inject, Injectable } from '@nestjs/common';
import { countyScopeOf } from '../common/jurisdiction-scope';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** What the escalation board reads (live ESCALATION tasks, open 一事一议) and the close of an escalation. */
@Injectable()
export class EscalationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Live escalation tasks and open 一事一议 under a division prefix. */
  board(prefix: string) {
    return Promise.all([
      this.prisma.task.findMany({
        where: { type: 'ESCALATION', status: { in: ['OPEN', 'CLAIMED'] }, countyCode: { startsWith: prefix } },
      }),
      // The county column as an index range (jurisdiction-scope.ts), not a LIKE.
      this.prisma.deliberation.findMany({ where: { stage: { not: 'CLOSED' }, ...countyScopeOf(prefix) } }),
    ]);
  }

  task(id: string) {
    return this.prisma.task.findUnique({ where: { id } });
  }

  /** Closes a live escalation with the decision; 0 when someone closed it first. */
  async close(tx: Tx, id: string, outcome: string, by: string): Promise<number> {
    const closed = await tx.task.updateMany({
      where: { id, status: { in: ['OPEN', 'CLAIMED'] } },
      data: { status: 'DONE', outcome, completedBy: by, completedAt: new Date() },
    });
    return closed.count;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { codeRange } from '../common/jurisdiction-scope';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

// Only what a board item shows: the city's board reads every open escalation to order them by SLA state.
const BOARD_TASK = {
  id: true,
  escalationKind: true,
  caseKind: true,
  caseId: true,
  applicationId: true,
  workflowId: true,
  countyCode: true,
  townshipCode: true,
  reason: true,
  createdAt: true,
  dueAt: true,
  assignee: true,
  status: true,
} satisfies Prisma.TaskSelect;
const BOARD_DELIBERATION = {
  id: true,
  workflowId: true,
  countyCode: true,
  townshipCode: true,
  question: true,
  createdAt: true,
  deadlineAt: true,
  stage: true,
  chairId: true,
} satisfies Prisma.DeliberationSelect;

/** What the escalation board reads (live ESCALATION tasks, open 一事一议) and the close of an escalation. */
@Injectable()
export class EscalationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Live escalation tasks and open 一事一议 of the counties under a division prefix (a county's code, or the city's range). */
  board(prefix: string) {
    const countyCode = prefix.length === 6 ? prefix : codeRange(prefix);
    return Promise.all([
      this.prisma.task.findMany({
        where: { type: 'ESCALATION', status: { in: ['OPEN', 'CLAIMED'] }, countyCode },
        select: BOARD_TASK,
      }),
      this.prisma.deliberation.findMany({
        where: { stage: { not: 'CLOSED' }, countyCode },
        select: BOARD_DELIBERATION,
      }),
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

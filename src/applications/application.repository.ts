import { Inject, Injectable } from '@nestjs/common';
import { OPEN_STAGES } from '../core/contracts/determination';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

const submitted = {
  id: true,
  householdId: true,
  category: true,
  channel: true,
  stage: true,
  workflowId: true,
  countyCode: true,
  townshipCode: true,
  submittedBy: true,
  delegated: true,
  closeRelativeFlag: true,
  drill: true,
  receiptCode: true,
  createdAt: true,
} satisfies Prisma.ApplicationSelect;
export type SubmittedApplication = Prisma.ApplicationGetPayload<{ select: typeof submitted }>;

// Serialises the submissions of one household and category (the second key of the lock is
// their hash), so two concurrent requests cannot both find no open application.
const OPEN_APPLICATION_LOCK = 0x5afe0a99;

/** Applications at intake: the household they name, the row itself, the open one in the way. */
@Injectable()
export class ApplicationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  householdDivision(householdId: string) {
    return this.prisma.household.findUnique({ where: { id: householdId }, select: { divisionCode: true } });
  }

  /** The application just committed (it exists: the caller wrote it). */
  submitted(id: string): Promise<SubmittedApplication> {
    return this.prisma.application.findUniqueOrThrow({ where: { id }, select: submitted });
  }

  byIdempotencyKey(submittedBy: string, idempotencyKey: string): Promise<SubmittedApplication | null> {
    return this.prisma.application.findUnique({
      where: { submittedBy_idempotencyKey: { submittedBy, idempotencyKey } },
      select: submitted,
    });
  }

  /**
   * The household's open application of the category, read under a lock held until the
   * transaction ends: of two submissions at once, the second sees the first.
   */
  async openApplication(tx: Tx, householdId: string, category: string): Promise<{ id: string } | null> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OPEN_APPLICATION_LOCK}::int4, hashtext(${`${householdId}:${category}`}))`;
    return tx.application.findFirst({
      where: { householdId, category, stage: { in: [...OPEN_STAGES] } },
      select: { id: true },
    });
  }
}

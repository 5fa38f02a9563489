import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../prisma/prisma-client';

/** What a policy projection reads of an enrolled case: its terms, its last recheck, its application's facts. */
@Injectable()
export class ProjectionRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** By its id or by the id of the application that enrolled it (the console's case page has only the latter). */
  enrolledCase(id: string) {
    return this.prisma.enrolledCase.findFirst({
      where: { OR: [{ id }, { applicationId: id }] },
      select: {
        id: true,
        status: true,
        category: true,
        countyCode: true,
        villageCode: true,
        workflowId: true,
        createdAt: true,
        nextRecheckAt: true,
        phaseOutEndsAt: true,
        applicationId: true,
        rechecks: {
          where: { decidedAt: { not: null } },
          orderBy: { decidedAt: 'desc' },
          take: 1,
          select: { decidedAt: true },
        },
      },
    });
  }

  application(id: string) {
    return this.prisma.application.findUniqueOrThrow({
      where: { id },
      select: { facts: true, household: { select: { divisionCode: true } } },
    });
  }
}

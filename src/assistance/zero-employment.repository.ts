import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../prisma/prisma-client';

/** The 零就业 register of a county, on the index (county_code, cleared_at). */
@Injectable()
export class ZeroEmploymentRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  page(countyCode: string, cleared: boolean | null, skip: number, take: number) {
    const where: Prisma.ZeroEmploymentHouseholdWhereInput = {
      countyCode,
      ...(cleared === true ? { clearedAt: { not: null } } : cleared === false ? { clearedAt: null } : {}),
    };
    return Promise.all([
      this.prisma.zeroEmploymentHousehold.findMany({
        where,
        orderBy: [{ since: 'desc' }, { householdId: 'asc' }],
        skip,
        take,
      }),
      this.prisma.zeroEmploymentHousehold.count({ where }),
    ]);
  }

  /** Households tracked in the county, and those not yet cleared. */
  async counts(countyCode: string): Promise<{ tracked: number; open: number }> {
    const [tracked, open] = await Promise.all([
      this.prisma.zeroEmploymentHousehold.count({ where: { countyCode } }),
      this.prisma.zeroEmploymentHousehold.count({ where: { countyCode, clearedAt: null } }),
    ]);
    return { tracked, open };
  }
}

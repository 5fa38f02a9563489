import { Inject, Injectable } from '@nestjs/common';
import { divisionPrefix } from '../core/contracts/division';
import { PrismaClient } from '../prisma/prisma-client';

/**
 * What the reserve-fund API reads: funds, their ledger entries, the township a top-up names.
 * Balances move only through reserve-fund.ledger.ts (shared with the emergency activities).
 */
@Injectable()
export class ReserveFundRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Every township fund under a division (a county, or one township), by township code. */
  fundsUnder(division: string) {
    return this.prisma.reserveFund.findMany({
      where: { townshipCode: { startsWith: divisionPrefix(division) } },
      orderBy: { townshipCode: 'asc' },
    });
  }

  fund(township: string) {
    return this.prisma.reserveFund.findUnique({ where: { townshipCode: township } });
  }

  /** The newest entries first. */
  entries(township: string, limit: number) {
    return this.prisma.reserveFundEntry.findMany({
      where: { townshipCode: township },
      orderBy: { id: 'desc' },
      take: limit,
    });
  }

  divisionLevel(code: string) {
    return this.prisma.division.findUnique({ where: { code }, select: { level: true } });
  }
}

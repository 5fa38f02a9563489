import { Inject, Injectable } from '@nestjs/common';
import { type Prisma, PrismaClient } from '../../prisma/prisma-client';

/** Reads of warnings and their timelines (written by the warning activities, in their transactions). */
@Injectable()
export class WarningRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  page(where: Prisma.WarningWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.warning.findMany({ where, orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.warning.count({ where }),
    ]);
  }

  warning(id: string) {
    return this.prisma.warning.findUnique({ where: { id } });
  }

  timeline(warningId: string) {
    return this.prisma.warningEvent.findMany({ where: { warningId }, orderBy: { id: 'asc' } });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../prisma/prisma-client';

/** Reads of batches and their refusals (they are written by batch-store.ts, in its COPY transaction). */
@Injectable()
export class DataBatchRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async departmentOf(userId: string): Promise<string | null> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { department: true } });
    return user?.department ?? null;
  }

  batch(id: string) {
    return this.prisma.dataBatch.findUnique({ where: { id } });
  }

  refusals(batchId: string) {
    return this.prisma.dataBatchRefusal.findMany({
      where: { batchId },
      orderBy: [{ row: 'asc' }, { id: 'asc' }],
      select: { row: true, column: true, code: true, message: true },
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { CryptoSuite } from '../core/contracts/crypto-migration';
import { PrismaClient, type Prisma } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** The crypto_migration rows: one per re-encryption run. */
@Injectable()
export class CryptoMigrationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  running(tx: Tx) {
    return tx.cryptoMigration.findFirst({ where: { status: 'RUNNING' }, select: { id: true } });
  }

  create(tx: Tx, data: { id: string; targetSuite: CryptoSuite; workflowId: string; requestedBy: string }) {
    return tx.cryptoMigration.create({ data });
  }

  find(id: string) {
    return this.prisma.cryptoMigration.findUnique({ where: { id } });
  }

  /** Serialises starts: two at once would both see no run in progress. */
  async lockStarts(tx: Tx): Promise<void> {
    await tx.$executeRaw`LOCK TABLE crypto_migration IN SHARE ROW EXCLUSIVE MODE`;
  }
}

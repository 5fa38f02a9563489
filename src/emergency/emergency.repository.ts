import { Inject, Injectable } from '@nestjs/common';
import { countiesOf } from '../common/jurisdiction-scope';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;
/** Never sent to a client: the lookup hash and the ciphertext of the ID number. */
const HIDDEN = { idNumberHmac: true, idNumberEncrypted: true } as const;

/** Emergency-aid cases and what their intake looks up (township, the registry's member). */
@Injectable()
export class EmergencyRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  idByIdempotencyKey(createdBy: string, idempotencyKey: string) {
    return this.prisma.emergencyCase.findUnique({
      where: { createdBy_idempotencyKey: { createdBy, idempotencyKey } },
      select: { id: true },
    });
  }

  divisionLevel(code: string) {
    return this.prisma.division.findUnique({ where: { code }, select: { level: true } });
  }

  /** The member with any of these lookup hashes (PiiCipher.lookupHashes: old and new suite). */
  memberByIdNumberHashes(hashes: string[]) {
    return this.prisma.member.findFirst({ where: { idNumberHmac: { in: hashes } }, select: { id: true } });
  }

  create(tx: Tx, data: Prisma.EmergencyCaseUncheckedCreateInput) {
    return tx.emergencyCase.create({ data });
  }

  location(id: string) {
    return this.prisma.emergencyCase.findUnique({
      where: { id },
      select: { id: true, townshipCode: true, workflowId: true },
    });
  }

  /** The case with its payments, without the ID number's hash and ciphertext; and its tasks. */
  async detail(id: string) {
    const row = await this.prisma.emergencyCase.findUniqueOrThrow({
      where: { id },
      omit: HIDDEN,
      include: { payments: { orderBy: { createdAt: 'asc' } } },
    });
    const tasks = await this.prisma.task.findMany({
      where: { caseKind: 'EMERGENCY', caseId: id },
      orderBy: { createdAt: 'asc' },
    });
    return { row, tasks };
  }

  /** Newest first under a division prefix, a page at a time with the total. */
  async page(prefix: string, filter: { stage?: string; kind?: string }, page: number, pageSize: number) {
    // The county column narrows through its index; the township prefix then picks the rows.
    const where = {
      countyCode: countiesOf(prefix),
      townshipCode: { startsWith: prefix },
      ...(filter.stage ? { stage: filter.stage } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    };
    const [items, total] = await Promise.all([
      this.prisma.emergencyCase.findMany({
        where,
        omit: HIDDEN,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.emergencyCase.count({ where }),
    ]);
    return { items, total };
  }
}

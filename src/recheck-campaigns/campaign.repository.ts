import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** A campaign as the API shows it: every column but the workflow's paging cursor. */
const shown = { cursor: true } as const satisfies Prisma.RecheckCampaignOmit;

/** Recheck campaigns (recheck_campaign) and the rechecks they started. */
@Injectable()
export class RecheckCampaignRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Serialises the county's campaign starts until the transaction ends. */
  async lockCounty(tx: Tx, countyCode: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`recheck-campaign:${countyCode}`}))`;
  }

  /** The RUNNING campaign of the same county, categories and due window, if any. */
  findRunning(tx: Tx, w: { countyCode: string; categories: string[]; dueFrom: Date; dueTo: Date }) {
    return tx.recheckCampaign.findFirst({
      where: {
        countyCode: w.countyCode,
        status: 'RUNNING',
        categories: { equals: w.categories },
        dueFrom: w.dueFrom,
        dueTo: w.dueTo,
      },
      select: { id: true, workflowId: true },
    });
  }

  create(tx: Tx, data: Prisma.RecheckCampaignUncheckedCreateInput) {
    return tx.recheckCampaign.create({ data, select: { id: true } });
  }

  find(id: string) {
    return this.prisma.recheckCampaign.findUnique({ where: { id }, omit: shown });
  }

  /** RUNNING → STOPPED, only if still RUNNING: 1 when this call stopped it, else 0. */
  stop(tx: Tx, id: string): Promise<number> {
    return tx.recheckCampaign
      .updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'STOPPED', finishedAt: new Date() } })
      .then((r) => r.count);
  }

  /** The rechecks the campaign started, and how many of them are decided. */
  async recheckCounts(id: string): Promise<{ started: number; decided: number }> {
    const [started, decided] = await Promise.all([
      this.prisma.recheck.count({ where: { campaignId: id } }),
      this.prisma.recheck.count({ where: { campaignId: id, decidedAt: { not: null } } }),
    ]);
    return { started, decided };
  }

  /** The county's 50 newest campaigns. */
  latestOf(countyCode: string) {
    return this.prisma.recheckCampaign.findMany({
      where: { countyCode },
      orderBy: { createdAt: 'desc' },
      take: 50,
      omit: shown,
    });
  }
}

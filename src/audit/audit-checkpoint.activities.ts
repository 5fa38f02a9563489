import type { AuditCheckpointReading, ChainHead } from '../core/contracts/audit';
import { ANYANG_CITY_CODE } from '../core/contracts/household-facts';
import { cstDate } from '../core/clock';
import { P } from '../core/parameter-ids';
import type { ParameterStore } from '../policy';
import type { PrismaClient } from '../prisma/prisma-client';
import { headsGone, readChainHeads } from './chain-heads';

/**
 * The checkpoint workflow's one activity: its result (the heads) lands in the workflow's
 * history, which lives in Temporal, out of reach of the database role.
 */
export function createAuditCheckpointActivities(deps: { prisma: PrismaClient; parameters: ParameterStore }) {
  const { prisma, parameters } = deps;
  return {
    /** The heads now, the period until the next checkpoint, and the previous checkpoint's heads that are gone. */
    async recordAuditCheckpoint(previous: { id: string; heads: ChainHead[] } | null): Promise<AuditCheckpointReading> {
      // The recorded heads first: a row appended between the two reads is simply in this checkpoint.
      const findings = previous ? await headsGone(prisma, previous) : [];
      const heads = await readChainHeads(prisma);
      const at = new Date().toISOString();
      const period = parameters.lookupNumber(P.AUDIT_CHECKPOINT_PERIOD_MINUTES, {
        date: cstDate(at),
        county: ANYANG_CITY_CODE,
      });
      return { at, heads, periodMinutes: period.value, findings };
    },
  };
}

export type AuditCheckpointActivities = ReturnType<typeof createAuditCheckpointActivities>;

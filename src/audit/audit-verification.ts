import type { AuditCheckpointState, CheckpointFinding } from '../core/contracts/audit';
import type { PrismaClient } from '../prisma/prisma-client';
import { verifyAuditChain } from './audit-log';
import { headsGone } from './chain-heads';

/**
 * How the newest checkpoint was used: VERIFIED against it; NONE_YET, the workflow has not
 * recorded one; UNAVAILABLE, Temporal or its worker did not answer (the chains alone were checked).
 */
export type CheckpointStatus = 'VERIFIED' | 'NONE_YET' | 'UNAVAILABLE';

/**
 * The whole trail: every chain recomputed (an edited, moved or removed row inside a chain),
 * and the heads the checkpoint workflow recorded outside PostgreSQL still present and
 * unchanged (the newest rows of a chain removed). Heads the workflow found gone at an
 * earlier checkpoint stay reported: the database cannot show them any more.
 */
export async function verifyAuditTrail(prisma: PrismaClient, checkpoints: AuditCheckpointState | null) {
  const chains = await verifyAuditChain(prisma);
  const latest = checkpoints?.latest ?? null;
  const now = latest ? await headsGone(prisma, latest) : [];
  const brokenChains = mergeFindings(checkpoints?.findings ?? [], now);
  const checkpointStatus: CheckpointStatus = checkpoints === null ? 'UNAVAILABLE' : latest ? 'VERIFIED' : 'NONE_YET';
  const firstMissing = brokenChains.map((f) => BigInt(f.seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0];
  return {
    rows: chains.rows,
    valid: chains.valid && brokenChains.length === 0,
    brokenAtSeq: chains.brokenAtSeq ?? firstMissing?.toString() ?? null,
    chainsValid: chains.valid,
    checkpointStatus,
    checkpoint:
      checkpoints && latest
        ? {
            id: latest.id,
            at: latest.at,
            workflowId: checkpoints.workflowId,
            runId: checkpoints.runId,
            chains: latest.heads.length,
            // Readings that failed since this checkpoint (its heads grow older meanwhile).
            missedRounds: checkpoints.missed ?? 0,
          }
        : null,
    brokenChains,
  };
}

/** Earlier findings first; a head found again is listed once. */
function mergeFindings(earlier: readonly CheckpointFinding[], now: readonly CheckpointFinding[]): CheckpointFinding[] {
  const seen = new Set<string>();
  const out: CheckpointFinding[] = [];
  for (const f of [...earlier, ...now]) {
    const key = `${f.chain}|${f.seq}|${f.hash}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

import type { ChainHead, CheckpointFinding } from '../core/contracts/audit';
import type { PrismaClient } from '../prisma/prisma-client';

// The chain heads: the hash chain shows an edited or removed row only while a later row
// links to it, so removing a chain's newest rows leaves a shorter chain that still verifies.
// The heads are therefore recorded outside PostgreSQL (the checkpoint workflow's history)
// and a recorded head must still be in the database, unchanged.

/** The newest row of every chain (served by the (chain, seq) index). */
export async function readChainHeads(prisma: PrismaClient): Promise<ChainHead[]> {
  const rows = await prisma.$queryRaw<{ chain: number; seq: bigint; hash: string }[]>`
    SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_log ORDER BY chain, seq DESC`;
  return rows.map((r) => ({ chain: Number(r.chain), seq: r.seq.toString(), hash: r.hash }));
}

/** The recorded heads the database no longer holds as recorded: deleted (MISSING) or rewritten (CHANGED). */
export async function headsGone(
  prisma: PrismaClient,
  checkpoint: { id: string; heads: readonly ChainHead[] },
): Promise<CheckpointFinding[]> {
  if (checkpoint.heads.length === 0) return [];
  const seqs = checkpoint.heads.map((h) => BigInt(h.seq));
  const rows = await prisma.auditLog.findMany({
    where: { seq: { in: seqs } },
    select: { seq: true, chain: true, hash: true },
  });
  const bySeq = new Map(rows.map((r) => [r.seq.toString(), r]));
  const findings: CheckpointFinding[] = [];
  for (const head of checkpoint.heads) {
    const row = bySeq.get(head.seq);
    if (row === undefined) findings.push({ ...head, found: 'MISSING', checkpointId: checkpoint.id });
    else if (row.chain !== head.chain || row.hash !== head.hash)
      findings.push({ ...head, found: 'CHANGED', checkpointId: checkpoint.id });
  }
  return findings;
}

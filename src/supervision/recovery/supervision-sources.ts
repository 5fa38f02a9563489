import type { SupervisionSource } from '../../core/contracts/recovery';
import type { PrismaClient } from '../../prisma/prisma-client';

/** The enrolled case and household a source (recheck, warning, complaint) concerns; null when it does not exist. */
export interface SourceConcerns {
  enrolledCaseId: string | null;
  householdId: string | null;
}

/** What a recheck, a warning or a complaint is about, as its row says. */
export async function sourceConcerns(prisma: PrismaClient, s: SupervisionSource): Promise<SourceConcerns | null> {
  const viaCase = async (enrolledCaseId: string | null): Promise<SourceConcerns> => {
    if (enrolledCaseId === null) return { enrolledCaseId: null, householdId: null };
    const c = await prisma.enrolledCase.findUnique({ where: { id: enrolledCaseId }, select: { householdId: true } });
    return { enrolledCaseId, householdId: c?.householdId ?? null };
  };
  switch (s.kind) {
    case 'RECHECK': {
      const r = await prisma.recheck.findUnique({ where: { id: s.id }, select: { enrolledCaseId: true } });
      return r ? viaCase(r.enrolledCaseId) : null;
    }
    case 'WARNING': {
      const w = await prisma.warning.findUnique({
        where: { id: s.id },
        select: { enrolledCaseId: true, householdId: true },
      });
      if (!w) return null;
      const c = await viaCase(w.enrolledCaseId);
      return { enrolledCaseId: c.enrolledCaseId, householdId: w.householdId ?? c.householdId };
    }
    case 'COMPLAINT': {
      const c = await prisma.complaint.findUnique({ where: { id: s.id }, select: { enrolledCaseId: true } });
      return c ? viaCase(c.enrolledCaseId) : null;
    }
  }
}

export const SOURCE_NAMES_ZH: Record<SupervisionSource['kind'], string> = {
  RECHECK: '复核',
  WARNING: '预警',
  COMPLAINT: '投诉举报',
};

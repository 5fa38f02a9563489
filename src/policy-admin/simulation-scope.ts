// The cases a what-if runs over: enrolled cases not exited and open applications, in the
// run's counties and categories, read by id in pages (keyset), so memory stays flat.
import { TERMINAL_STAGES } from '../core/contracts/determination';
import type { SimulationCursor, SimulationScope } from '../core/contracts/policy-simulation';
import type { PrismaClient } from '../prisma/prisma-client';

export interface ScopedCase {
  kind: SimulationCursor['kind'];
  id: string;
  countyCode: string;
  category: string;
  facts: unknown;
}

const enrolledWhere = (s: SimulationScope) => ({
  status: { not: 'EXITED' as const },
  countyCode: { in: s.counties },
  category: { in: s.categories },
});
const openWhere = (s: SimulationScope) => ({
  stage: { notIn: [...TERMINAL_STAGES] },
  countyCode: { in: s.counties },
  category: { in: s.categories },
});

export async function countInScope(prisma: PrismaClient, s: SimulationScope): Promise<number> {
  const [enrolled, open] = await Promise.all([
    prisma.enrolledCase.count({ where: enrolledWhere(s) }),
    prisma.application.count({ where: openWhere(s) }),
  ]);
  return enrolled + open;
}

/** One page from the cursor on, and the cursor after it (null when the registry is done). */
export async function pageInScope(
  prisma: PrismaClient,
  s: SimulationScope,
  cursor: SimulationCursor,
  size: number,
): Promise<{ cases: ScopedCase[]; next: SimulationCursor | null }> {
  const after = cursor.after !== null ? { id: { gt: cursor.after } } : {};
  if (cursor.kind === 'ENROLLED') {
    const rows = await prisma.enrolledCase.findMany({
      where: { ...enrolledWhere(s), ...after },
      orderBy: { id: 'asc' },
      take: size,
      select: { id: true, countyCode: true, category: true, applicationId: true },
    });
    const facts = new Map(
      (
        await prisma.application.findMany({
          where: { id: { in: rows.map((r) => r.applicationId) } },
          select: { id: true, facts: true },
        })
      ).map((a) => [a.id, a.facts]),
    );
    const cases = rows.map((r) => ({
      kind: 'ENROLLED' as const,
      id: r.id,
      countyCode: r.countyCode,
      category: r.category,
      facts: facts.get(r.applicationId),
    }));
    const next: SimulationCursor =
      rows.length < size
        ? { kind: 'APPLICATION', after: null }
        : { kind: 'ENROLLED', after: rows[rows.length - 1]!.id };
    return { cases, next };
  }
  const rows = await prisma.application.findMany({
    where: { ...openWhere(s), ...after },
    orderBy: { id: 'asc' },
    take: size,
    select: { id: true, countyCode: true, category: true, facts: true },
  });
  const cases = rows.map((r) => ({ kind: 'APPLICATION' as const, ...r }));
  return { cases, next: rows.length < size ? null : { kind: 'APPLICATION', after: rows[rows.length - 1]!.id } };
}

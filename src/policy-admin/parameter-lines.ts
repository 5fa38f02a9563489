// What the database says about one parameter's line (its versions for a division and area):
// the versions stored, and which of them a decision has used. Plain functions over a Prisma
// client or transaction, shared by the API (proposal) and the worker (approval).
import type { Prisma, PrismaClient } from '../prisma/prisma-client';

type Db = PrismaClient | Prisma.TransactionClient;

export interface LineKey {
  parameterId: string;
  division: string;
  /** '' for both areas. */
  area: string;
}

/** The versions of the line, oldest first. */
export function lineVersions(db: Db, k: LineKey) {
  return db.parameterVersion.findMany({
    where: { parameterId: k.parameterId, division: k.division, area: k.area },
    orderBy: { validFrom: 'asc' },
    select: { version: true, validFrom: true, origin: true },
  });
}

/** Version labels of the line that some decision recorded among the parameters it used. */
export async function versionsUsedByDecisions(db: Db, k: LineKey): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ version: string }[]>`
    SELECT DISTINCT r->>'version' AS version
    FROM decision d, jsonb_array_elements(d.parameter_versions) r
    WHERE jsonb_typeof(d.parameter_versions) = 'array'
      AND r->>'id' = ${k.parameterId} AND r->>'division' = ${k.division} AND coalesce(r->>'area', '') = ${k.area}`;
  return new Set(rows.map((r) => r.version));
}

export interface DateFinding {
  path: 'validFrom';
  code: 'BEFORE_USED_VERSION' | 'SAME_DAY_VERSION';
  message: string;
}

/**
 * A new version starting `validFrom` may not start on or before a version a decision already
 * used (it would change what that decision stood on), nor on the day an approved version of
 * the line starts (one version per first day).
 */
export async function validFromFindings(db: Db, k: LineKey, validFrom: string): Promise<DateFinding[]> {
  const [versions, used] = await Promise.all([lineVersions(db, k), versionsUsedByDecisions(db, k)]);
  const out: DateFinding[] = [];
  const usedLater = versions.filter((v) => used.has(v.version) && v.validFrom >= validFrom);
  if (usedLater.length > 0) {
    const v = usedLater[usedLater.length - 1]!;
    out.push({
      path: 'validFrom',
      code: 'BEFORE_USED_VERSION',
      message: `生效日期须晚于已被审批决定使用的版本 ${v.version}（${v.validFrom} 起施行）的生效日期`,
    });
  } else if (versions.some((v) => v.origin === 'APPROVED' && v.validFrom === validFrom)) {
    out.push({
      path: 'validFrom',
      code: 'SAME_DAY_VERSION',
      message: `该参数在此区划已有 ${validFrom} 起施行的批准版本`,
    });
  }
  return out;
}

import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../../prisma/prisma-client';

export interface PopulationRow {
  member_id: string | null;
  household_id: string | null;
  name: string;
  id_number_masked: string;
  category: string;
  subtype: string | null;
  origin: string;
  county_code: string;
  division_code: string | null;
  since: Date | null;
  enrolled_case_id: string | null;
  record_id: string | null;
}

/**
 * The database as staff search it: members of enrolled cases not exited (ENROLMENT), and the
 * recorded ones (existing recipients, 防止返贫监测对象, self-declarations in no category) with
 * the registry's household when the person is in it (else the village a declaration named). Matched on the ID-number HMAC, never on a clear number.
 */
function entries(counties: CountyScope): Prisma.Sql {
  // The jurisdiction's counties are read in each branch, through the county indexes; the
  // finer conditions (village, name, ID number) apply to the union.
  const inCounties = (column: Prisma.Sql) =>
    typeof counties === 'string'
      ? Prisma.sql`${column} = ${counties}`
      : counties.lt
        ? Prisma.sql`${column} >= ${counties.gte} AND ${column} < ${counties.lt}`
        : Prisma.sql`${column} >= ${counties.gte}`;
  return Prisma.sql`
  SELECT m.id AS member_id, m.household_id, m.name, m.id_number_masked, m.id_number_hmac, e.category,
         NULL::text AS subtype, 'ENROLMENT' AS origin, e.county_code, h.division_code,
         to_date(e.start_month || '-01', 'YYYY-MM-DD') AS since, e.id AS enrolled_case_id, NULL::uuid AS record_id
  FROM enrolled_case e
  JOIN member m ON m.household_id = e.household_id
  JOIN household h ON h.id = m.household_id
  WHERE ${inCounties(Prisma.sql`e.county_code`)} AND e.status <> 'EXITED'
  UNION ALL
  SELECT m.id, m.household_id, p.name, p.id_number_masked, p.id_number_hmac, p.category,
         p.subtype, p.origin, p.county_code, coalesce(h.division_code, p.division_code), p.since, NULL, p.id
  FROM population_record p
  LEFT JOIN member m ON m.id_number_hmac = p.id_number_hmac
  LEFT JOIN household h ON h.id = m.household_id
  WHERE ${inCounties(Prisma.sql`p.county_code`)}`;
}

/** The county codes searched (countiesOf in src/common/jurisdiction-scope.ts). */
export type CountyScope = string | { gte: string; lt?: string };

@Injectable()
export class PopulationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async search(
    counties: CountyScope,
    where: Prisma.Sql,
    skip: number,
    take: number,
  ): Promise<[PopulationRow[], number]> {
    const ENTRIES = entries(counties);
    const [rows, [{ total }]] = await Promise.all([
      this.prisma.$queryRaw<PopulationRow[]>`
        SELECT x.member_id, x.household_id, x.name, x.id_number_masked, x.category, x.subtype, x.origin,
               x.county_code, x.division_code, x.since, x.enrolled_case_id, x.record_id
        FROM (${ENTRIES}) x WHERE ${where}
        ORDER BY x.name, x.id_number_masked, x.category, x.origin
        LIMIT ${take} OFFSET ${skip}`,
      this.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM (${ENTRIES}) x WHERE ${where}`,
    ]);
    return [rows, total];
  }

  member(id: string) {
    return this.prisma.member.findUnique({
      where: { id },
      select: { id: true, idNumberEncrypted: true, household: { select: { divisionCode: true } } },
    });
  }
}

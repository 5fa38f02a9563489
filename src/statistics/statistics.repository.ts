import { Inject, Injectable } from '@nestjs/common';
import { codeRange } from '../common/jurisdiction-scope';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

/** Where an aggregate looks: a division prefix (the caller's jurisdiction), an optional county, CST months as instants. */
export interface StatisticsScope {
  /** Division codes starting with this prefix are counted (township codes start with their county's). */
  prefix: string;
  county: string | null;
  /** First instant of the first month. */
  start: Date;
  /** First instant after the last month. */
  end: Date;
}

type CaseloadDbRow = { month: string; countyCode: string; category: string; applications: number; enrolled: number };
type SlaDbRow = { type: string; countyCode: string; met: number; atRisk: number; breached: number; onTrack: number };
type EmergencyDbRow = {
  month: string;
  countyCode: string;
  path: string;
  cases: number;
  requested: string;
  approved: string;
  paid: string;
};
type ReserveDbRow = { month: string; countyCode: string; paid: string; payments: number; toppedUp: string };

// Months are China Standard Time months, as the payments' own are.
const MONTH = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
// application.created_at is a timestamp without time zone holding UTC (Prisma's default mapping).
const APPLICATION_CREATED = Prisma.sql`(created_at AT TIME ZONE 'UTC')`;
const county = (column: Prisma.Sql, s: StatisticsScope) =>
  s.county === null ? Prisma.empty : Prisma.sql`AND ${column} = ${s.county}`;
/**
 * The caller's jurisdiction through the county and township columns, which the indexes lead
 * with: a county's code or a township's equal, the city's a range (a LIKE on the township
 * code would read every row of the months); then the county asked, if any.
 */
function within(countyColumn: Prisma.Sql, townshipColumn: Prisma.Sql, s: StatisticsScope): Prisma.Sql {
  const p = s.prefix;
  const range = codeRange(p);
  const scope =
    p.length === 6
      ? Prisma.sql`${countyColumn} = ${p}`
      : p.length > 6
        ? Prisma.sql`${townshipColumn} = ${p}`
        : range.lt
          ? Prisma.sql`${countyColumn} >= ${range.gte} AND ${countyColumn} < ${range.lt}`
          : Prisma.sql`${countyColumn} >= ${range.gte}`;
  return Prisma.sql`${scope} ${county(countyColumn, s)}`;
}
/** The months asked, for application.created_at (UTC without a zone): the bounds converted, not the column, so its index serves. */
const APPLICATION_IN_MONTHS = (s: StatisticsScope) =>
  Prisma.sql`created_at >= (${s.start}::timestamptz AT TIME ZONE 'UTC') AND created_at < (${s.end}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * The dashboards' aggregates: GROUP BY in PostgreSQL, only counts and sums leave the
 * database; drill cases (the embedded demo) are never counted.
 */
@Injectable()
export class StatisticsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Applications received and cases enrolled per month, county and category. */
  caseload(s: StatisticsScope) {
    return this.prisma.$queryRaw<CaseloadDbRow[]>`
      WITH a AS (
        SELECT ${MONTH(APPLICATION_CREATED)} AS month, county_code, category, count(*)::int AS n
          FROM application
         WHERE NOT drill AND ${APPLICATION_IN_MONTHS(s)}
           AND ${within(Prisma.sql`county_code`, Prisma.sql`township_code`, s)}
         GROUP BY 1, 2, 3
      ), e AS (
        SELECT ${MONTH(Prisma.sql`created_at`)} AS month, county_code, category, count(*)::int AS n
          FROM enrolled_case
         WHERE NOT drill AND created_at >= ${s.start} AND created_at < ${s.end}
           AND ${within(Prisma.sql`county_code`, Prisma.sql`township_code`, s)}
         GROUP BY 1, 2, 3
      )
      SELECT coalesce(a.month, e.month) AS month, coalesce(a.county_code, e.county_code) AS "countyCode",
             coalesce(a.category, e.category) AS category,
             coalesce(a.n, 0)::int AS applications, coalesce(e.n, 0)::int AS enrolled
        FROM a FULL JOIN e ON a.month = e.month AND a.county_code = e.county_code AND a.category = e.category
       ORDER BY 1, 2, 3`;
  }

  /**
   * Tasks created in the months by type and county: met, at risk (open, not yet due, reminded
   * — past the reminder share — or due within the days asked), breached (completed late or
   * open past due), on track. Cancelled tasks count nowhere.
   */
  sla(s: StatisticsScope, dueWithinDays: number, now: Date) {
    const soon = new Date(now.getTime() + dueWithinDays * 86_400_000);
    return this.prisma.$queryRaw<SlaDbRow[]>`
      SELECT type, county_code AS "countyCode",
             count(*) FILTER (WHERE status = 'DONE' AND (due_at IS NULL OR completed_at <= due_at))::int AS met,
             count(*) FILTER (WHERE status IN ('OPEN', 'CLAIMED') AND due_at >= ${now}
                                AND (reminder_sent_at IS NOT NULL OR due_at <= ${soon}))::int AS "atRisk",
             count(*) FILTER (WHERE (status = 'DONE' AND completed_at > due_at)
                                 OR (status IN ('OPEN', 'CLAIMED') AND due_at < ${now}))::int AS breached,
             count(*) FILTER (WHERE status IN ('OPEN', 'CLAIMED')
                                AND (due_at IS NULL OR (due_at > ${soon} AND reminder_sent_at IS NULL)))::int AS "onTrack"
        FROM task
       WHERE status <> 'CANCELLED' AND created_at >= ${s.start} AND created_at < ${s.end}
         AND ${within(Prisma.sql`county_code`, Prisma.sql`township_code`, s)}
       GROUP BY type, county_code
       ORDER BY type, county_code`;
  }

  /** Emergency aid cases opened per month, county and path, with what was asked, approved and paid. */
  emergency(s: StatisticsScope) {
    return this.prisma.$queryRaw<EmergencyDbRow[]>`
      SELECT ${MONTH(Prisma.sql`created_at`)} AS month, county_code AS "countyCode", path, count(*)::int AS cases,
             coalesce(sum(requested_amount), 0)::numeric(16, 2)::text AS requested,
             coalesce(sum(approved_amount), 0)::numeric(16, 2)::text AS approved,
             coalesce(sum(paid_amount), 0)::numeric(16, 2)::text AS paid
        FROM emergency_case
       WHERE NOT drill AND created_at >= ${s.start} AND created_at < ${s.end}
         AND ${within(Prisma.sql`county_code`, Prisma.sql`township_code`, s)}
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3`;
  }

  /** Townships' reserve funds (备用金) per month and county: paid out and topped up. */
  reserveFund(s: StatisticsScope) {
    return this.prisma.$queryRaw<ReserveDbRow[]>`
      SELECT ${MONTH(Prisma.sql`e.at`)} AS month, f.county_code AS "countyCode",
             coalesce(sum(e.amount) FILTER (WHERE e.kind = 'PAYMENT'), 0)::numeric(16, 2)::text AS paid,
             count(*) FILTER (WHERE e.kind = 'PAYMENT')::int AS payments,
             coalesce(sum(e.amount) FILTER (WHERE e.kind = 'TOP_UP'), 0)::numeric(16, 2)::text AS "toppedUp"
        FROM reserve_fund_entry e JOIN reserve_fund f ON f.township_code = e.township_code
       WHERE e.at >= ${s.start} AND e.at < ${s.end}
         AND ${within(Prisma.sql`f.county_code`, Prisma.sql`e.township_code`, s)}
       GROUP BY 1, 2
       ORDER BY 1, 2`;
  }
}

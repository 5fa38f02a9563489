import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../../prisma/prisma-client';

/** A person's entry of the low-income population database during a month (one per person and category). */
export interface PopulationEntryRow {
  id_number_hmac: string;
  id_number_masked: string;
  name: string;
  county_code: string;
  township_code: string | null;
  category: string;
  subtype: string | null;
  origin: string;
  since: Date;
  until: Date | null;
  household_id: string | null;
}

export interface WarningEntryRow {
  id: string;
  id_number_hmac: string;
  warning_class: string;
  source: string;
  county_code: string;
  township_code: string | null;
  event_date: Date;
  raised_at: Date;
  stage: string;
  outcome: string | null;
  department: string | null;
  overdue: boolean;
  closed_at: Date | null;
}

/** What a submission's audit row keeps of its answer. */
export interface SubmittedDetails {
  submissionId: string;
  period: string;
  channel: string;
  datasets: { dataset: string; fileName: string; rowCount: number; sha256: string }[];
}

/** A month as CST instants: [from, to). */
export interface MonthSpan {
  month: string;
  from: Date;
  to: Date;
}

/**
 * What the provincial export reads, for one county and one month: the database as it was in
 * the month (an enrolled case confirmed by its end and not exited before its start — a person
 * enters the database when confirmed, though payment starts the month after —, an imported
 * record dated by its end), and the warnings open at some time in it.
 */
@Injectable()
export class ProvincialExportRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  population(county: string, span: MonthSpan): Promise<PopulationEntryRow[]> {
    return this.prisma.$queryRaw<PopulationEntryRow[]>`
      SELECT m.id_number_hmac, m.id_number_masked, m.name, e.county_code, left(h.division_code, 9) AS township_code,
             e.category, NULL::text AS subtype, 'ENROLMENT' AS origin,
             (e.created_at AT TIME ZONE 'Asia/Shanghai')::date AS since,
             CASE WHEN e.exited_at < ${span.to} THEN (e.exited_at AT TIME ZONE 'Asia/Shanghai')::date END AS until,
             e.household_id
      FROM enrolled_case e
      JOIN member m ON m.household_id = e.household_id
      JOIN household h ON h.id = m.household_id
      WHERE e.county_code = ${county} AND e.created_at < ${span.to}
        AND (e.exited_at IS NULL OR e.exited_at >= ${span.from})
      UNION ALL
      SELECT p.id_number_hmac, p.id_number_masked, p.name, p.county_code,
             CASE WHEN h.division_code IS NULL THEN NULL ELSE left(h.division_code, 9) END,
             p.category, p.subtype, p.origin, p.since, NULL, m.household_id
      FROM population_record p
      LEFT JOIN member m ON m.id_number_hmac = p.id_number_hmac
      LEFT JOIN household h ON h.id = m.household_id
      WHERE p.county_code = ${county} AND p.since < (${span.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
      ORDER BY 8, 6, 2, 1`;
  }

  warnings(county: string, span: MonthSpan): Promise<WarningEntryRow[]> {
    return this.prisma.$queryRaw<WarningEntryRow[]>`
      SELECT w.id, w.id_number_hmac, w.warning_class, w.source, w.county_code, w.township_code, w.event_date,
             w.raised_at, w.stage, w.outcome, w.department, w.overdue, w.closed_at
      FROM warning w
      WHERE w.county_code = ${county} AND w.raised_at < ${span.to}
        AND (w.closed_at IS NULL OR w.closed_at >= ${span.from})
      ORDER BY w.raised_at, w.id`;
  }

  /**
   * The details of a submission's audit row (written with its Idempotency-Key's record): what
   * the first answer said, for a retry under the same key.
   */
  async submitted(county: string, submissionId: string): Promise<SubmittedDetails | null> {
    const row = await this.prisma.auditLog.findFirst({
      where: {
        targetType: 'County',
        targetId: county,
        action: 'PROVINCIAL_EXPORT_SUBMITTED',
        details: { path: ['submissionId'], equals: submissionId },
      },
      select: { details: true },
    });
    return (row?.details as SubmittedDetails | undefined) ?? null;
  }
}

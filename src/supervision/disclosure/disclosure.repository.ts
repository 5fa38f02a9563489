import { Inject, Injectable } from '@nestjs/common';
import { ANYANG_CITY_CODE } from '../../core/contracts/household-facts';
import { PrismaClient } from '../../prisma/prisma-client';

/** One county × category of a month's paid benefits. */
export interface PaidRow {
  countyCode: string;
  category: string;
  households: number;
  persons: number;
  amount: string;
}

/** One county's figure of a month (emergency aid given, complaints answered). */
export interface CountyRow {
  countyCode: string;
  count: number;
  /** Emergency aid: the amount; complaints: how many were answered within their time limit. */
  amount: string;
  onTime: number;
}

/**
 * The month's aggregates behind the public statistics. Only counts and sums leave the
 * database; drill cases (the embedded demo) are never counted. Months are China Standard
 * Time months, as the payment instructions' own month is.
 */
@Injectable()
export class DisclosureRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  counties() {
    return this.prisma.division.findMany({
      where: { level: 'COUNTY', parentCode: ANYANG_CITY_CODE },
      select: { code: true, name: true },
      orderBy: { code: 'asc' },
    });
  }

  /** Benefits the bank paid for that month: households, the persons the instruction covered, the amount it paid (its return file's, else the instruction's). */
  paid(month: string) {
    return this.prisma.$queryRaw<PaidRow[]>`
      SELECT p.county_code AS "countyCode", c.category,
             count(DISTINCT p.enrolled_case_id)::int AS households,
             coalesce(sum(jsonb_array_length(p.members)), 0)::int AS persons,
             sum(coalesce(p.paid_amount, p.amount))::text AS amount
        FROM payment_instruction p JOIN enrolled_case c ON c.id = p.enrolled_case_id
       WHERE p.month = ${month} AND p.status = 'PAID' AND NOT c.drill
       GROUP BY p.county_code, c.category`;
  }

  /** Emergency aid paid out in the month: the cases paid and the sum of their payments. */
  emergencyAid(month: string) {
    return this.prisma.$queryRaw<CountyRow[]>`
      SELECT e.county_code AS "countyCode", count(DISTINCT e.id)::int AS count,
             sum(p.amount)::text AS amount, 0 AS "onTime"
        FROM emergency_payment p JOIN emergency_case e ON e.id = p.case_id
       WHERE to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month} AND NOT e.drill
       GROUP BY e.county_code`;
  }

  /** Complaints answered in the month, and how many of them within their time limit. */
  complaintsAnswered(month: string) {
    return this.prisma.$queryRaw<CountyRow[]>`
      SELECT county_code AS "countyCode", count(*)::int AS count, '0' AS amount,
             count(*) FILTER (WHERE due_at IS NULL OR answered_at <= due_at)::int AS "onTime"
        FROM complaint
       WHERE answered_at IS NOT NULL
         AND to_char(answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}
       GROUP BY county_code`;
  }
}

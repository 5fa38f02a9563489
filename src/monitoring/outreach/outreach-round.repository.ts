import type { OutreachRoundPlan } from '../../core/contracts/outreach';
import type { Prisma } from '../../prisma/prisma-client';

/** Categories whose households are visited through their own case, not by the outreach round (plan 二(三)3). */
const VISITED_BY_THEIR_CASE = ['MINIMUM_LIVING', 'DESTITUTE'];

export interface DueHousehold {
  id: string;
  divisionCode: string;
}

/**
 * One page of the county's priority households due for a visit, by id after `after`: not in
 * 低保 or 特困 (no case of those categories still running, no member imported as such); a member
 * with a disability, no or weak labour, or a serious illness (the registry records no separate
 * chronic illness), or an emergency case of a member since `emergencySince`; and no visit
 * within the interval. Households with a visit task open are still due (the insert skips them).
 */
export async function dueHouseholds(
  tx: Prisma.TransactionClient,
  plan: OutreachRoundPlan,
  after: string | null,
): Promise<DueHousehold[]> {
  const lastVisitBefore = `${plan.intervalDays} days`;
  return tx.$queryRaw<DueHousehold[]>`
    SELECT h.id::text AS id, h.division_code AS "divisionCode"
    FROM household h
    WHERE h.division_code LIKE ${`${plan.countyCode}%`}
      AND (${after}::uuid IS NULL OR h.id > ${after}::uuid)
      AND NOT EXISTS (
        SELECT 1 FROM enrolled_case e
        WHERE e.household_id = h.id AND e.status <> 'EXITED' AND e.category = ANY(${VISITED_BY_THEIR_CASE}))
      AND NOT EXISTS (
        SELECT 1 FROM member m JOIN population_record p ON p.id_number_hmac = m.id_number_hmac
        WHERE m.household_id = h.id AND p.category = ANY(${VISITED_BY_THEIR_CASE}))
      AND (
        EXISTS (
          SELECT 1 FROM member m
          WHERE m.household_id = h.id
            AND (m.disability_type IS NOT NULL OR m.labour_capacity IN ('NONE', 'PARTIAL') OR m.serious_illness))
        OR EXISTS (
          SELECT 1 FROM emergency_case c JOIN member m ON m.id = c.member_id
          WHERE m.household_id = h.id AND c.created_at >= ${plan.emergencySince}::date))
      AND NOT EXISTS (
        SELECT 1 FROM outreach_visit v
        WHERE v.household_id = h.id AND v.visited_on > ${plan.date}::date - ${lastVisitBefore}::interval)
    ORDER BY h.id
    LIMIT ${plan.pageSize}`;
}

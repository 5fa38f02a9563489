import { Prisma } from '../../prisma/prisma-client';
import type { EntitlementRule } from '../../core/contracts/referral';
import { ENTITLEMENT_NAMES_ZH, type Entitlement } from '../../core/contracts/referral';

type Tx = Prisma.TransactionClient;

/** The member situations of the matrix the registry answers in SQL (m: member). */
const SITUATION_SQL: Partial<Record<EntitlementRule['situation'], Prisma.Sql>> = {
  ALL_MEMBERS: Prisma.sql`true`,
  STUDENT: Prisma.sql`m.student`,
};

/**
 * Class (a) (政策未落实, seed 二(三)4) from a department's list of the people it serves: every
 * member of an enrolled case (not exited) whom the entitlement matrix owes the rule's
 * entitlement and who is absent from the batch is warned, once per person and entitlement
 * (an open warning of the same key is moved on to this batch). The list counts as complete
 * for each county it has rows of (a county not in the file is not judged by it). A referral of
 * that entitlement still open (the department is at work, with its own time limit) or
 * delivered this year keeps the person out. Returns the warning events written.
 */
export async function raiseOwedNotListed(
  tx: Tx,
  batch: { id: string; scopeCode: string; source: string; stagedAt: Date },
  entitlement: Entitlement,
  owing: readonly Pick<EntitlementRule, 'category' | 'area' | 'situation' | 'department'>[],
): Promise<{ type: string }[]> {
  const predicates = owing.flatMap((o) => {
    const s = SITUATION_SQL[o.situation];
    return s ? [Prisma.sql`(e.category = ${o.category} AND h.area = ${o.area} AND ${s})`] : [];
  });
  if (predicates.length === 0) return [];
  const details = JSON.stringify({
    entitlement,
    entitlementName: ENTITLEMENT_NAMES_ZH[entitlement],
    department: owing[0]?.department ?? null,
    finding: 'NOT_LISTED',
  });
  const year = batch.stagedAt.getUTCFullYear();
  return tx.$queryRaw<{ type: string }[]>`
    WITH counties AS (
      SELECT DISTINCT county_code FROM data_batch_row WHERE batch_id = ${batch.id}::uuid
    ), candidate AS (
      SELECT DISTINCT ON (m.id_number_hmac)
             m.id_number_hmac, m.id AS member_id, m.household_id, e.id AS enrolled_case_id,
             left(h.division_code, 6) AS county_code, left(h.division_code, 9) AS township_code
      FROM enrolled_case e
      JOIN household h ON h.id = e.household_id
      JOIN member m ON m.household_id = e.household_id
      WHERE e.status <> 'EXITED'
        AND h.division_code LIKE ${`${batch.scopeCode}%`}
        AND left(h.division_code, 6) IN (SELECT county_code FROM counties)
        -- The case's included members when it names registry members; otherwise the household (as its referrals).
        AND (e.members_included @> to_jsonb(m.id::text)
             OR NOT EXISTS (SELECT 1 FROM member m2 WHERE m2.household_id = e.household_id
                            AND e.members_included @> to_jsonb(m2.id::text)))
        AND (${Prisma.join(predicates, ' OR ')})
        AND NOT EXISTS (SELECT 1 FROM data_batch_row r
                        WHERE r.batch_id = ${batch.id}::uuid AND r.id_number_hmac = m.id_number_hmac)
        AND NOT EXISTS (SELECT 1 FROM referral f
                        WHERE f.member_ref = m.id::text AND f.entitlement = ${entitlement}
                          AND (f.stage <> 'CLOSED' OR (f.outcome = 'DELIVERED' AND f.year >= ${year})))
      ORDER BY m.id_number_hmac, e.created_at DESC
    ), upserted AS (
      INSERT INTO warning AS w (id, open_key, warning_class, source, id_number_hmac, member_id, household_id,
                               enrolled_case_id, county_code, township_code, stage, first_batch_id, last_batch_id,
                               last_row, event_date, details, raised_at, updated_at)
      SELECT gen_random_uuid(), c.id_number_hmac || '|POLICY_NOT_APPLIED|' || ${entitlement},
             'POLICY_NOT_APPLIED', ${batch.source}, c.id_number_hmac, c.member_id, c.household_id,
             c.enrolled_case_id, c.county_code, c.township_code, 'RAISED', ${batch.id}::uuid, ${batch.id}::uuid,
             NULL, ${batch.stagedAt}::date, ${details}::jsonb, now(), now()
      FROM candidate c
      ON CONFLICT (open_key) DO UPDATE
        SET last_batch_id = EXCLUDED.last_batch_id, updated_at = EXCLUDED.updated_at
      RETURNING w.id, w.stage, (xmax = 0) AS inserted
    )
    INSERT INTO warning_event (warning_id, event_key, type, stage, batch_id, at)
    SELECT u.id, CASE WHEN u.inserted THEN 'RAISED' ELSE 'UPDATED#' || ${batch.id} END,
           CASE WHEN u.inserted THEN 'RAISED' ELSE 'UPDATED' END, u.stage, ${batch.id}::uuid, now()
    FROM upserted u
    RETURNING type`;
}

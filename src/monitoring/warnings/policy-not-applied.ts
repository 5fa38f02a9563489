import { randomUUID } from 'node:crypto';
import { type Prisma } from '../../prisma/prisma-client';
import { ENTITLEMENT_NAMES_ZH, type Entitlement } from '../../core/contracts/referral';
import { policyNotAppliedKey, REFERRAL_RECORDS_SOURCE } from '../../core/contracts/warning';

type Tx = Prisma.TransactionClient;

/** What the referral records show of one owed entitlement: never referred, or its latest referral declined. */
export type UndeliveredFinding = 'NOT_REFERRED' | 'DECLINED';

export interface Undelivered {
  memberId: string;
  idNumberHmac: string;
  householdId: string;
  enrolledCaseId: string;
  countyCode: string;
  townshipCode: string | null;
  entitlement: Entitlement;
  department: string;
  finding: UndeliveredFinding;
  referralId: string | null;
  /** When that referral closed: a class (a) warning raised since has already judged it. */
  referralClosedAt: Date | null;
}

/** The latest referral of each (member, entitlement) of these members: what the department last said. */
export function latestReferrals(tx: Tx, memberRefs: string[]) {
  if (memberRefs.length === 0) return Promise.resolve([]);
  return tx.$queryRaw<
    { id: string; member_ref: string; entitlement: string; outcome: string | null; closed_at: Date | null }[]
  >`
    SELECT DISTINCT ON (member_ref, entitlement) id, member_ref, entitlement, outcome, closed_at
    FROM referral WHERE member_ref = ANY(${memberRefs}::text[])
    ORDER BY member_ref, entitlement, opened_at DESC`;
}

/**
 * Raises a class (a) warning for an entitlement the referral records show undelivered, one
 * open per person and entitlement (an open one of that key, from a batch or an earlier check,
 * is left as it is). A class (a) warning of the same person and entitlement raised after that
 * referral closed (or ever, when there was none) has judged these records already: a verifier's
 * dismissal stands until the department's records change. The new warning's id, or null.
 */
export async function raiseUndelivered(tx: Tx, u: Undelivered, date: string): Promise<string | null> {
  const id = randomUUID();
  const details = {
    entitlement: u.entitlement,
    entitlementName: ENTITLEMENT_NAMES_ZH[u.entitlement],
    department: u.department,
    finding: u.finding,
    referralId: u.referralId,
  };
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO warning (id, open_key, warning_class, source, id_number_hmac, member_id, household_id, enrolled_case_id,
                         county_code, township_code, stage, event_date, details, raised_at, updated_at)
    SELECT ${id}::uuid, ${policyNotAppliedKey(u.idNumberHmac, u.entitlement)}, 'POLICY_NOT_APPLIED',
            ${REFERRAL_RECORDS_SOURCE}, ${u.idNumberHmac}, ${u.memberId}::uuid, ${u.householdId}::uuid,
            ${u.enrolledCaseId}::uuid, ${u.countyCode}, ${u.townshipCode}, 'RAISED', ${date}::date,
            ${JSON.stringify(details)}::jsonb, now(), now()
    WHERE NOT EXISTS (
      SELECT 1 FROM warning w
      WHERE w.id_number_hmac = ${u.idNumberHmac} AND w.warning_class = 'POLICY_NOT_APPLIED'
        AND w.details->>'entitlement' = ${u.entitlement}
        AND w.raised_at > coalesce(${u.referralClosedAt}::timestamptz, '-infinity'::timestamptz))
    ON CONFLICT (open_key) DO NOTHING
    RETURNING id`;
  if (rows.length === 0) return null;
  await tx.warningEvent.create({
    data: { warningId: id, eventKey: 'RAISED', type: 'RAISED', stage: 'RAISED', at: new Date() },
  });
  return id;
}

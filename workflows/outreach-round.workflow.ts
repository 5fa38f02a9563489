import { patched, proxyActivities } from '@temporalio/workflow';
import type { OutreachRoundActivities } from '../src/monitoring/outreach/outreach-round.activities';
import type { PolicyNotAppliedActivities } from '../src/monitoring/warnings/policy-not-applied.activities';
import type { OutreachRoundInput, OutreachRoundPage, OutreachRoundResult } from '../src/core/contracts/outreach';
import { OUTREACH_ROUND } from './profiles';

const activities = proxyActivities<OutreachRoundActivities & PolicyNotAppliedActivities>(OUTREACH_ROUND);

/** Rounds recorded before the daily class (a) check replay without it. */
const ROUND_CHECKS_ENTITLEMENTS = 'outreach-round-checks-entitlements';

/**
 * A county's outreach round (日常走访, plan 二(三)3): started every day by the county's Schedule,
 * it pages through the county's priority households due for a visit and opens one
 * OUTREACH_VISIT task per household for its village assistant. The interval is a parameter
 * read by the plan; a household with a visit task open gets none, so the daily reruns open
 * nothing twice. Then (patch `outreach-round-checks-entitlements`) the county's daily class (a)
 * check: each enrolled case's owed entitlements against the referral records, a page at a time.
 */
export async function outreachRoundWorkflow(input: OutreachRoundInput): Promise<OutreachRoundResult> {
  const plan = await activities.planOutreachRound(input);
  let due = 0;
  let opened = 0;
  let after: string | null = null;
  do {
    const page: OutreachRoundPage = await activities.openOutreachVisits({ plan, after });
    due += page.due;
    opened += page.opened;
    after = page.next;
  } while (after !== null);
  if (patched(ROUND_CHECKS_ENTITLEMENTS)) {
    let cursor: string | null = null;
    let raised = 0;
    do {
      const page: { raised: number; next: string | null } = await activities.checkUndeliveredEntitlements({
        countyCode: plan.countyCode,
        date: plan.date,
        after: cursor,
      });
      raised += page.raised;
      cursor = page.next;
    } while (cursor !== null);
    return { countyCode: plan.countyCode, date: plan.date, due, opened, policyNotApplied: raised };
  }
  return { countyCode: plan.countyCode, date: plan.date, due, opened };
}

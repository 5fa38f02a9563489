import { proxyActivities } from '@temporalio/workflow';
import type { OutreachRoundActivities } from '../src/monitoring/outreach/outreach-round.activities';
import type { OutreachRoundInput, OutreachRoundPage, OutreachRoundResult } from '../src/core/contracts/outreach';
import { OUTREACH_ROUND } from './profiles';

const activities = proxyActivities<OutreachRoundActivities>(OUTREACH_ROUND);

/**
 * A county's outreach round (日常走访, plan 二(三)3): started every day by the county's Schedule,
 * it pages through the county's priority households due for a visit and opens one
 * OUTREACH_VISIT task per household for its village assistant. The interval is a parameter
 * read by the plan; a household with a visit task open gets none, so the daily reruns open
 * nothing twice.
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
  return { countyCode: plan.countyCode, date: plan.date, due, opened };
}

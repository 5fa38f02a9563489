import { proxyActivities } from '@temporalio/workflow';
import type { FundCheckActivities } from '../src/funds/fund-check.activities';
import type { CountyFundCheck, FundCheckInput, FundCheckResult } from '../src/core/contracts/funds';
import { FUND_CHECK } from './profiles';

const activities = proxyActivities<FundCheckActivities>(FUND_CHECK);

/**
 * The monthly fund check (资金按时足额发放): started every day by a Schedule (or by hand for a
 * month), it checks the latest month past its payment deadline county by county. Each
 * county's check is one activity that records the list and opens at most one
 * FUND_DISCREPANCY task per county and month, so the daily reruns open nothing twice.
 */
export async function fundCheckWorkflow(input: FundCheckInput): Promise<FundCheckResult> {
  const plan = await activities.planFundCheck(input);
  const counties: CountyFundCheck[] = [];
  for (const countyCode of plan.counties)
    counties.push(await activities.checkCountyFunds({ countyCode, month: plan.month }));
  return { month: plan.month, deadline: plan.deadline, counties };
}

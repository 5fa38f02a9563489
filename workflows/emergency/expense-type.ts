import { close } from './close';
import { pay } from './pay';
import { type Acted, event, type EmergencyRun, LIMIT, moveTo } from './run';
import { step } from './step';

/**
 * 支出型临时救助: the full procedure (processes.md §3): accept, investigate (with the
 * income test against the previous-year disposable income), review, then confirm or refuse by
 * the township or the county, depending on the amount.
 */
export async function expenseType(run: EmergencyRun): Promise<void> {
  const { input, state } = run;
  await moveTo(run, 'EXPENSE_TYPE');
  state.step = 'ACCEPT';
  await step(
    run,
    'EMERGENCY_ACCEPT',
    'TOWNSHIP_CASEWORKER',
    input.townshipCode,
    LIMIT.step,
    'OVERDUE_STEP',
    '支出型临时救助受理逾期',
  );
  state.step = 'INVESTIGATE';
  await investigated(
    run,
    await step(
      run,
      'EMERGENCY_INVESTIGATE',
      'TOWNSHIP_CASEWORKER',
      input.townshipCode,
      LIMIT.step,
      'OVERDUE_STEP',
      '支出型临时救助家庭经济状况调查逾期',
    ),
  );
  state.step = 'REVIEW';
  const review = await step(
    run,
    'EMERGENCY_REVIEW',
    'TOWNSHIP_CASEWORKER',
    input.townshipCode,
    LIMIT.step,
    'OVERDUE_STEP',
    '支出型临时救助审核逾期',
  );
  if (review.command.action === 'submitOpinion') {
    const approve = review.command.proposal === 'APPROVE';
    state.opinion = {
      proposal: review.command.proposal,
      amount: approve ? (review.command.amount ?? input.requestedAmount) : null,
    };
    await event(run, 'REVIEWED', review, { reason: review.command.reasons.join('；') });
  }
  state.step = 'CONFIRM';
  await confirm(run);
}

/** The investigation's figures go through the income test; without a figure in force the reviewer decides by hand. */
async function investigated(run: EmergencyRun, inv: Acted): Promise<void> {
  if (inv.command.action !== 'recordInvestigation') return;
  const { input, state } = run;
  const { householdSize, annualIncome, rigidExpenses, findings } = inv.command;
  const test = await run.act.emergencyIncomeTest({
    county: input.countyCode,
    area: input.area,
    at: new Date().toISOString(),
    householdSize,
    annualIncome,
    rigidExpenses,
  });
  state.incomeTest = test;
  const details = test
    ? {
        incomeTest: {
          eligible: test.eligible,
          perCapitaIncome: test.perCapitaIncome,
          threshold: test.threshold,
          parameter: `${test.parameter.id}@${test.parameter.version}`,
        },
      }
    : { incomeTest: '上年度人均可支配收入参数缺失，由审核人员人工核定' };
  await event(run, 'INVESTIGATED', inv, { reason: findings, details });
}

/** The decision, by the township up to its limit and by the county above it; an approval is paid at once. */
async function confirm(run: EmergencyRun): Promise<void> {
  const { input, state } = run;
  const amount = state.opinion?.amount ?? input.requestedAmount;
  const township = amount <= input.limits.townshipApprovalLimit;
  const decision = await step(
    run,
    'EMERGENCY_CONFIRM',
    township ? 'TOWNSHIP_CASEWORKER' : 'COUNTY_OFFICER',
    township ? input.townshipCode : input.countyCode,
    LIMIT.step,
    'OVERDUE_STEP',
    '支出型临时救助审批逾期',
  );
  const cmd = decision.command;
  if (cmd.action === 'refuse') {
    const reasons = [
      ...(state.incomeTest && !state.incomeTest.eligible ? [state.incomeTest.reasonZh] : []),
      ...cmd.reasons,
    ];
    await event(run, 'DECIDED', decision, { patch: { decision: { outcome: 'REFUSED', reasons } } });
    await close(run, 'REFUSED', 'REFUSED', null, reasons, decision);
    return;
  }
  if (cmd.action !== 'confirm') return;
  const granted = cmd.amount ?? amount;
  state.approvedAmount = granted;
  const reasons = state.incomeTest ? [state.incomeTest.reasonZh] : [];
  await event(run, 'DECIDED', decision, {
    patch: { approvedAmount: granted, decision: { outcome: 'APPROVED', amount: granted, reasons } },
    reason: cmd.note ?? null,
  });
  if (!(await pay(run, 1, granted, township ? 'RESERVE_FUND' : 'COUNTY_BUDGET'))) return;
  await close(run, 'CLOSED', 'PAID', state.paidAmount, reasons, decision);
}

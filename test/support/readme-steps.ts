/**
 * The task steps the README's worked example takes after submitting its application, in
 * order, each with the body the README shows (a unit test finds them there word for word;
 * an e2e test follows them to the REVIEW task).
 */
export const README_TASK_STEPS: ReadonlyArray<{ type: string; body: Record<string, unknown> }> = [
  { type: 'ACCEPT', body: { action: 'accept' } },
  { type: 'START_INVESTIGATION', body: { action: 'startInvestigation' } },
  {
    type: 'HOME_VISIT',
    body: {
      action: 'recordHomeVisit',
      investigators: ['李调查', '王调查'],
      findings: '家中无大额财产',
      signedByHousehold: true,
    },
  },
];

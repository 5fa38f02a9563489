import { FundDiscrepancyResolution } from '@contracts/funds';
import type { ActionForm } from './fields';

// The county officer's answer to the monthly fund check's list (资金发放问题核查): what was found
// and done. The body has no `action` (FundDiscrepancyResolution is `{reason}` alone).

export const FUND_DISCREPANCY_FORMS: ActionForm[] = [
  {
    action: '',
    title: '核查处理完毕',
    schema: FundDiscrepancyResolution,
    fields: [
      {
        key: 'reason',
        label: '核查与处理情况',
        kind: 'textarea',
        hint: '逐项说明问题原因及补发、退回或更正情况',
      },
    ],
  },
];

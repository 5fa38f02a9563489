import { PaymentFailureResolution, RecheckAction } from '@contracts/enrolment';
import type { TaskType } from '@contracts/task';
import { actionSchema } from './action-schema';
import type { ActionForm, Field } from './fields';

// The enrolled case (processes.md §2): the recheck's investigation and its decision (unchanged,
// adjusted, phase-out or exit), and the county officer's answer to a failed payment. Checked by
// the API's own `RecheckAction` and `PaymentFailureResolution`.

const INVESTIGATE: ActionForm = {
  action: 'recordInvestigation',
  title: '登记复核调查',
  schema: actionSchema(RecheckAction, 'recordInvestigation'),
  fields: [
    { key: 'findings', label: '调查情况', kind: 'textarea' },
    { key: 'homeVisit', label: '已入户调查', kind: 'confirm' },
    {
      key: 'workRefusals',
      label: '无正当理由拒绝就业（次）',
      kind: 'number',
      optional: true,
      hint: '上次复核以来有劳动能力的成员无正当理由拒绝适当工作的次数；没有则不填',
    },
    {
      key: 'workAcceptedBy',
      label: '已接受适当工作的成员编号',
      kind: 'list',
      optional: true,
      hint: '每行一个；其此前的拒绝次数不再累计',
    },
  ],
};

/** One recheck decision: the outcome is fixed by the form, its fields sit under `decision`. */
const decide = (outcome: string, title: string, fields: Field[]): ActionForm => ({
  id: outcome,
  action: 'decide',
  title,
  fixed: { 'decision.outcome': outcome },
  schema: actionSchema(RecheckAction, 'decide'),
  fields: fields.map((f) => ({ ...f, path: `decision.${f.key}` })),
});
const reasons: Field = { key: 'reasons', label: '理由', kind: 'list', hint: '每行一条' };

const RECHECK_DECISIONS: ActionForm[] = [
  decide('UNCHANGED', '维持不变', [{ key: 'note', label: '说明', kind: 'textarea', optional: true }]),
  decide('ADJUST', '调整保障金额', [{ key: 'amount', label: '调整后的月保障金额（元）', kind: 'money' }, reasons]),
  decide('PHASE_OUT', '渐退', [reasons]),
  decide('EXIT', '停止保障', [reasons]),
];

const payment = (resolution: 'REISSUE' | 'CLOSE', title: string, label: string): ActionForm => ({
  id: resolution,
  action: '',
  title,
  fixed: { resolution },
  schema: PaymentFailureResolution,
  fields: [{ key: 'reason', label, kind: 'textarea' }],
});

export const ENROLMENT_FORMS: Partial<Record<TaskType, ActionForm[]>> = {
  RECHECK_INVESTIGATE: [INVESTIGATE],
  RECHECK_DECIDE: RECHECK_DECISIONS,
  PAYMENT_FAILED: [
    payment('REISSUE', '更正后重新发放', '更正情况（如已核实并更正银行账户）'),
    payment('CLOSE', '不再发放', '不再发放的理由'),
  ],
};

import { randomUUID } from 'node:crypto';
import '../../../console/src/forms/zod-zh';
import { CreateEmergencyAid } from '../../../src/core/contracts/emergency';
import { TaskType } from '../../../src/core/contracts/task';
import { EscalationDecisionBody } from '../../../src/core/contracts/escalation';
import { parseCompletion, TASK_STEPS } from '../../../src/tasks/task-actions';
import { EMERGENCY_INTAKE_FORM } from '../../../console/src/forms/emergency-forms';
import { DELIBERATE_ESCALATION_FORM } from '../../../console/src/forms/escalation-forms';
import { bodyOf, fieldMessages, formId, type ActionForm, type Values } from '../../../console/src/forms/fields';
import { formsOf } from '../../../console/src/forms/task-forms';

// Every task type of every process has its forms on the task page, each sending only an action
// its step takes; what a person types becomes a body the API's own route parser accepts, and
// what it refuses comes back to the input (a row's message names its row and column).

/** What the browser checks before sending (ActionFormPanel): the body without its action. */
function browserCheck(form: ActionForm, values: Values) {
  const command = bodyOf(form, values);
  delete command.action;
  const checked = form.schema.safeParse(command);
  return checked.success ? {} : fieldMessages(checked.error.issues, form.fields);
}

const find = (type: TaskType, id: string, escalationKind?: string) =>
  formsOf({ type, escalationKind }).find((f) => formId(f) === id)!;

const members = [
  { userId: 'demo-liaison-civil-affairs', department: 'CIVIL_AFFAIRS' },
  { userId: 'demo-department-liaison', department: 'HEALTH' },
];

/** A person's typing for each form of the processes that had none, by `TYPE/formId`. */
const TYPED: Record<string, Values> = {
  'EXPLAIN/explain': { text: '火灾核实，已补充情况说明' },
  'GRANT_AID/grantAid': {
    amount: 3000,
    stages: [{ amount: 1000, afterDays: 0 }, {}, { amount: 2000, afterDays: 30 }],
    note: '',
  },
  'GRANT_AID/referToDeliberation': { reason: '需多部门会商' },
  'REGISTER_AND_COMPLETE/registerAndComplete': {
    recipientConfirmed: true,
    reason: '突发重病',
    amount: 5000,
    materials: '诊断证明\n住院发票',
    signaturesComplete: true,
    sealsComplete: true,
  },
  'EMERGENCY_ACCEPT/accept': {},
  'EMERGENCY_INVESTIGATE/recordInvestigation': {
    investigators: '张三\n李四',
    findings: '入户核实',
    householdSize: 3,
    annualIncome: 12000,
    rigidExpenses: 30000,
  },
  'EMERGENCY_REVIEW/submitOpinion': { proposal: 'APPROVE', amount: 4000, reasons: '符合条件' },
  'EMERGENCY_CONFIRM/confirm': { amount: 4000 },
  'EMERGENCY_CONFIRM/refuse': { reasons: '收入超过标准' },
  'CONVENE/convene': { members, question: '' },
  'OPINION/giveOpinion': { opinion: 'APPROVE', comment: '同意' },
  'OPINION/changeOpinion': { opinion: 'ABSTAIN', comment: '弃权' },
  'DELIBERATION_DECIDE/decide': {
    outcome: 'APPROVE',
    measures: [
      { item: '临时救助金', amount: 6000, department: 'CIVIL_AFFAIRS', dueOn: '2026-12-31' },
      { item: '医疗救助', department: 'MEDICAL_INSURANCE', dueOn: '2026-12-31' },
    ],
    reason: '多数同意',
  },
  'DELIBERATION_DECIDE/extend': { reason: '成员单位需补充材料' },
  'DELIBERATION_DECIDE/close': { reason: '情况已消除' },
  'FOLLOW_UP/reportFollowUp': { result: 'DONE', details: '已发放' },
  'RECHECK_INVESTIGATE/recordInvestigation': { findings: '入户复核', homeVisit: true, workAcceptedBy: '' },
  'RECHECK_DECIDE/UNCHANGED': {},
  'RECHECK_DECIDE/ADJUST': { amount: 520.5, reasons: '收入增加' },
  'RECHECK_DECIDE/PHASE_OUT': { reasons: '就业后收入超过标准' },
  'RECHECK_DECIDE/EXIT': { reasons: '死亡' },
  'PAYMENT_FAILED/REISSUE': { reason: '已更正银行账户' },
  'PAYMENT_FAILED/CLOSE': { reason: '账户持有人已死亡' },
  'ESCALATION/resolve': { reason: '已督促办理' },
  'ESCALATION/deliberate': { question: '多部门会商', members, reason: '超出单一部门职责' },
};

describe('console: a form for every task type', () => {
  it('every type completed on the task page has forms, each sending an action its step takes', () => {
    for (const type of TaskType.options) {
      const step = TASK_STEPS[type];
      const forms = [...formsOf({ type }), ...formsOf({ type, escalationKind: 'FUND_REFUSAL' })];
      if (step.kind === 'CLOSES_ITSELF') {
        expect({ type, forms: forms.length }).toEqual({ type, forms: 0 });
        continue;
      }
      expect({ type, some: forms.length > 0 }).toEqual({ type, some: true });
      for (const f of forms) {
        // A step without actions takes a body without `action` (payment failure, escalation, fund check).
        if (step.actions.length === 0) expect({ type, action: f.action }).toEqual({ type, action: '' });
        else expect(step.actions).toContain(f.action);
      }
    }
  });

  it.each(Object.entries(TYPED))(
    '%s: the typed body passes the browser check and the API route parser',
    (key, values) => {
      const [type, id] = key.split('/') as [TaskType, string];
      const form = find(type, id);
      expect(form).toBeDefined();
      expect(browserCheck(form, values)).toEqual({});
      const parsed = parseCompletion(type, randomUUID(), bodyOf(form, values));
      expect(parsed).toMatchObject({ ok: true });
    },
  );

  it('every form of the new processes has a typed example above', () => {
    const types: TaskType[] = [
      'EXPLAIN',
      'GRANT_AID',
      'REGISTER_AND_COMPLETE',
      'EMERGENCY_ACCEPT',
      'EMERGENCY_INVESTIGATE',
      'EMERGENCY_REVIEW',
      'EMERGENCY_CONFIRM',
      'CONVENE',
      'OPINION',
      'DELIBERATION_DECIDE',
      'FOLLOW_UP',
      'RECHECK_INVESTIGATE',
      'RECHECK_DECIDE',
      'PAYMENT_FAILED',
      'ESCALATION',
    ];
    const keys = types.flatMap((t) => formsOf({ type: t }).map((f) => `${t}/${formId(f)}`));
    expect(keys.filter((k) => !(k in TYPED))).toEqual([]);
  });

  it('builds nested and tabular bodies: stages and measures as rows, a blank row dropped, the recheck decision nested', () => {
    expect(bodyOf(find('GRANT_AID', 'grantAid'), TYPED['GRANT_AID/grantAid']!)).toEqual({
      action: 'grantAid',
      amount: 3000,
      stages: [
        { amount: 1000, afterDays: 0 },
        { amount: 2000, afterDays: 30 },
      ],
    });
    expect(bodyOf(find('RECHECK_DECIDE', 'ADJUST'), TYPED['RECHECK_DECIDE/ADJUST']!)).toEqual({
      action: 'decide',
      decision: { outcome: 'ADJUST', amount: 520.5, reasons: ['收入增加'] },
    });
    expect(bodyOf(find('PAYMENT_FAILED', 'CLOSE'), { reason: '已死亡' })).toEqual({
      resolution: 'CLOSE',
      reason: '已死亡',
    });
    const decide = bodyOf(find('DELIBERATION_DECIDE', 'decide'), TYPED['DELIBERATION_DECIDE/decide']!);
    expect(decide.measures).toEqual([
      { item: '临时救助金', amount: 6000, department: 'CIVIL_AFFAIRS', dueOn: '2026-12-31' },
      { item: '医疗救助', department: 'MEDICAL_INSURANCE', dueOn: '2026-12-31' },
    ]);
    // No stage typed: paid at once, the key left out.
    expect(bodyOf(find('GRANT_AID', 'grantAid'), { amount: 800, stages: [{}] })).toEqual({
      action: 'grantAid',
      amount: 800,
    });
  });

  it("refuses in the browser with the schema's Chinese words, at the input (a row's message names its row and column)", () => {
    expect(
      browserCheck(find('GRANT_AID', 'grantAid'), {
        amount: 3000,
        stages: [
          { amount: 1000, afterDays: 0 },
          { amount: 1000, afterDays: 30 },
        ],
      }),
    ).toEqual({ stages: '分期金额之和须等于批准金额' });
    const convene = browserCheck(find('CONVENE', 'convene'), {
      members: [{ userId: 'a', department: 'HEALTH' }, { userId: 'b' }],
    });
    expect(convene.members).toMatch(/^第 2 行「成员单位」：/);
    expect(browserCheck(find('CONVENE', 'convene'), { members: [members[0]!, members[0]!] })).toEqual({
      members: '成员不得重复',
    });
    expect(
      browserCheck(find('DELIBERATION_DECIDE', 'decide'), { outcome: 'APPROVE', measures: [{}], reason: '同意' }),
    ).toEqual({ measures: '同意救助的决定须列明救助措施' });
    const adjust = browserCheck(find('RECHECK_DECIDE', 'ADJUST'), { amount: 500 });
    expect(Object.keys(adjust)).toEqual(['reasons']);
    const register = browserCheck(find('REGISTER_AND_COMPLETE', 'registerAndComplete'), {
      ...TYPED['REGISTER_AND_COMPLETE/registerAndComplete'],
      sealsComplete: false,
    });
    expect(register).toEqual({ sealsComplete: '须补齐盖章' });
    const deliberate = browserCheck(DELIBERATE_ESCALATION_FORM, { question: '会商', reason: '理由', members: [{}] });
    expect(deliberate).toEqual({ members: '提请一事一议至少指定两个成员单位' });
    expect(browserCheck(find('CONVENE', 'convene'), { members: [members[0]!, {}] })).toEqual({
      members: '至少指定两个成员单位',
    });
    expect(Object.values({ ...convene, ...adjust, ...deliberate }).join('')).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a reserve-fund refusal has its three decisions; any other escalation is settled or put to 一事一议', () => {
    expect(formsOf({ type: 'ESCALATION', escalationKind: 'FUND_REFUSAL' }).map(formId)).toEqual(['fund']);
    expect(formsOf({ type: 'ESCALATION', escalationKind: 'OVERDUE_STEP' }).map(formId)).toEqual([
      'resolve',
      'deliberate',
    ]);
    const body = bodyOf(find('ESCALATION', 'fund', 'FUND_REFUSAL'), {
      decision: 'PAY_FROM_COUNTY_BUDGET',
      reason: '备用金不足',
    });
    expect(EscalationDecisionBody.parse(body)).toEqual({ decision: 'PAY_FROM_COUNTY_BUDGET', reason: '备用金不足' });
    expect(bodyOf(DELIBERATE_ESCALATION_FORM, TYPED['ESCALATION/deliberate']!)).toMatchObject({
      decision: 'DELIBERATE',
      members,
    });
  });

  it('the emergency intake nests the applicant and is refused field by field', () => {
    const values = {
      townshipCode: '410502002',
      name: '王某某',
      idNumber: '410502199001011236',
      area: 'URBAN',
      kind: 'SUDDEN',
      severity: 'ORDINARY',
      amount: 800,
      description: '家中失火',
      complex: false,
    };
    const body = bodyOf(EMERGENCY_INTAKE_FORM, values);
    expect(body.applicant).toEqual({ name: '王某某', idNumber: '410502199001011236' });
    expect(CreateEmergencyAid.safeParse(body).success).toBe(true);
    const refused = browserCheck(EMERGENCY_INTAKE_FORM, { ...values, idNumber: '410502199001011237', amount: 0 });
    expect(Object.keys(refused).sort()).toEqual(['amount', 'idNumber']);
  });
});

import { TaskType } from '../../src/core/contracts/task';
import { parseCompletion, TASK_STEPS } from '../../src/tasks/task-actions';

// The completion route's body check: each task type takes its own step's payload, anything
// else is refused with field errors in Chinese before an Update is sent.

const TASK = '6f1c2c4e-3b8a-4d55-9a57-2b0c8f2d9a11';
const CJK = /[\u4e00-\u9fff]/;

describe('task completion bodies', () => {
  it('knows every task type; a statistic task closes itself and says so in Chinese', () => {
    expect(Object.keys(TASK_STEPS).sort()).toEqual([...TaskType.options].sort());
    expect(parseCompletion('ENTER_STATISTIC', TASK, {})).toMatchObject({
      ok: false,
      mismatch: true,
      errors: [{ code: 'task_closes_itself', message: expect.stringMatching(CJK) }],
    });
  });

  it.each([
    ['ACCEPT', { action: 'accept' }, 'DETERMINATION'],
    ['CONFIRM', { action: 'refuse', reasons: ['收入超过标准'] }, 'DETERMINATION'],
    ['RECHECK_DECIDE', { action: 'decide', decision: { outcome: 'UNCHANGED' } }, 'RECHECK'],
    ['PAYMENT_FAILED', { resolution: 'REISSUE', reason: '账户已更正' }, 'PAYMENT_FAILED'],
    ['EXPLAIN', { action: 'explain', text: '火灾核实' }, 'EMERGENCY'],
    ['OPINION', { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' }, 'DELIBERATION'],
    ['ESCALATION', { decision: 'RESOLVE', reason: '已催办' }, 'ESCALATION'],
  ])("%s takes its step's payload", (type, body, kind) => {
    const parsed = parseCompletion(type, TASK, body);
    expect(parsed).toMatchObject({ ok: true, completion: { kind } });
  });

  it("fills a follow-up report's task from the path, and refuses another task named in the body", () => {
    const report = { action: 'reportFollowUp', result: 'DONE', details: '已发放' };
    expect(parseCompletion('FOLLOW_UP', TASK, report)).toMatchObject({
      ok: true,
      completion: { body: { taskId: TASK } },
    });
    const other = parseCompletion('FOLLOW_UP', TASK, { ...report, taskId: '0b8e7a52-9c1d-4e3f-8a6b-5d4c3b2a1f00' });
    expect(other).toMatchObject({ ok: false, errors: [{ path: 'taskId' }] });
  });

  it.each([
    ['ACCEPT', { action: 'confirm' }],
    ['ACCEPT', { action: 'withdraw', reason: '撤回' }],
    ['RECHECK_INVESTIGATE', { action: 'accept' }],
    ['EXPLAIN', { action: 'grantAid', amount: 100 }],
    ['CONVENE', { decision: 'RESOLVE', reason: 'x' }],
    ['HOME_VISIT', 'recordHomeVisit'],
  ])("refuses on `action`, naming the step's actions in Chinese: %s %j", (type, body) => {
    const parsed = parseCompletion(type, TASK, body);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([expect.objectContaining({ path: 'action', code: 'action_not_for_task' })]);
    expect(parsed.errors[0]!.message).toMatch(CJK);
    for (const action of TASK_STEPS[type as keyof typeof TASK_STEPS].actions)
      expect(parsed.errors[0]!.message).toContain(action);
  });

  it('refuses a malformed payload of the right action field by field, and a body without action for payment and escalation tasks', () => {
    const investigation = parseCompletion('RECHECK_INVESTIGATE', TASK, {
      action: 'recordInvestigation',
      homeVisit: 'yes',
    });
    expect(investigation.ok ? [] : investigation.errors.map((e) => e.path).sort()).toEqual(['findings', 'homeVisit']);
    const payment = parseCompletion('PAYMENT_FAILED', TASK, { action: 'decide' });
    expect(payment.ok).toBe(false);
    const escalation = parseCompletion('ESCALATION', TASK, { decision: 'SHRUG', reason: '' });
    expect(escalation.ok ? [] : escalation.errors.map((e) => e.path).sort()).toEqual(['decision', 'reason']);
  });

  it('refuses a monthly amount at confirmation of a category paid none (低保边缘, 刚性支出), field by field in Chinese', () => {
    const withAmount = { action: 'confirm', amount: 300, amountReason: '按实际困难程度调整' };
    for (const category of ['NEAR_MINIMUM', 'RIGID_EXPENSE']) {
      const parsed = parseCompletion('CONFIRM', TASK, withAmount, category);
      expect(parsed).toMatchObject({
        ok: false,
        mismatch: false,
        errors: [{ path: 'amount', code: 'not_paid_monthly', message: expect.stringMatching(CJK) }],
      });
      expect(parseCompletion('CONFIRM', TASK, { action: 'confirm' }, category).ok).toBe(true);
      expect(parseCompletion('CONFIRM', TASK, { action: 'refuse', reasons: ['不符合条件'] }, category).ok).toBe(true);
    }
    for (const category of ['MINIMUM_LIVING', 'DESTITUTE'])
      expect(parseCompletion('CONFIRM', TASK, withAmount, category).ok).toBe(true);
  });

  it('refuses a task type it does not know', () => {
    expect(parseCompletion('SOMETHING_ELSE', TASK, { action: 'accept' })).toMatchObject({
      ok: false,
      errors: [{ code: 'unknown_task_type' }],
    });
  });
});

import { bodyOf } from '../../../console/src/forms/fields';
import {
  PARAMETER_DECISION_FORMS,
  PROPOSAL_FORM,
  valueOf,
  valueText,
} from '../../../console/src/forms/parameter-forms';

// The console's parameter forms: the value typed as text becomes what the unit wants (a number,
// a list, a tier table), the deciding document nests under `document`, and a decision sends
// its fixed choice with the reason.

describe('console parameter forms', () => {
  it('reads a value by its unit, and says in Chinese when it cannot', () => {
    expect(valueOf(' 1.6 ', 'RATIO')).toEqual({ value: 1.6 });
    expect(valueOf('七百', 'YUAN_PER_PERSON_MONTH')).toEqual({ error: '请填写数字' });
    expect(valueOf('', 'MONTHS')).toEqual({ error: '请填写数字' });
    expect(valueOf('GAP', 'ENUM')).toEqual({ value: 'GAP' });
    expect(valueOf('410502\n\n410503 ', 'LIST')).toEqual({ value: ['410502', '410503'] });
    expect(valueOf('[{"maxIncome":300,"share":1}]', 'TABLE')).toEqual({ value: [{ maxIncome: 300, share: 1 }] });
    expect(valueOf('{"share":1}', 'TABLE')).toEqual({ error: '分档表须为 JSON 数组' });
    expect('error' in valueOf('[{', 'TABLE')).toBe(true);
  });

  it('types a version back as the form shows it', () => {
    expect(valueText(1.5, 'RATIO')).toBe('1.5');
    expect(valueText(['a', 'b'], 'LIST')).toBe('a\nb');
    expect(valueText([{ share: 1 }], 'TABLE')).toBe('[{"share":1}]');
  });

  it('builds the proposal body: the document nested, blank options left out, the value read by the unit', () => {
    const body = bodyOf(PROPOSAL_FORM, {
      value: '1.6',
      unit: 'RATIO',
      validFrom: '2027-03-01',
      division: '410500',
      area: '',
      docNo: '安政办〔2026〕9号',
      title: '关于调整低保边缘家庭认定标准的通知',
      issuedOn: '2026-12-01',
    });
    expect(body).toEqual({
      value: '1.6',
      unit: 'RATIO',
      validFrom: '2027-03-01',
      division: '410500',
      document: { docNo: '安政办〔2026〕9号', title: '关于调整低保边缘家庭认定标准的通知', issuedOn: '2026-12-01' },
    });
    const read = PROPOSAL_FORM.read!(body);
    expect(read).toEqual({ body: { ...body, value: 1.6 } });
    expect(PROPOSAL_FORM.schema.safeParse((read as { body: object }).body).success).toBe(true);
    expect(PROPOSAL_FORM.read!({ ...body, value: 'x' })).toEqual({
      issues: [{ path: 'value', message: '请填写数字' }],
    });
  });

  it('sends a decision with its fixed choice; a blank reason is refused by the API’s schema in Chinese', () => {
    const [approve, reject] = PARAMETER_DECISION_FORMS;
    expect(bodyOf(approve!, { reason: '同意' })).toEqual({ decision: 'APPROVE', reason: '同意' });
    expect(bodyOf(reject!, { reason: '依据不足' })).toEqual({ decision: 'REJECT', reason: '依据不足' });
    const blank = approve!.schema.safeParse(bodyOf(approve!, {}));
    expect(blank.success).toBe(false);
    expect(blank.error!.issues[0]!.message).toBe('须填写审批理由');
  });
});

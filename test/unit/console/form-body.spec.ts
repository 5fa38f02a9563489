import { z } from 'zod';
import { bodyOf, fieldMessages, type ActionForm } from '../../../console/src/forms/fields';

// The console's task forms: flat inputs become the API's body (nested where a field is placed
// deeper, left out when the input it goes with is blank), and messages come back to the input.

const form: ActionForm = {
  action: 'recordVerification',
  fixed: { outcome: 'START_APPLICATION' },
  title: '建议申请救助',
  schema: z.object({}),
  fields: [
    { key: 'findings', label: '核查情况', kind: 'textarea' },
    { key: 'category', label: '类别', kind: 'select', options: { MINIMUM_LIVING: '最低生活保障' }, optional: true },
    { key: 'economicCheck', path: 'consent.economicCheck', when: 'category', label: '授权', kind: 'confirm' },
    {
      key: 'truthfulnessPromise',
      path: 'consent.truthfulnessPromise',
      when: 'category',
      label: '承诺',
      kind: 'confirm',
    },
  ],
};

describe('console task form bodies', () => {
  it('nests a placed input and sends it only with the input it goes with', () => {
    expect(bodyOf(form, { findings: '困难', category: 'MINIMUM_LIVING', economicCheck: true })).toEqual({
      action: 'recordVerification',
      outcome: 'START_APPLICATION',
      findings: '困难',
      category: 'MINIMUM_LIVING',
      consent: { economicCheck: true, truthfulnessPromise: false },
    });
    expect(bodyOf(form, { findings: '困难', economicCheck: true })).toEqual({
      action: 'recordVerification',
      outcome: 'START_APPLICATION',
      findings: '困难',
    });
  });

  it('brings a nested message back to its input; others by their first segment', () => {
    expect(
      fieldMessages(
        [
          { path: ['consent', 'economicCheck'], message: '须取得家庭经济状况核对授权' },
          { path: 'findings', message: '不能为空' },
          { path: ['investigators', 1], message: '重复' },
        ],
        form.fields,
      ),
    ).toEqual({ economicCheck: '须取得家庭经济状况核对授权', findings: '不能为空', investigators: '重复' });
  });
});

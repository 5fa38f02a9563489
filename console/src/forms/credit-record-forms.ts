import { z } from 'zod';
import { RecordCreditRecord } from '@contracts/recovery';
import { SUPERVISION_SOURCE_NAMES } from '../labels';
import type { ActionForm } from './fields';

// A credit record entered by hand (登记诚信记录: an untruthful declaration found by a recheck, a
// warning or a complaint, without a recovery), checked in the browser by the API's own schema.

/** The request body of POST /households/:id/credit-records from the flat form's values. */
export const creditRecordBody = (v: Record<string, unknown>): Record<string, unknown> => ({
  source: { kind: v.sourceKind, id: v.sourceId },
  finding: v.finding,
});

/** The flat input of a body path: source.kind → sourceKind, source(.id) → sourceId. */
export const creditRecordKey = (path: readonly PropertyKey[] | string): string => {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  if (parts[0] === 'source') return parts[1] === 'kind' ? 'sourceKind' : 'sourceId';
  return parts[0] ?? '_';
};

export const CREDIT_RECORD_FORM: ActionForm = {
  action: '',
  title: '登记诚信记录',
  schema: z.looseObject({}).superRefine((v, ctx) => {
    const checked = RecordCreditRecord.safeParse(creditRecordBody(v));
    if (!checked.success)
      for (const issue of checked.error.issues)
        ctx.addIssue({ code: 'custom', path: [creditRecordKey(issue.path)], message: issue.message });
  }),
  fields: [
    { key: 'sourceKind', label: '线索来源', kind: 'select', options: SUPERVISION_SOURCE_NAMES },
    { key: 'sourceId', label: '来源编号', kind: 'text', hint: '查实该情况的复核、预警或投诉举报的编号' },
    { key: 'finding', label: '未如实申报的查实情况', kind: 'textarea' },
  ],
};

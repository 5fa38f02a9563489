import type { defineSearchAttributeKey } from '@temporalio/common';

// The enrolled case's search attributes (codes only, no personal data). Plain keys, so the
// sandbox needs nothing at run time beyond @temporalio/workflow; CASE_STATUS is registered
// with the others in src/temporal/search-attributes.ts.
type KeywordKey = ReturnType<typeof defineSearchAttributeKey<'KEYWORD'>>;

export const CASE_STATUS: KeywordKey = { name: 'SafetyNetCaseStatus', type: 'KEYWORD' };

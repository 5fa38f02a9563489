import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Search attributes hold no personal data: codes and enums only. Defined once for the
// client, the worker and the workflows (@temporalio/common is part of the workflow bundle).
export const CATEGORY = defineSearchAttributeKey('SafetyNetCategory', SearchAttributeType.KEYWORD);
export const COUNTY = defineSearchAttributeKey('SafetyNetCounty', SearchAttributeType.KEYWORD);
export const TOWNSHIP = defineSearchAttributeKey('SafetyNetTownship', SearchAttributeType.KEYWORD);

/** The enrolled case's status, upserted by its workflow. */
export const CASE_STATUS = defineSearchAttributeKey('SafetyNetCaseStatus', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [CATEGORY, COUNTY, TOWNSHIP, CASE_STATUS];

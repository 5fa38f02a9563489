import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Search attributes hold no personal data: codes and enums only.
export const CATEGORY = defineSearchAttributeKey('SafetyNetCategory', SearchAttributeType.KEYWORD);
export const COUNTY = defineSearchAttributeKey('SafetyNetCounty', SearchAttributeType.KEYWORD);
export const TOWNSHIP = defineSearchAttributeKey('SafetyNetTownship', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [CATEGORY, COUNTY, TOWNSHIP];

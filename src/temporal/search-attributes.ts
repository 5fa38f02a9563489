import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { CASE_STATUS } from '../../workflows/enrolment/search-attributes';

// Search attributes hold no personal data: codes and enums only.
export const CATEGORY = defineSearchAttributeKey('SafetyNetCategory', SearchAttributeType.KEYWORD);
export const COUNTY = defineSearchAttributeKey('SafetyNetCounty', SearchAttributeType.KEYWORD);
export const TOWNSHIP = defineSearchAttributeKey('SafetyNetTownship', SearchAttributeType.KEYWORD);

/** The enrolled case's status. */
export { CASE_STATUS };

export const SEARCH_ATTRIBUTES = [CATEGORY, COUNTY, TOWNSHIP, CASE_STATUS];

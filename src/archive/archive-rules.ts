import { addYears } from './years';
import type { DocumentContentType } from '../core/contracts/case-document';
import { PARAMETER_IDS, type ParameterRef, type ParameterStore } from '../policy';

/** The archive's rules in force for a county on a day: each a parameter with its legal source. */
export interface ArchiveRules {
  contentTypes: readonly DocumentContentType[];
  fileMaxMb: number;
  caseMaxMb: number;
  retentionYears: number;
  /** Required document types per step ({ step, type } rows). */
  required: readonly { step: string; type: string }[];
  refs: ParameterRef[];
}

export function archiveRules(params: ParameterStore, county: string, date: string): ArchiveRules {
  const ctx = { date, county };
  const types = params.lookupList(PARAMETER_IDS.ARCHIVE_CONTENT_TYPES, ctx);
  const file = params.lookupNumber(PARAMETER_IDS.ARCHIVE_FILE_MAX_MB, ctx);
  const total = params.lookupNumber(PARAMETER_IDS.ARCHIVE_CASE_MAX_MB, ctx);
  const years = params.lookupNumber(PARAMETER_IDS.ARCHIVE_RETENTION_YEARS, ctx);
  const required = params.lookupTable(PARAMETER_IDS.ARCHIVE_REQUIRED_DOCUMENTS, ctx);
  return {
    contentTypes: types.value as readonly DocumentContentType[],
    fileMaxMb: file.value,
    caseMaxMb: total.value,
    retentionYears: years.value,
    required: required.value.map((r) => ({ step: String(r.step), type: String(r.type) })),
    refs: [types.ref, file.ref, total.ref, years.ref, required.ref],
  };
}

/** The first day a document may be purged: retention counted from the day it was archived. */
export const retainUntil = (archivedOn: string, rules: ArchiveRules): string =>
  addYears(archivedOn, rules.retentionYears);

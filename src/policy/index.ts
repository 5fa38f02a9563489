// Public API of the pure policy engine. No Nest, Temporal, Prisma, I/O or
// clock below this folder: safe to import from workflow sandbox code.
export { evaluateHousehold } from './evaluate';
export { ParameterStore, defaultParameterStore, type ListedParameter } from './parameters/store';
export { DEFAULT_PARAMETERS } from './parameters/data';
export { STATISTIC_NAMES_ZH, statisticUses, type StatisticUse } from './parameters/statistics';
export { P as PARAMETER_IDS, type ParameterId } from '../core/parameter-ids';
export type {
  ParameterVersion,
  ParameterRef,
  ParameterUnit,
  ParameterValue,
  LookupContext,
  Resolved,
} from './parameters/types';
export { PolicyInputError, type PolicyInputErrorCode } from './errors';
export { phaseOutMonthsRemaining, type PhaseOutInput, type PhaseOutStatus } from './rules/phase-out';
export { refusalReasonsZh } from './reason';
export {
  WorkingDayCalendar,
  defaultCalendar,
  type DueDate,
  type WorkingDayCount,
} from './calendar/working-day-calendar';
export { FIXED_DATE_HOLIDAYS, type YearSchedule } from './calendar/schedule';
export {
  dueDate,
  limitEndsAt,
  limitLengthZh,
  timeLimitOf,
  type TimeLimit,
  type TimeLimitDue,
  type TimeLimitUnit,
} from './time-limits';
export type * from '../core/contracts/policy-determination';
export {
  temporaryAssistanceIncomeTest,
  type TemporaryAssistanceIncomeInput,
  type TemporaryAssistanceIncomeResult,
} from './rules/temporary-assistance';
export {
  LEGAL_SOURCES,
  SOURCE_IDS,
  cite,
  citationsZh,
  citeZh,
  legalSource,
  sourceNameZh,
  type Citation,
  type LegalSource,
  type LegalSourceKind,
} from './sources';
export {
  DRILL_MINUTES,
  DRILL_SOURCE,
  NOT_A_WAIT,
  drillParameterStore,
  drillParameterVersions,
} from './parameters/drill';
export { closeLines, lineKey, type StoredVersion } from './parameters/lines';
export { checkProposedValue, PLAUSIBLE_RANGES, type ProposalFinding } from './parameters/limits';
export {
  compareCase,
  monthsLeftInYear,
  ParameterStoreAsOf,
  whatIfStores,
  type CaseChange,
  type CaseComparison,
} from './simulation';

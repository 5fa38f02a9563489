// Parameter identifiers (one place, so a typo is a compile error, not a missing lookup).
export const P = {
  // Standards and amounts (domain.md §3)
  MINIMUM_LIVING_STANDARD: 'minimum_living.standard',
  MINIMUM_LIVING_PAYMENT_METHOD: 'minimum_living.payment_method',
  MINIMUM_LIVING_PAYMENT_FLOOR: 'minimum_living.payment_floor',
  MINIMUM_LIVING_PAYMENT_TIERS: 'minimum_living.payment_tiers',
  /** Who confirms 低保 and 低保边缘 in a county: COUNTY, or TOWNSHIP where the county delegated it (a county choice). */
  CONFIRMATION_AUTHORITY: 'confirmation.authority',
  DESTITUTE_SUPPORT_MULTIPLIER: 'destitute.support_multiplier',
  NEAR_MINIMUM_INCOME_MULTIPLIER: 'near_minimum.income_multiplier',
  RIGID_EXPENSE_RATIO: 'rigid_expense.expense_ratio',
  RIGID_EXPENSE_WINDOW_MONTHS: 'rigid_expense.window_months',
  RIGID_EXPENSE_TYPES: 'rigid_expense.expense_types',
  PREVIOUS_YEAR_DISPOSABLE_INCOME: 'statistics.previous_year_disposable_income',
  PREVIOUS_YEAR_HOUSING_FLOOR_AREA: 'statistics.previous_year_housing_floor_area',
  // Income rules
  INCOME_WINDOW_MONTHS: 'income.window_months',
  INCOME_EXEMPT_TYPES: 'income.exempt_types',
  DESTITUTE_INCOME_EXEMPT_TYPES: 'destitute.income_exempt_types',
  SINGLE_PERSON_EXEMPT_TYPES: 'single_person.exempt_support_types',
  EMPLOYMENT_COST_SHARE: 'income.employment_cost_share',
  PHASE_OUT_MAX_MONTHS: 'minimum_living.phase_out_max_months',
  WORK_REFUSAL_LIMIT: 'minimum_living.work_refusal_limit',
  // Ages and disability
  ADULT_AGE: 'person.adult_age',
  ELDERLY_AGE: 'person.elderly_age',
  DESTITUTE_MINOR_AGE: 'destitute.minor_age',
  DESTITUTE_MINOR_COVERAGE_AGE: 'destitute.minor_coverage_age',
  DESTITUTE_DISABILITY_NO_CAPACITY: 'destitute.disability_no_work_capacity',
  SEVERE_DISABILITY_MAX_GRADE: 'person.severe_disability_max_grade',
  // Assets
  MINIMUM_LIVING_FINANCIAL_ASSET_MONTHS: 'minimum_living.financial_asset_months',
  NEAR_MINIMUM_FINANCIAL_ASSET_MONTHS: 'near_minimum.financial_asset_months',
  ASSET_MAX_HOMES: 'assets.max_homes',
  ASSET_MAX_HOMES_SMALL_AREA: 'assets.max_homes_if_small_floor_area',
  ASSET_ALLOWED_VEHICLE_KINDS: 'assets.allowed_vehicle_kinds',
  ASSET_ENTERPRISE_CAPITAL_LIMIT: 'assets.enterprise_capital_limit',
  // Recheck intervals (processes.md §2)
  RECHECK_MINIMUM_LIVING_STABLE: 'recheck.minimum_living_stable_months',
  RECHECK_MINIMUM_LIVING_UNSTABLE: 'recheck.minimum_living_unstable_months',
  RECHECK_DESTITUTE: 'recheck.destitute_months',
  RECHECK_NEAR_MINIMUM: 'recheck.near_minimum_months',
  RIGID_EXPENSE_VALIDITY: 'rigid_expense.validity_months',
  /** How many working days before a 刚性支出 recognition expires its renewal recheck opens. */
  RIGID_EXPENSE_RENEWAL_LEAD: 'rigid_expense.renewal_lead_working_days',
  // Time limits (domain.md §4, processes.md)
  TL_ACCEPTANCE: 'time_limit.acceptance',
  TL_SUPPLEMENT: 'time_limit.supplement',
  TL_INVESTIGATION_START: 'time_limit.investigation_start',
  /** The home visit, counted from the start of the investigation (its own limit, not the start's). */
  TL_HOME_VISIT: 'time_limit.home_visit',
  TL_CROSS_CHECK_START: 'time_limit.cross_check_start',
  TL_REVIEW: 'time_limit.review',
  TL_PUBLICITY: 'time_limit.publicity',
  TL_OBJECTION_HANDLING: 'time_limit.objection_handling',
  TL_APPRAISAL: 'time_limit.appraisal',
  TL_CONFIRMATION: 'time_limit.confirmation',
  TL_DESTITUTE_INVESTIGATION: 'time_limit.destitute_investigation',
  TL_DESTITUTE_CONFIRMATION: 'time_limit.destitute_confirmation',
  // Recheck steps per category (time_limit.recheck_<step>.<category>): the recheck workflow reads the case's own.
  TL_RECHECK_INVESTIGATION_MINIMUM_LIVING: 'time_limit.recheck_investigation.minimum_living',
  TL_RECHECK_INVESTIGATION_DESTITUTE: 'time_limit.recheck_investigation.destitute',
  TL_RECHECK_INVESTIGATION_NEAR_MINIMUM: 'time_limit.recheck_investigation.near_minimum',
  TL_RECHECK_INVESTIGATION_RIGID_EXPENSE: 'time_limit.recheck_investigation.rigid_expense',
  TL_RECHECK_DECISION_MINIMUM_LIVING: 'time_limit.recheck_decision.minimum_living',
  TL_RECHECK_DECISION_DESTITUTE: 'time_limit.recheck_decision.destitute',
  TL_RECHECK_DECISION_NEAR_MINIMUM: 'time_limit.recheck_decision.near_minimum',
  TL_RECHECK_DECISION_RIGID_EXPENSE: 'time_limit.recheck_decision.rigid_expense',
  TL_WHOLE_PROCESS: 'time_limit.whole_process',
  TL_WHOLE_PROCESS_DELEGATED: 'time_limit.whole_process_delegated',
  TL_WHOLE_PROCESS_EXTENDED: 'time_limit.whole_process_extended',
  TL_RIGID_EXPENSE_DECISION: 'time_limit.rigid_expense_decision',
  TL_RIGID_EXPENSE_DECISION_EXTENDED: 'time_limit.rigid_expense_decision_extended',
  TL_REFUSAL_NOTICE: 'time_limit.refusal_notice',
  TL_REMINDER_SHARE: 'time_limit.reminder_share',
  TL_DEATH_PROCESSING: 'time_limit.death_processing',
  // Dynamic monitoring (domain.md §4.5, processes.md §7)
  MONITORING_WARNING_RULES: 'monitoring.warning_rules',
  MONITORING_LARGE_EXPENSE_THRESHOLD: 'monitoring.large_expense_out_of_pocket',
  MONITORING_ACCEPTED_DECLINES: 'monitoring.accepted_declines',
  TL_WARNING_VERIFICATION: 'time_limit.warning_verification',
  MONITORING_OUTREACH_INTERVAL_DAYS: 'monitoring.outreach_interval_days',
  MONITORING_OUTREACH_EMERGENCY_WINDOW_DAYS: 'monitoring.outreach_emergency_window_days',
  TL_EMERGENCY_EXPLANATION: 'time_limit.emergency_explanation',
  TL_EMERGENCY_PAPERWORK: 'time_limit.emergency_paperwork',
  DESTITUTE_SPOT_CHECK_SHARE: 'destitute.spot_check_share',
  // Emergency aid and 一事一议 (domain.md §4.3, §4.4; processes.md §3, §4)
  EMERGENCY_TOWNSHIP_APPROVAL_LIMIT: 'emergency_aid.township_approval_limit',
  EMERGENCY_COUNTY_APPROVAL_LIMIT: 'emergency_aid.county_approval_limit',
  TL_EMERGENCY_EXPENSE_STEP: 'time_limit.emergency_expense_step',
  DELIBERATION_QUORUM_SHARE: 'deliberation.quorum_share',
  DELIBERATION_MAJORITY_SHARE: 'deliberation.majority_share',
  TL_DELIBERATION: 'time_limit.deliberation',
  TL_DELIBERATION_EXTENSION: 'time_limit.deliberation_extension',
  TL_ESCALATION_RESPONSE: 'time_limit.escalation_response',
  // Regular assistance (domain.md §4.6): the entitlement matrix referrals are derived from
  ASSISTANCE_ENTITLEMENT_MATRIX: 'assistance.entitlement_matrix',
  // Where an emergency-aid case may be referred (charity fund, vagrant relief): department and time limit
  ASSISTANCE_EMERGENCY_REFERRAL_ROUTES: 'assistance.emergency_referral_routes',
  // The case archive (plan 二(二): paper and electronic materials archived, same force)
  ARCHIVE_CONTENT_TYPES: 'archive.content_types',
  ARCHIVE_FILE_MAX_MB: 'archive.file_max_mb',
  ARCHIVE_CASE_MAX_MB: 'archive.case_max_mb',
  ARCHIVE_RETENTION_YEARS: 'archive.retention_years',
  ARCHIVE_REQUIRED_DOCUMENTS: 'archive.required_documents',
  // Supervision (plan 三(三)): how often the audit chains' heads are written into Temporal's history
  AUDIT_CHECKPOINT_PERIOD_MINUTES: 'audit.checkpoint_period_minutes',
  // Complaints and reports (plan 三(三)): the time the county has to answer one
  TL_COMPLAINT_HANDLING: 'time_limit.complaint_handling',
  // Public disclosure (plan 三(三) 加大信息公开力度): a published count under this is suppressed
  DISCLOSURE_MINIMUM_CELL_COUNT: 'disclosure.minimum_cell_count',
  // Recovery and credit records (plan 三(三)): how long a credit record stands, what "corrected in
  // time" means for a staff error, and the household's appeal time limits printed on a recovery notice
  CREDIT_RECORD_VALIDITY_MONTHS: 'supervision.credit_record_validity_months',
  CORRECTION_TIMELY_MONTHS: 'supervision.correction_timely_months',
  APPEAL_RECONSIDERATION_DAYS: 'supervision.appeal_reconsideration_days',
  APPEAL_LITIGATION_MONTHS: 'supervision.appeal_litigation_months',
  // Funds paid on time and in full (plan 三(三)): the day of the month by which its payment is due
  PAYMENT_MONTHLY_DEADLINE_DAY: 'payment.monthly_deadline_day',
} as const;

export type ParameterId = (typeof P)[keyof typeof P];

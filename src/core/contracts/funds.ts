import { z } from 'zod';
import { CountyCode } from './division';
import { FileEncoding } from './data-source';
import { Text } from './text';

// Funds paid on time and in full (资金按时足额发放, plan 三(三)): the bank's return file,
// the monthly check after the payment deadline and the monthly report. Plain JSON that
// crosses the workflow boundary: ids, counts and amounts only, no personal data.

/** A calendar month, YYYY-MM. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '须为 YYYY-MM 格式的月份，如 2026-11' });

/** The form fields of a bank return upload (the file comes beside them). */
export const BankReturnUpload = z.strictObject({
  county: CountyCode,
  month: Month,
  /** What the uploader says the CSV's encoding is; AUTO detects it (BOM, then strict UTF-8, else GB18030). */
  encoding: FileEncoding.default('AUTO'),
});
export type BankReturnUpload = z.infer<typeof BankReturnUpload>;

/** The bank's answer on one row (结果 column): 成功 or 失败. */
export const BANK_RESULTS = { 成功: 'PAID', 失败: 'FAILED' } as const;

/** A row the file was applied with that needs a person's eye (the upload still succeeded). */
export interface BankReturnNote {
  row: number;
  paymentInstructionId: string;
  kind: 'PARTIAL' | 'DUPLICATED' | 'ALREADY_PAID';
  message: string;
}

export interface BankReturnResult {
  id: string;
  countyCode: string;
  month: string;
  fileName: string;
  rows: number;
  paid: number;
  failed: number;
  partial: number;
  duplicated: number;
  notes: BankReturnNote[];
}

/** The manual start of the monthly fund check for the caller's county. */
export const FundCheckRequest = z.strictObject({ month: Month });
export type FundCheckRequest = z.infer<typeof FundCheckRequest>;

/**
 * What the monthly check finds for one enrolled case and month: owed but no instruction
 * (MISSING), not paid by the deadline (LATE), paid less than instructed (PARTIAL), paid more
 * than once (DUPLICATED), the bank refused it (FAILED).
 */
export const FUND_FINDING_KINDS = ['MISSING', 'LATE', 'PARTIAL', 'DUPLICATED', 'FAILED'] as const;
export type FundFindingKind = (typeof FUND_FINDING_KINDS)[number];

export const FUND_FINDING_NAMES_ZH: Record<FundFindingKind, string> = {
  MISSING: '应发未发（无支付指令）',
  LATE: '逾期未发放',
  PARTIAL: '未足额发放',
  DUPLICATED: '重复发放',
  FAILED: '发放失败',
};

export interface FundFinding {
  kind: FundFindingKind;
  enrolledCaseId: string;
  paymentInstructionId: string | null;
  category: string;
  /** The instructed amount (the case's monthly amount when there is no instruction). */
  amount: string;
  paidAmount: string | null;
}

/** The workflow's input: a month to check (manual start), or null for the latest month past its deadline (the Schedule). */
export interface FundCheckInput {
  month: string | null;
  /** One county (manual start), or null for every county with enrolled cases. */
  countyCode: string | null;
}

export interface FundCheckPlan {
  month: string;
  /** YYYY-MM-DD, Beijing time: the month's payment deadline. */
  deadline: string;
  counties: string[];
}

export interface CountyFundCheck {
  countyCode: string;
  findings: number;
  /** The county's FUND_DISCREPANCY task for the month (opened now or by an earlier run); null when nothing was found. */
  taskId: string | null;
  /** True when this run opened the task. */
  opened: boolean;
}

export interface FundCheckResult {
  month: string;
  deadline: string;
  counties: CountyFundCheck[];
}

/** How the county officer closes a FUND_DISCREPANCY task: what was done about the list. */
export const FundDiscrepancyResolution = z.strictObject({
  reason: Text({ max: 1000, multiline: true, tooShort: '须说明核查与处理情况' }),
});
export type FundDiscrepancyResolution = z.infer<typeof FundDiscrepancyResolution>;

export const FundReportQuery = z.strictObject({
  county: CountyCode.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type FundReportQuery = z.infer<typeof FundReportQuery>;

export const FundCheckQuery = z.strictObject({ county: CountyCode.optional() });

/** The Schedule that starts the monthly check (daily; the check picks the latest month past its deadline). */
export const FUND_CHECK_SCHEDULE_ID = 'fund-check';
/** The workflow of a manual check; the task's key names county and month, so reruns open nothing twice. */
export const fundCheckWorkflowId = (countyCode: string, month: string) => `fund-check/${countyCode}/${month}`;

import { z } from 'zod';
import { Text } from './text';
import type { Acting, ActorRef } from './determination';
import { Area, ResidentIdNumber } from './household';
import type { ParameterRef } from '../../policy/parameters/types';
import type { TaskSpec } from './task';
import type { DeliberationResult } from './deliberation';
import { TownshipCode } from './division';

// Emergency aid (domain.md §4.3, processes.md §3): plain-JSON shapes across the workflow
// boundary, and the commands staff send (validated by the API with these schemas).

export const EMERGENCY_PATHS = ['SMALL_AMOUNT', 'AID_FIRST', 'EXPENSE_TYPE', 'DELIBERATION'] as const;
export type EmergencyPath = (typeof EMERGENCY_PATHS)[number];

export const EMERGENCY_STAGES = [
  'RECEIVED',
  'SMALL_AMOUNT',
  'EXPLANATION_DUE',
  'AID_FIRST',
  'AWAITING_EASE',
  'PAPERWORK_DUE',
  'EXPENSE_TYPE',
  'DELIBERATION',
  'CLOSED',
  'REFUSED',
] as const;
export type EmergencyStage = (typeof EMERGENCY_STAGES)[number];

export const EMERGENCY_STAGE_NAMES_ZH: Record<EmergencyStage, string> = {
  RECEIVED: '已受理',
  SMALL_AMOUNT: '小金额先行救助',
  EXPLANATION_DUE: '待补充情况说明',
  AID_FIRST: '先行救助',
  AWAITING_EASE: '先行救助已发放，待急难缓解',
  PAPERWORK_DUE: '待补办登记和手续',
  EXPENSE_TYPE: '支出型临时救助（完整程序）',
  DELIBERATION: '一事一议',
  CLOSED: '已办结',
  REFUSED: '不予救助',
};

/** The approval limits in force when the case was received (a snapshot with sources). */
export interface EmergencyLimits {
  townshipApprovalLimit: number;
  countyApprovalLimit: number;
  refs: ParameterRef[];
}

export interface EmergencyAidInput {
  caseId: string;
  countyCode: string;
  townshipCode: string;
  path: EmergencyPath;
  requestedAmount: number;
  area: 'URBAN' | 'RURAL';
  submittedBy: ActorRef;
  requestId: string;
  limits: EmergencyLimits;
  /** Why the case goes to deliberation (DELIBERATION path). */
  deliberationReason?: string;
}

export interface EmergencyState {
  caseId: string;
  path: EmergencyPath;
  stage: EmergencyStage;
  currentTask: Pick<TaskSpec, 'taskId' | 'type' | 'candidateRole' | 'jurisdiction' | 'dueAt'> | null;
  /** EXPENSE_TYPE sub-step. */
  step: 'ACCEPT' | 'INVESTIGATE' | 'REVIEW' | 'CONFIRM' | null;
  approvedAmount: number | null;
  paidAmount: number;
  /** Staged payments under one approval: amounts and when each falls due. */
  stages: Array<{ amount: number; dueAt: string; paid: boolean }>;
  eased: boolean;
  /** Set while a reserve-fund refusal waits for the supervisor's decision. */
  fundRefusal: { reason: string; escalationTaskId: string } | null;
  incomeTest: IncomeTestResult | null;
  opinion: { proposal: 'APPROVE' | 'REFUSE'; amount: number | null } | null;
  deliberationId: string | null;
  outcome: 'PAID' | 'REFUSED' | 'CLOSED_BY_DELIBERATION' | 'CLOSED' | null;
  overdueSteps: number;
}

export interface IncomeTestResult {
  eligible: boolean;
  perCapitaIncome: number;
  threshold: number;
  reasonZh: string;
  parameter: ParameterRef;
}

/** A paragraph a person writes (description, note, reason, findings). */
const text = (max = 1000) => Text({ max, multiline: true });
/** One line: a name, a listed material or reason. */
const line = (max: number) => Text({ max });
const money = z
  .number({ error: '须为金额（元）' })
  .positive({ error: '金额须大于 0' })
  .multipleOf(0.01, { error: '金额最多两位小数' })
  .max(10_000_000);

/** `POST /api/v1/emergency-aid`: by township staff where the emergency happened. */
export const CreateEmergencyAid = z.strictObject({
  /** Township (9 digits) where the emergency happened; no household-registration or residence restriction. */
  townshipCode: TownshipCode,
  villageCode: z
    .string()
    .regex(/^\d{12}$/, { error: '须为 12 位村（社区）区划代码' })
    .optional(),
  applicant: z.strictObject({ name: line(50), idNumber: ResidentIdNumber }),
  area: Area,
  /** SUDDEN: 急难型 (accident, fire, sudden illness…); EXPENSE: 支出型 (medical, education…) — the full procedure. */
  kind: z.enum(['SUDDEN', 'EXPENSE']),
  /** SEVERE: aid first, paperwork after (先行救助). */
  severity: z.enum(['ORDINARY', 'SEVERE']).default('ORDINARY'),
  amount: money,
  description: text(2000),
  /** Complex case: straight to 一事一议. */
  complex: z.boolean().default(false),
  /** A path the caseworker asks for; refused (403) when the amount is above that path's approver limit. */
  path: z.enum(EMERGENCY_PATHS).optional(),
});
export type CreateEmergencyAid = z.infer<typeof CreateEmergencyAid>;

export const PaymentStage = z.strictObject({ amount: money, afterDays: z.number().int().min(0).max(365) });

export const EmergencyAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('explain'), text: text(4000) }),
  z
    .strictObject({
      action: z.literal('grantAid'),
      amount: money,
      /** Staged payments under this one approval; the first is paid at once when its afterDays is 0. Default: all at once. */
      stages: z.array(PaymentStage).min(1).max(12).optional(),
      note: text().optional(),
    })
    .refine(
      (g) => !g.stages || Math.round(g.stages.reduce((s, x) => s + x.amount, 0) * 100) === Math.round(g.amount * 100),
      { message: '分期金额之和须等于批准金额', path: ['stages'] },
    ),
  z.strictObject({ action: z.literal('referToDeliberation'), reason: text() }),
  z.strictObject({ action: z.literal('markEased'), note: text().optional() }),
  z.strictObject({
    action: z.literal('registerAndComplete'),
    recipientConfirmed: z.literal(true, { error: '须核实救助对象' }),
    reason: text(),
    amount: money,
    materials: z.array(line(200)).min(1).max(50),
    signaturesComplete: z.literal(true, { error: '须补齐签字' }),
    sealsComplete: z.literal(true, { error: '须补齐盖章' }),
  }),
  z.strictObject({ action: z.literal('accept'), note: text().optional() }),
  z.strictObject({
    action: z.literal('recordInvestigation'),
    investigators: z.array(line(50)).min(2).max(5),
    findings: text(4000),
    householdSize: z.number().int().min(1).max(30),
    /** Household income of the last 12 months, net (yuan). */
    annualIncome: z.number().nonnegative().max(100_000_000),
    /** Rigid expenses of the last 12 months (medical, education…), yuan. */
    rigidExpenses: z.number().nonnegative().max(100_000_000),
  }),
  z.strictObject({
    action: z.literal('submitOpinion'),
    proposal: z.enum(['APPROVE', 'REFUSE']),
    amount: money.optional(),
    reasons: z.array(line(500)).min(1).max(20),
    disagreementReason: text().optional(),
  }),
  z.strictObject({ action: z.literal('confirm'), amount: money.optional(), note: text().optional() }),
  z.strictObject({ action: z.literal('refuse'), reasons: z.array(line(500)).min(1).max(20) }),
  z.strictObject({
    action: z.literal('resolveFundRefusal'),
    decision: z.enum(['RETRY', 'PAY_FROM_COUNTY_BUDGET', 'CLOSE']),
    reason: text(),
  }),
]);
export type EmergencyAction = z.infer<typeof EmergencyAction>;
export type EmergencyActing = Acting<EmergencyAction>;

/** What the workflow returns when it ends. */
export interface EmergencyResult {
  caseId: string;
  stage: EmergencyStage;
  /** The amount approved on the case (whatever the path, 一事一议 included); null when none was. */
  approvedAmount?: number | null;
  paidAmount: number;
  deliberation: DeliberationResult | null;
}

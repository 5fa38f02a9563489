import type { RefusalCode } from '../refusals';
import { z } from 'zod';
import { Text } from './text';
import type { ApplicationCategory } from './application';
import { HouseholdFacts, IsoDate } from './household-facts';
import type { Role } from './roles';
import type { TaskSpec, TaskType } from './task';

// Plain-JSON shapes that cross the workflow boundary (ISO strings, no Dates or classes)
// for the determination process of domain.md §4.1 / processes.md §1.

export const OPEN_STAGES = [
  'SUBMITTED',
  'AWAITING_SUPPLEMENT',
  'INVESTIGATION',
  'REVIEW',
  'PUBLICITY',
  'OBJECTION_HANDLING',
  'APPRAISAL',
  'COUNTY_HOME_VISIT',
  'CONFIRMATION',
] as const;
export const TERMINAL_STAGES = ['ENROLLED', 'REFUSED', 'WITHDRAWN', 'CLOSED', 'TERMINATED'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type TerminalStage = (typeof TERMINAL_STAGES)[number];
export type DeterminationStage = OpenStage | TerminalStage;

export const STAGE_NAMES_ZH: Record<DeterminationStage, string> = {
  SUBMITTED: '待受理',
  AWAITING_SUPPLEMENT: '待补充材料',
  INVESTIGATION: '入户调查与信息核对',
  REVIEW: '乡镇审核',
  PUBLICITY: '公示',
  OBJECTION_HANDLING: '异议处理',
  APPRAISAL: '民主评议',
  COUNTY_HOME_VISIT: '县级入户核查',
  CONFIRMATION: '审核确认',
  ENROLLED: '已纳入保障',
  REFUSED: '不予确认',
  WITHDRAWN: '已撤回',
  CLOSED: '已终止（材料不全或不予受理）',
  TERMINATED: '已终止（不配合调查）',
};

export interface ActorRef {
  userId: string;
  role: Role;
  jurisdiction: string;
}

export interface DeterminationInput {
  applicationId: string;
  householdId: string;
  category: ApplicationCategory;
  channel: 'SELF' | 'ON_BEHALF' | 'WARNING';
  countyCode: string;
  townshipCode: string;
  /** The household's village (community): the applicant side's jurisdiction. */
  villageCode: string;
  submittedBy: ActorRef;
  requestId: string;
  /** Confirmation delegated to the township (20 working-day process limit). */
  delegated: boolean;
  /** Close relative of social-assistance staff: county home visit before confirmation. */
  closeRelativeFlag: boolean;
  /** Started in drill mode (shortened limits, embedded demo only): the case and its notices are marked. */
  drill?: boolean;
}

/** The policy engine's verdict for the applied-for category, as the workflow needs it. */
export interface EngineSummary {
  factsVersion: number;
  status: 'eligible' | 'ineligible' | 'needs_review';
  monthlyAmount: number;
  recommendedCategory: string | null;
}

export interface DeterminationState {
  applicationId: string;
  category: ApplicationCategory;
  stage: DeterminationStage;
  /** The open human step, if any (the one a completion must name). */
  currentTask: Pick<TaskSpec, 'taskId' | 'type' | 'candidateRole' | 'jurisdiction' | 'dueAt'> | null;
  publicityRound: number;
  objectionsThisRound: number;
  publicityEndsAt: string | null;
  engine: EngineSummary | null;
  opinion: { proposal: 'APPROVE' | 'REFUSE'; amount: number | null } | null;
  processDueAt: string | null;
  processExtended: boolean;
  processOverdue: boolean;
  overdueSteps: number;
  outcome: { decidedBy: string; amount: number | null } | null;
  /** When the township started the investigation (startInvestigation) and the first visit it booked; absent on cases without that step. */
  investigation?: { startedAt: string; appointmentDate: string | null } | null;
}

// ---- Commands (what a person sends; the API validates with these schemas) ----

/** A paragraph a person writes (reason, note, findings, minutes). */
const text = (max = 1000) => Text({ max, multiline: true });
/** One line: an item, a name, a listed reason. */
const line = (max: number) => Text({ max });

export const AcceptCommand = z.strictObject({ note: Text({ max: 500, min: 0, multiline: true }).optional() });
export const RequestSupplementCommand = z.strictObject({
  /** 一次性告知: every missing item at once. */
  missing: z.array(line(200)).min(1).max(50),
  note: Text({ max: 500, min: 0, multiline: true }).optional(),
});
export const DeclineInadmissibleCommand = z.strictObject({ reason: text() });
export const SupplementCommand = z.strictObject({
  items: z.array(line(200)).min(1).max(50),
  /** Corrected household facts, if the supplement changes them. */
  facts: HouseholdFacts.optional(),
});
/** The six items of the self-care assessment (N2): eating, dressing, getting in and out of bed, toileting, indoor movement, bathing. */
export const SelfCareAssessment = z.strictObject({
  eating: z.boolean(),
  dressing: z.boolean(),
  transferring: z.boolean(),
  toileting: z.boolean(),
  indoorMobility: z.boolean(),
  bathing: z.boolean(),
});
/** 启动调查: the township opens the investigation, optionally booking the first home visit (a CST date, today or later). */
export const StartInvestigationCommand = z.strictObject({ appointmentDate: IsoDate.optional() });
export const RecordHomeVisitCommand = z.strictObject({
  /** At least two investigators (N1 Art.15): names or staff ids, all different. */
  investigators: z
    .array(line(50))
    .min(2)
    .max(5)
    .refine((a) => new Set(a).size === a.length, { message: '调查人员不得重复' }),
  findings: text(4000),
  signedByHousehold: z.literal(true, { error: '入户调查表须经申请家庭签字' }),
  selfCareAssessment: SelfCareAssessment.optional(),
});
export const SubmitOpinionCommand = z.strictObject({
  proposal: z.enum(['APPROVE', 'REFUSE']),
  reasons: z.array(line(500)).min(1).max(20),
  /** Required when the proposal contradicts the policy engine. */
  disagreementReason: text().optional(),
});
export const ReinvestigateCommand = z.strictObject({ note: text() });
export const HoldAppraisalCommand = z.strictObject({ note: text() });
export const DismissObjectionCommand = z.strictObject({ reason: text() });
export const RecordAppraisalCommand = z.strictObject({
  participants: z.number().int().min(1).max(500),
  result: z.enum(['SUPPORT', 'OPPOSE']),
  minutes: text(8000),
});
export const RecordCountyHomeVisitCommand = z.strictObject({ findings: text(4000) });
export const ConfirmCommand = z.strictObject({
  /** Monthly amount; the engine's unless given, and then only with amountReason. */
  amount: z.number().nonnegative().multipleOf(0.01).optional(),
  amountReason: text().optional(),
});
export const RefuseCommand = z.strictObject({ reasons: z.array(line(500)).min(1).max(20) });
export const ReasonCommand = z.strictObject({ reason: text() });
export const ExtendStepCommand = z.strictObject({ reason: text(), workingDays: z.number().int().min(1).max(30) });
export const LodgeObjectionCommand = z.strictObject({
  text: text(2000),
  /** Optional: objections may be anonymous. */
  contact: Text({ max: 100, min: 0 }).optional(),
});

/** Every action on a determination case, as one discriminated union. */
export const DeterminationAction = z.discriminatedUnion('action', [
  AcceptCommand.extend({ action: z.literal('accept') }),
  RequestSupplementCommand.extend({ action: z.literal('requestSupplement') }),
  DeclineInadmissibleCommand.extend({ action: z.literal('declineInadmissible') }),
  SupplementCommand.extend({ action: z.literal('supplement') }),
  StartInvestigationCommand.extend({ action: z.literal('startInvestigation') }),
  RecordHomeVisitCommand.extend({ action: z.literal('recordHomeVisit') }),
  SubmitOpinionCommand.extend({ action: z.literal('submitOpinion') }),
  ReinvestigateCommand.extend({ action: z.literal('reinvestigate') }),
  HoldAppraisalCommand.extend({ action: z.literal('holdAppraisal') }),
  DismissObjectionCommand.extend({ action: z.literal('dismissObjection') }),
  RecordAppraisalCommand.extend({ action: z.literal('recordAppraisal') }),
  RecordCountyHomeVisitCommand.extend({ action: z.literal('recordCountyHomeVisit') }),
  ConfirmCommand.extend({ action: z.literal('confirm') }),
  RefuseCommand.extend({ action: z.literal('refuse') }),
  ReasonCommand.extend({ action: z.literal('withdraw') }),
  ReasonCommand.extend({ action: z.literal('terminateNonCooperation') }),
  ReasonCommand.extend({ action: z.literal('extendProcess') }),
  ExtendStepCommand.extend({ action: z.literal('extendStep') }),
]);
export type DeterminationAction = z.infer<typeof DeterminationAction>;
export type ActionName = DeterminationAction['action'];

/** What an Update carries: the command plus who sends it (set by the API from the token). */
export interface Acting<T> {
  actor: ActorRef;
  requestId: string;
  /** The task being completed, for task-bound actions. */
  taskId?: string;
  command: T;
}

/** Refusal types the determination validators raise (ApplicationFailure.type); status and message in src/core/refusals.ts. */
export type RefusalType = Extract<
  RefusalCode,
  | 'WRONG_STAGE'
  | 'TASK_NOT_OPEN'
  | 'ALREADY_EXTENDED'
  | 'ROLE_NOT_ALLOWED'
  | 'OUT_OF_JURISDICTION'
  | 'STEP_NOT_OVERDUE'
  | 'AMOUNT_REASON_REQUIRED'
  | 'DISAGREEMENT_REASON_REQUIRED'
  | 'SELF_CARE_ASSESSMENT_REQUIRED'
  | 'APPOINTMENT_IN_PAST'
  | 'INVESTIGATION_ALREADY_STARTED'
>;

export type { TaskType };

/**
 * What an investigation step recorded (the command of its Update): the township's home visit,
 * the democratic appraisal's minutes, the county's home visit. The workflow hands it to the
 * step's timeline activity so that it is on the case, not only in
 * Temporal's history.
 */
export type InvestigationRecord = Extract<
  DeterminationAction,
  { action: 'recordHomeVisit' | 'recordAppraisal' | 'recordCountyHomeVisit' }
>;

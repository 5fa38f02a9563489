import { z } from 'zod';
import { ApplicationCategory } from '../core/contracts/application';
import { CATEGORY_NAMES_ZH } from '../core/contracts/household-facts';
import { paidMonthly } from '../core/entitlements';
import { DeliberationAction } from '../core/contracts/deliberation';
import { DeterminationAction } from '../core/contracts/determination';
import { EmergencyAction } from '../core/contracts/emergency';
import { PaymentFailureResolution, RecheckAction } from '../core/contracts/enrolment';
import type { TaskType } from '../core/contracts/task';
import { WarningVerification } from '../core/contracts/warning';
import {
  AnswerComplaint,
  ComplaintAction,
  RecordComplaintHomeVisit,
  RequestComplaintHomeVisit,
} from '../core/contracts/complaint';
import { FundDiscrepancyResolution } from '../core/contracts/funds';
import { OutreachVisitRecord } from '../core/contracts/outreach';
import { EscalationDecisionBody } from '../escalations/escalation.dto';
import type { FieldError } from '../common/domain-error';

/**
 * What completing a task of each type takes: the case kind whose workflow receives it, and
 * the actions that finish that step. The workflows' validators stay the last word (stage,
 * role, jurisdiction); this table only refuses, before any Update, a body meant for another
 * kind of task or another step.
 */
export type CompletionKind =
  | 'DETERMINATION'
  | 'RECHECK'
  | 'PAYMENT_FAILED'
  | 'EMERGENCY'
  | 'DELIBERATION'
  | 'ESCALATION'
  | 'WARNING'
  | 'COMPLAINT'
  | 'FUND_DISCREPANCY'
  | 'OUTREACH_VISIT';

type Step =
  | {
      kind: CompletionKind;
      /** The `action` values that complete it; none for bodies without an `action` (payment failure, escalation). */
      actions: readonly string[];
    }
  /** A task no one completes: it closes itself when its condition is met; `why` says so to whoever tries. */
  | { kind: 'CLOSES_ITSELF'; actions: readonly []; why: string };

/** Every task type: the step a person completes, or the reason it closes itself. */
export const TASK_STEPS: Record<TaskType, Step> = {
  ACCEPT: { kind: 'DETERMINATION', actions: ['accept', 'requestSupplement', 'declineInadmissible'] },
  SUPPLY: { kind: 'DETERMINATION', actions: ['supplement'] },
  START_INVESTIGATION: { kind: 'DETERMINATION', actions: ['startInvestigation'] },
  HOME_VISIT: { kind: 'DETERMINATION', actions: ['recordHomeVisit'] },
  REVIEW: { kind: 'DETERMINATION', actions: ['submitOpinion'] },
  RESOLVE_OBJECTION: { kind: 'DETERMINATION', actions: ['reinvestigate', 'holdAppraisal', 'dismissObjection'] },
  DEMOCRATIC_APPRAISAL: { kind: 'DETERMINATION', actions: ['recordAppraisal'] },
  COUNTY_HOME_VISIT: { kind: 'DETERMINATION', actions: ['recordCountyHomeVisit'] },
  CONFIRM: { kind: 'DETERMINATION', actions: ['confirm', 'refuse'] },
  RECHECK_INVESTIGATE: { kind: 'RECHECK', actions: ['recordInvestigation'] },
  RECHECK_DECIDE: { kind: 'RECHECK', actions: ['decide'] },
  PAYMENT_FAILED: { kind: 'PAYMENT_FAILED', actions: [] },
  EXPLAIN: { kind: 'EMERGENCY', actions: ['explain'] },
  GRANT_AID: { kind: 'EMERGENCY', actions: ['grantAid', 'referToDeliberation'] },
  REGISTER_AND_COMPLETE: { kind: 'EMERGENCY', actions: ['registerAndComplete'] },
  EMERGENCY_ACCEPT: { kind: 'EMERGENCY', actions: ['accept'] },
  EMERGENCY_INVESTIGATE: { kind: 'EMERGENCY', actions: ['recordInvestigation'] },
  EMERGENCY_REVIEW: { kind: 'EMERGENCY', actions: ['submitOpinion'] },
  EMERGENCY_CONFIRM: { kind: 'EMERGENCY', actions: ['confirm', 'refuse'] },
  CONVENE: { kind: 'DELIBERATION', actions: ['convene'] },
  OPINION: { kind: 'DELIBERATION', actions: ['giveOpinion', 'changeOpinion'] },
  DELIBERATION_DECIDE: { kind: 'DELIBERATION', actions: ['decide', 'extend', 'close'] },
  FOLLOW_UP: { kind: 'DELIBERATION', actions: ['reportFollowUp'] },
  ESCALATION: { kind: 'ESCALATION', actions: [] },
  WARNING_VERIFICATION: { kind: 'WARNING', actions: ['recordVerification'] },
  COMPLAINT_HANDLE: { kind: 'COMPLAINT', actions: ['answerComplaint', 'requestHomeVisit'] },
  COMPLAINT_HOME_VISIT: { kind: 'COMPLAINT', actions: ['recordHomeVisit'] },
  FUND_DISCREPANCY: { kind: 'FUND_DISCREPANCY', actions: [] },
  OUTREACH_VISIT: { kind: 'OUTREACH_VISIT', actions: ['recordOutreachVisit'] },
  // Acted on through the referral's own Update (accept, request information, deliver, decline), not this route.
  REFERRAL: {
    kind: 'CLOSES_ITSELF',
    actions: [],
    why: '转介任务请通过 POST /api/v1/referrals/:id/actions 反馈（接收、补充信息、落实或不予落实），反馈后任务自动办结',
  },
  ENTER_STATISTIC: {
    kind: 'CLOSES_ITSELF',
    actions: [],
    why: '统计数据录入任务无需办理：录入该年度数据后，下一次测算即自动办结',
  },
  RECOVERY_INSTALMENT_OVERDUE: {
    kind: 'CLOSES_ITSELF',
    actions: [],
    why: '分期逾期任务无需办理：请通过 POST /api/v1/recoveries/:id/repayments 登记还款或重新制定分期计划，到期款项还清后任务自动办结',
  },
  APPROVE_PARAMETER: {
    kind: 'CLOSES_ITSELF',
    actions: [],
    why: '参数调整请通过 POST /api/v1/policy/parameters/proposals/:id/decision 审批，审批后任务自动办结',
  },
};

/** The step of a task type as stored (a string column); undefined for a type this API does not know. */
export const stepOf = (type: string): Step | undefined =>
  Object.hasOwn(TASK_STEPS, type) ? TASK_STEPS[type as keyof typeof TASK_STEPS] : undefined;

export type Completion =
  | { kind: 'DETERMINATION'; body: DeterminationAction }
  | { kind: 'RECHECK'; body: RecheckAction }
  | { kind: 'PAYMENT_FAILED'; body: PaymentFailureResolution }
  | { kind: 'EMERGENCY'; body: EmergencyAction }
  | { kind: 'DELIBERATION'; body: DeliberationAction }
  | { kind: 'ESCALATION'; body: z.infer<typeof EscalationDecisionBody> }
  | { kind: 'WARNING'; body: WarningVerification }
  | { kind: 'COMPLAINT'; body: ComplaintAction }
  | { kind: 'FUND_DISCREPANCY'; body: FundDiscrepancyResolution }
  | { kind: 'OUTREACH_VISIT'; body: OutreachVisitRecord };

const SCHEMAS: Record<CompletionKind, z.ZodType> = {
  DETERMINATION: DeterminationAction,
  RECHECK: RecheckAction,
  PAYMENT_FAILED: PaymentFailureResolution,
  EMERGENCY: EmergencyAction,
  DELIBERATION: DeliberationAction,
  ESCALATION: EscalationDecisionBody,
  WARNING: WarningVerification,
  COMPLAINT: ComplaintAction,
  FUND_DISCREPANCY: FundDiscrepancyResolution,
  OUTREACH_VISIT: OutreachVisitRecord,
};

/** Every body the route accepts, for the OpenAPI document: one of the kinds' payloads. */
export const TaskCompletionBody = z.union([
  DeterminationAction,
  RecheckAction,
  PaymentFailureResolution,
  EmergencyAction,
  DeliberationAction,
  EscalationDecisionBody,
  WarningVerification,
  AnswerComplaint,
  RequestComplaintHomeVisit,
  RecordComplaintHomeVisit,
  FundDiscrepancyResolution,
  OutreachVisitRecord,
]);

const KIND_NAMES_ZH: Record<CompletionKind, string> = {
  DETERMINATION: '审核确认',
  RECHECK: '复核',
  PAYMENT_FAILED: '支付失败',
  EMERGENCY: '急难救助',
  DELIBERATION: '一事一议',
  ESCALATION: '升级事项',
  WARNING: '预警核查',
  COMPLAINT: '投诉举报办理',
  FUND_DISCREPANCY: '资金发放问题核查',
  OUTREACH_VISIT: '走访',
};

/**
 * The body checked against the task's own step: its parsed payload, or the field errors (Chinese)
 * that refuse it. `mismatch`: the body is for another step (422); otherwise a malformed field (400,
 * as on every route). `category`: the application's, for the fields that depend on it.
 */
export function parseCompletion(
  type: string,
  taskId: string,
  raw: unknown,
  category: string | null = null,
): { ok: true; completion: Completion } | { ok: false; mismatch: boolean; errors: FieldError[] } {
  const step = stepOf(type);
  if (!step)
    return {
      ok: false,
      mismatch: true,
      errors: [{ path: '(body)', code: 'unknown_task_type', message: `任务类型 ${type} 不能通过此接口办理` }],
    };
  if (step.kind === 'CLOSES_ITSELF')
    return { ok: false, mismatch: true, errors: [{ path: '(body)', code: 'task_closes_itself', message: step.why }] };
  let body = raw;
  if (step.actions.length > 0) {
    const action = isObject(raw) ? raw.action : undefined;
    if (typeof action !== 'string' || !step.actions.includes(action)) {
      const given = typeof action === 'string' ? `「${action}」不是此任务的操作；` : '';
      return {
        ok: false,
        mismatch: true,
        errors: [
          {
            path: 'action',
            code: 'action_not_for_task',
            message: `${given}${KIND_NAMES_ZH[step.kind]}任务 ${type} 可办理的操作：${step.actions.join('、')}`,
          },
        ],
      };
    }
    // A follow-up report names its task; on this route the path already does.
    if (action === 'reportFollowUp' && isObject(raw) && raw.taskId === undefined) body = { ...raw, taskId };
  }
  const parsed = SCHEMAS[step.kind].safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      mismatch: false,
      errors: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(body)',
        code: issue.code,
        message: issue.message,
      })),
    };
  }
  if (
    step.kind === 'DELIBERATION' &&
    isObject(parsed.data) &&
    parsed.data.action === 'reportFollowUp' &&
    parsed.data.taskId !== taskId
  ) {
    return {
      ok: false,
      mismatch: false,
      errors: [{ path: 'taskId', code: 'task_mismatch', message: '须为路径中的任务编号（可省略）' }],
    };
  }
  const completion = { kind: step.kind, body: parsed.data } as Completion;
  const unpaid = unpaidAmount(completion, category);
  if (unpaid) return { ok: false, mismatch: false, errors: [unpaid] };
  return { ok: true, completion };
}

/**
 * 低保边缘 and 刚性支出 are approved without a monthly amount (they receive entitlements, not
 * money): an amount typed at confirmation would be stored on the decision and shown as if paid,
 * so it is refused as a malformed field. The workflow cannot tell: its command carries no category.
 */
function unpaidAmount(completion: Completion, category: string | null): FieldError | null {
  if (
    completion.kind !== 'DETERMINATION' ||
    completion.body.action !== 'confirm' ||
    completion.body.amount === undefined
  )
    return null;
  const known = ApplicationCategory.safeParse(category);
  if (!known.success || paidMonthly(known.data)) return null;
  return {
    path: 'amount',
    code: 'not_paid_monthly',
    message: `${CATEGORY_NAMES_ZH[known.data]}不按月发放保障金，确认时不得填写月保障金额`,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

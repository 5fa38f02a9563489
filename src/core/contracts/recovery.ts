import { z } from 'zod';
import type { ActorRef } from './determination';
import { CountyCode } from './division';
import { INCOME_TYPES, IsoDate, Yuan } from './household-facts';
import { Text } from './text';

// Recovery of wrongly paid aid (追缴) and corrections of good-faith staff errors (容错纠错),
// plan 三(三); processes.md §10: FOUND → NOTIFIED → REPAYING → CLOSED (REPAID or WRITTEN_OFF),
// or CORRECTED for a staff error corrected in time.

/** What found it: a recheck, a warning of data comparison, or a complaint. */
export const SupervisionSourceKind = z.enum(['RECHECK', 'WARNING', 'COMPLAINT'], {
  error: '来源类型须为 RECHECK（复核）、WARNING（预警）或 COMPLAINT（投诉举报）',
});
export type SupervisionSourceKind = z.infer<typeof SupervisionSourceKind>;

export const SupervisionSource = z.strictObject(
  {
    kind: SupervisionSourceKind,
    id: z.guid({ error: '须为来源的编号（UUID）' }),
  },
  { error: '须注明来源：复核、预警或投诉举报（{kind, id}）' },
);
export type SupervisionSource = z.infer<typeof SupervisionSource>;

export const FindingKind = z.enum(['DEATH', 'INCOME', 'ASSETS', 'MEMBERS', 'OTHER'], {
  error: '查实情况须为 DEATH、INCOME、ASSETS、MEMBERS 或 OTHER',
});
export type FindingKind = z.infer<typeof FindingKind>;

export const RecoveryCause = z.enum(['HOUSEHOLD', 'STAFF_ERROR'], {
  error: '原因须为 HOUSEHOLD（家庭未如实申报）或 STAFF_ERROR（工作人员失误）',
});
export type RecoveryCause = z.infer<typeof RecoveryCause>;

const MemberRef = z.string({ error: '须填写成员编号' }).min(1, { error: '须填写成员编号' }).max(64);

/** A member's corrected income: a monthly amount of one type over the facts' income window. */
export const CorrectedIncome = z.strictObject({
  memberId: MemberRef,
  type: z.enum(INCOME_TYPES, { error: '收入类型不正确' }),
  monthlyAmount: Yuan,
});

/**
 * What was found, from when: DEATH (memberId, the day of death: the member leaves the
 * household from the month after), MEMBERS (memberId moved out), INCOME (corrected income;
 * `employment`: the rise came from a job, so the phase-out rule applies), ASSETS (the assets
 * exceed the limits: not entitled), OTHER (not entitled, for the reason described).
 * `effectiveTo`: the last day the finding held (the months after are not affected).
 */
export const RecoveryFinding = z
  .strictObject({
    kind: FindingKind,
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.optional(),
    memberId: MemberRef.optional(),
    income: z.array(CorrectedIncome).min(1, { error: '须列出核实后的收入' }).max(20).optional(),
    employment: z.boolean({ error: '须为 true 或 false' }).optional(),
    description: Text({ max: 1000, multiline: true, tooShort: '须填写查实情况' }),
  })
  .superRefine((f, ctx) => {
    if ((f.kind === 'DEATH' || f.kind === 'MEMBERS') && f.memberId === undefined)
      ctx.addIssue({ code: 'custom', path: ['memberId'], message: '须注明死亡或迁出的家庭成员编号' });
    if (f.kind === 'INCOME' && f.income === undefined)
      ctx.addIssue({ code: 'custom', path: ['income'], message: '收入情况须列出核实后的收入' });
    if (f.effectiveTo !== undefined && f.effectiveTo < f.effectiveFrom)
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: '截止日期不能早于起始日期' });
  });
export type RecoveryFinding = z.infer<typeof RecoveryFinding>;

/** POST /api/v1/recoveries */
export const OpenRecovery = z.strictObject({
  enrolledCaseId: z.guid({ error: '须为保障案件编号（UUID）' }),
  source: SupervisionSource,
  finding: RecoveryFinding,
  cause: RecoveryCause,
  /** The total the officer expects (yuan): refused when it differs from the computed one. */
  expectedTotal: Yuan.optional(),
});
export type OpenRecovery = z.infer<typeof OpenRecovery>;

export const RecoveryStage = z.enum(['FOUND', 'NOTIFIED', 'REPAYING', 'CLOSED', 'CORRECTED']);
export type RecoveryStage = z.infer<typeof RecoveryStage>;
export type RecoveryClosure = 'REPAID' | 'WRITTEN_OFF';

export const RECOVERY_STAGE_NAMES_ZH: Record<RecoveryStage, string> = {
  FOUND: '已查实',
  NOTIFIED: '已告知',
  REPAYING: '退还中',
  CLOSED: '已结案',
  CORRECTED: '已纠错',
};

const Positive = Yuan.refine((x) => x > 0, { error: '金额须大于 0' });

/** POST /api/v1/recoveries/:id/repayments */
export const RecordRepayment = z.strictObject({
  amount: Positive,
  paidOn: IsoDate,
  reference: Text({ max: 100, tooShort: '须填写缴款凭证号' }),
});
export type RecordRepayment = z.infer<typeof RecordRepayment>;

/** PUT /api/v1/recoveries/:id/instalment-plan: the instalments sum to the remaining debt. */
export const InstalmentPlan = z.strictObject({
  instalments: z
    .array(z.strictObject({ dueOn: IsoDate, amount: Positive }))
    .min(1, { error: '至少一期' })
    .max(60, { error: '最多 60 期' })
    .superRefine((list, ctx) => {
      for (let i = 1; i < list.length; i++)
        if (list[i]!.dueOn <= list[i - 1]!.dueOn)
          ctx.addIssue({ code: 'custom', path: [i, 'dueOn'], message: '各期到期日须按先后顺序排列且不重复' });
    }),
});
export type InstalmentPlan = z.infer<typeof InstalmentPlan>;

/** POST /api/v1/recoveries/:id/write-off: a decision with a reason (county supervisor). */
export const WriteOff = z.strictObject({
  reason: Text({ max: 1000, multiline: true, tooShort: '须填写核销理由' }),
  decisionRef: Text({ max: 100, tooShort: '须填写核销决定文号' }),
});
export type WriteOff = z.infer<typeof WriteOff>;

export const RecoveryListQuery = z.strictObject({
  county: CountyCode.optional(),
  state: RecoveryStage.optional(),
  /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
  format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type RecoveryListQuery = z.infer<typeof RecoveryListQuery>;

/** POST /api/v1/households/:id/credit-records: the source is required. */
export const RecordCreditRecord = z.strictObject({
  source: SupervisionSource,
  finding: Text({ max: 1000, multiline: true, tooShort: '须填写未如实申报的查实情况' }),
});
export type RecordCreditRecord = z.infer<typeof RecordCreditRecord>;

/** An instalment as the workflow keeps it (cents). */
export interface Instalment {
  dueOn: string;
  amountCents: number;
}

/** What the recovery workflow starts with: ids, amounts and routing, no personal data. */
export interface RecoveryInput {
  recoveryId: string;
  countyCode: string;
  totalCents: number;
  /** A staff error corrected in time: recorded as CORRECTED, nothing demanded from the household. */
  correction: boolean;
}

export interface RecoveryState {
  recoveryId: string;
  stage: RecoveryStage;
  closure: RecoveryClosure | null;
  totalCents: number;
  repaidCents: number;
  instalments: Instalment[];
  /** What had been repaid when the plan was set: the plan's instalments are paid from there on. */
  planFromCents: number;
  /** The open task of an overdue instalment (its index), if any. */
  overdueTask: { taskId: string; instalment: number } | null;
}

export type RecoveryCommand =
  | { action: 'recordRepayment'; repaymentId: string; amountCents: number; paidOn: string; reference: string }
  | { action: 'setInstalmentPlan'; instalments: Instalment[] }
  | { action: 'writeOff'; reason: string; decisionRef: string };

/** A staff action on the recovery (its Update). */
export interface RecoveryActing {
  actor: ActorRef;
  requestId: string;
  command: RecoveryCommand;
}

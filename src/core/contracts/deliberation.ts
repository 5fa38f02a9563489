import { z } from 'zod';
import { Text } from './text';
import type { Acting, ActorRef } from './determination';
import type { ParameterRef } from '../../policy/parameters/types';

// 一事一议 (domain.md §4.4, processes.md §4).

/** Member departments of the county coordination mechanism (department liaison users carry one). */
export const Department = z.enum([
  'CIVIL_AFFAIRS',
  'FINANCE',
  'HR_SOCIAL_SECURITY',
  'HEALTH',
  'MEDICAL_INSURANCE',
  'EDUCATION',
  'HOUSING',
  'EMERGENCY_MANAGEMENT',
  'DISABLED_PERSONS_FEDERATION',
  // Runs the 困难群众救急难慈善专项基金 (plan 二(四)9): emergency cases are referred to it.
  'CHARITY_FEDERATION',
]);
export type Department = z.infer<typeof Department>;

export { DEPARTMENT_NAMES_ZH } from '../department-names';

export const DELIBERATION_SOURCES = [
  'EMERGENCY',
  'DETERMINATION',
  'RECHECK',
  'ESCALATION',
  'WARNING',
  'DIRECT',
] as const;
export type DeliberationSource = (typeof DELIBERATION_SOURCES)[number];

export type DeliberationStage = 'CONVENING' | 'OPINIONS' | 'DECIDED' | 'FOLLOW_UP' | 'CLOSED';

export interface DeliberationMember {
  userId: string;
  department: Department;
}

export interface DeliberationRules {
  quorumShare: number;
  majorityShare: number;
  refs: ParameterRef[];
}

export interface DeliberationInput {
  deliberationId: string;
  countyCode: string;
  townshipCode: string | null;
  source: { kind: DeliberationSource; id: string | null };
  question: string;
  /** Set when a supervisor starts it directly (already convened); null: a CONVENE task for the county's supervisors. */
  convened: { chair: ActorRef; members: DeliberationMember[]; requestId: string } | null;
  rules: DeliberationRules;
}

export type OpinionValue = 'APPROVE' | 'REJECT' | 'ABSTAIN';

export interface Measure {
  item: string;
  amount: number | null;
  department: Department;
  dueOn: string;
}

export interface FollowUp {
  taskId: string;
  measureIndex: number;
  department: Department;
  assignee: string | null;
  dueAt: string;
  report: { result: 'DONE' | 'REFUSED'; details: string; by: string } | null;
  escalated: boolean;
}

export interface DeliberationState {
  deliberationId: string;
  stage: DeliberationStage;
  chairId: string | null;
  members: DeliberationMember[];
  question: string;
  deadlineAt: string | null;
  extended: boolean;
  /** The chair was reminded that the deadline passed without quorum. */
  deadlineMissed: boolean;
  opinions: Record<string, { opinion: OpinionValue; comment: string; version: number }>;
  tally: { approve: number; reject: number; abstain: number; quorumReached: boolean; majorityApproves: boolean };
  outcome: 'APPROVE' | 'REJECT' | null;
  measures: Measure[];
  followUps: FollowUp[];
  closedReason: string | null;
}

export interface DeliberationResult {
  deliberationId: string;
  outcome: 'APPROVE' | 'REJECT' | null;
  measures: Measure[];
  closedReason: string | null;
}

/** The chair's decision, sent to the emergency case that referred the matter as soon as it is made (its aid is paid without waiting for every follow-up). */
export interface DeliberationDecided {
  deliberationId: string;
  outcome: 'APPROVE' | 'REJECT';
  measures: Measure[];
}

/** A paragraph a person writes (question, comment, reason, report). */
const text = (max = 1000) => Text({ max, multiline: true });
const isoDate = z.iso.date({ error: '须为 ISO 日期（YYYY-MM-DD）' });

export const MemberRef = z.strictObject({ userId: Text({ max: 100 }), department: Department });
export const Convene = z.strictObject({
  members: z
    .array(MemberRef)
    .min(2, { error: '至少指定两个成员单位' })
    .max(20, { error: '成员单位最多 20 个' })
    .refine((m) => new Set(m.map((x) => x.userId)).size === m.length, { message: '成员不得重复' }),
  question: text(2000).optional(),
});
export const MeasureInput = z.strictObject({
  item: Text({ max: 200 }),
  amount: z.number().positive({ error: '金额须大于 0' }).multipleOf(0.01).max(10_000_000).nullable().default(null),
  department: Department,
  dueOn: isoDate,
});

export const DeliberationAction = z.discriminatedUnion('action', [
  Convene.extend({ action: z.literal('convene') }),
  z.strictObject({
    action: z.literal('giveOpinion'),
    opinion: z.enum(['APPROVE', 'REJECT', 'ABSTAIN']),
    comment: text(2000),
  }),
  z.strictObject({
    action: z.literal('changeOpinion'),
    opinion: z.enum(['APPROVE', 'REJECT', 'ABSTAIN']),
    comment: text(2000),
  }),
  z.strictObject({ action: z.literal('extend'), reason: text() }),
  z
    .strictObject({
      action: z.literal('decide'),
      outcome: z.enum(['APPROVE', 'REJECT']),
      measures: z.array(MeasureInput).max(30).default([]),
      reason: text(),
    })
    .refine((d) => d.outcome === 'REJECT' || d.measures.length > 0, {
      message: '同意救助的决定须列明救助措施',
      path: ['measures'],
    }),
  z.strictObject({
    action: z.literal('reportFollowUp'),
    taskId: z.uuid(),
    result: z.enum(['DONE', 'REFUSED']),
    details: text(4000),
  }),
  z.strictObject({ action: z.literal('close'), reason: text() }),
]);
export type DeliberationAction = z.infer<typeof DeliberationAction>;
export type DeliberationActing = Acting<DeliberationAction>;

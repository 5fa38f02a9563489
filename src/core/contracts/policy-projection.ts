import { z } from 'zod';

// The policy projection: an enrolled case's future dates under today's parameters and calendar.

export const ProjectionBody = z.strictObject({
  enrolledCaseId: z.uuid('在保案件编号格式不正确'),
  years: z.int('年数须为整数').min(1, '年数须在 1 至 10 之间').max(10, '年数须在 1 至 10 之间'),
});
export type ProjectionBody = z.infer<typeof ProjectionBody>;

export const PROJECTION_KINDS = ['PERIODIC_RECHECK', 'RENEWAL_RECHECK', 'VALIDITY_END', 'PHASE_OUT_END'] as const;
export type ProjectionKind = (typeof PROJECTION_KINDS)[number];

/** One date the case's workflow will act on, and the parameter versions (with their legal source) it comes from. */
export interface ProjectionEntry {
  /** YYYY-MM-DD (CST). */
  date: string;
  /** The instant of the workflow's timer. */
  at: string;
  kind: ProjectionKind;
  label: string;
  parameters: Array<{ id: string; version: string; division: string; source: string }>;
}

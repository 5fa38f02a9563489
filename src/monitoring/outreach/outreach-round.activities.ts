import { cstDate } from '../../core/clock';
import {
  outreachRoundWorkflowId,
  type OutreachRoundInput,
  type OutreachRoundPage,
  type OutreachRoundPlan,
} from '../../core/contracts/outreach';
import { P } from '../../core/parameter-ids';
import type { ParameterStore } from '../../policy';
import type { PrismaClient } from '../../prisma/prisma-client';
import { dueHouseholds } from './outreach-round.repository';
import { lockOutreachHouseholds, openOutreachTask } from './outreach-tasks';

/** Households per page (one transaction each): a large county is opened in many short steps. */
export const OUTREACH_PAGE_SIZE = 200;

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBefore = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/**
 * The outreach round's activities (plan 二(三)3): the day's plan with its parameters, and one
 * page of the county's due priority households, each given its village assistant's visit task.
 */
export function createOutreachRoundActivities(deps: {
  prisma: PrismaClient;
  parameters: ParameterStore;
  /** Households per page; tests page a small county with a small one. */
  pageSize?: number;
}) {
  const { prisma, parameters } = deps;
  return {
    async planOutreachRound(input: OutreachRoundInput): Promise<OutreachRoundPlan> {
      const date = cstDate(new Date().toISOString());
      const ctx = { date, county: input.countyCode };
      const intervalDays = parameters.lookupNumber(P.MONITORING_OUTREACH_INTERVAL_DAYS, ctx).value;
      const windowDays = parameters.lookupNumber(P.MONITORING_OUTREACH_EMERGENCY_WINDOW_DAYS, ctx).value;
      return {
        countyCode: input.countyCode,
        date,
        intervalDays,
        emergencySince: daysBefore(date, windowDays),
        pageSize: deps.pageSize ?? OUTREACH_PAGE_SIZE,
      };
    },

    /** One page in one transaction: a retry finds the tasks it opened and opens nothing twice. */
    async openOutreachVisits(input: { plan: OutreachRoundPlan; after: string | null }): Promise<OutreachRoundPage> {
      const { plan } = input;
      return prisma.$transaction(async (tx) => {
        const due = await dueHouseholds(tx, plan, input.after);
        await lockOutreachHouseholds(
          tx,
          due.map((h) => h.id),
        );
        let opened = 0;
        for (const h of due) {
          const taskId = await openOutreachTask(tx, {
            householdId: h.id,
            villageCode: h.divisionCode,
            kind: 'ROUTINE',
            workflowId: outreachRoundWorkflowId(plan.countyCode, plan.date),
          });
          if (taskId) opened++;
        }
        return { due: due.length, opened, next: due.length === plan.pageSize ? due[due.length - 1].id : null };
      });
    },
  };
}

export type OutreachRoundActivities = ReturnType<typeof createOutreachRoundActivities>;

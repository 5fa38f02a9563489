// A stale yearly statistic (the previous year's figure used because this year's is not
// entered) becomes a task in the administrator's inbox: "enter the figure". One task per
// statistic, division, area and missing year, opened by whichever evaluation first meets
// the stale figure and closed by the first evaluation that finds it entered. It runs beside
// the determination and never fails it: any error here is logged and swallowed.
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import { AREA_NAMES_ZH } from '../core/contracts/household-facts';
import {
  STATISTIC_NAMES_ZH,
  statisticUses,
  type ParameterRef,
  type ParameterStore,
  type StatisticUse,
} from '../policy';
import type { PrismaClient } from '../prisma/prisma-client';

export const ENTER_STATISTIC = 'ENTER_STATISTIC';
/** No workflow owns these tasks (evaluations open and close them); the column still needs a value. */
export const STATISTICS_WORKFLOW_ID = 'policy-statistics';
const LIVE = ['OPEN', 'CLAIMED'] as const;

/** Stable per statistic, division, area and missing year: a second stale evaluation opens nothing. */
export const statisticTaskKey = (u: Pick<StatisticUse, 'parameterId' | 'division' | 'area'>, year: number): string =>
  `${keyPrefix(u)}${year}`;
const keyPrefix = (u: Pick<StatisticUse, 'parameterId' | 'division' | 'area'>) =>
  `${u.parameterId}|${u.division}|${u.area ?? 'ALL'}|`;

/** The task's title, as the administrator reads it (no personal data: a division and a statistic). */
async function titleOf(prisma: PrismaClient, u: StatisticUse): Promise<string> {
  const division = await prisma.division.findUnique({ where: { code: u.division }, select: { name: true } });
  const where = `${division?.name ?? u.division}${u.area !== undefined ? AREA_NAMES_ZH[u.area] : ''}`;
  const what = STATISTIC_NAMES_ZH[u.parameterId] ?? u.parameterId;
  return `请录入${where} ${u.expectedYear} 年度${what}（参数 ${u.parameterId}）：尚未录入，测算暂按 ${u.figureYear} 年度数据`;
}

async function open(prisma: PrismaClient, u: StatisticUse): Promise<void> {
  const reason = await titleOf(prisma, u);
  const id = randomUUID();
  await prisma.$transaction(async (tx) => {
    const inserted = await tx.task.createMany({
      data: [
        {
          id,
          taskKey: statisticTaskKey(u, u.expectedYear),
          type: ENTER_STATISTIC,
          applicationId: null,
          caseKind: 'STATISTIC',
          caseId: null,
          reason,
          workflowId: STATISTICS_WORKFLOW_ID,
          candidateRole: 'ADMINISTRATOR',
          jurisdiction: u.division,
          countyCode: u.division,
          townshipCode: u.division,
          priority: 0,
          dueAt: null,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return;
    await appendAudit(tx, {
      ...SYSTEM_ACTOR,
      action: 'TASK_OPENED',
      targetType: 'Task',
      targetId: id,
      details: {
        type: ENTER_STATISTIC,
        parameterId: u.parameterId,
        division: u.division,
        area: u.area ?? null,
        year: u.expectedYear,
        figureYear: u.figureYear,
      },
    });
  });
}

/** A fresh figure for `figureYear` closes the live tasks asking for that year or an earlier one. */
async function close(prisma: PrismaClient, u: StatisticUse): Promise<void> {
  const prefix = keyPrefix(u);
  const live = await prisma.task.findMany({
    where: { workflowId: STATISTICS_WORKFLOW_ID, taskKey: { startsWith: prefix }, status: { in: [...LIVE] } },
    select: { id: true, taskKey: true },
  });
  for (const t of live) {
    if (Number(t.taskKey.slice(prefix.length)) > u.figureYear) continue;
    await prisma.$transaction(async (tx) => {
      const closed = await tx.task.updateMany({
        where: { id: t.id, status: { in: [...LIVE] } },
        data: { status: 'DONE', outcome: 'STATISTIC_ENTERED', completedAt: new Date() },
      });
      if (closed.count === 0) return;
      await appendAudit(tx, {
        ...SYSTEM_ACTOR,
        action: 'TASK_COMPLETED',
        targetType: 'Task',
        targetId: t.id,
        details: {
          type: ENTER_STATISTIC,
          status: 'DONE',
          outcome: 'STATISTIC_ENTERED',
          parameterId: u.parameterId,
          figureYear: u.figureYear,
        },
      });
    });
  }
}

function warn(message: string, attrs: Record<string, unknown>): void {
  try {
    Context.current().log.warn(message, attrs);
  } catch {
    // Outside an activity (a direct call in a test or script).
    console.warn(message, attrs);
  }
}

/**
 * Opens a task for each stale yearly statistic among `refs` (the parameters an evaluation
 * on `date` used) and closes those a fresh figure answers. Resolves in every case.
 */
export async function syncStatisticTasks(
  prisma: PrismaClient,
  store: ParameterStore,
  refs: readonly ParameterRef[],
  date: string,
): Promise<void> {
  let uses: StatisticUse[];
  try {
    uses = statisticUses(store, refs, date);
  } catch (error) {
    warn('统计数据录入任务：无法判断所用统计数据', { error: String(error) });
    return;
  }
  for (const u of uses) {
    try {
      await (u.stale ? open(prisma, u) : close(prisma, u));
    } catch (error) {
      // Never the determination's problem: the next evaluation tries again.
      warn('统计数据录入任务未能更新', {
        parameterId: u.parameterId,
        division: u.division,
        year: u.expectedYear,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

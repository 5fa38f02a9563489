import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { cstDate } from '../core/clock';
import {
  FUND_FINDING_KINDS,
  FUND_FINDING_NAMES_ZH,
  fundCheckWorkflowId,
  type CountyFundCheck,
  type FundCheckInput,
  type FundCheckPlan,
  type FundFinding,
} from '../core/contracts/funds';
import type { ParameterStore } from '../policy';
import type { PrismaClient } from '../prisma/prisma-client';
import { fundFindings } from './fund-findings';
import { latestMonthPastDeadline, paymentDeadline } from './fund-month';
import { countiesWithCases, monthInstructions, owedCases } from './funds.repository';
import { ANYANG_CITY_CODE } from '../core/contracts/household-facts';

/** The FUND_DISCREPANCY task's key: one per county and month (with its workflow id), whatever the reruns. */
export const FUND_DISCREPANCY_TASK_KEY = 'FUND_DISCREPANCY';

/** The list in a sentence for the task's reason: counts per kind, no personal data. */
export function findingsSummaryZh(month: string, findings: readonly FundFinding[]): string {
  const counts = FUND_FINDING_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${FUND_FINDING_NAMES_ZH[k]} ${n} 项`);
  return `${month} 月保障金发放核查发现 ${findings.length} 项问题：${counts.join('、')}`;
}

/**
 * The monthly fund check's activities: what to check, and one county's check (read, decide,
 * record, open the task) in one transaction. The workflow only orchestrates.
 */
export function createFundCheckActivities(deps: { prisma: PrismaClient; parameters: ParameterStore }) {
  const { prisma, parameters } = deps;
  return {
    /** The month (given, or the latest past its deadline today) and the counties to check. */
    async planFundCheck(input: FundCheckInput): Promise<FundCheckPlan> {
      const today = cstDate(new Date().toISOString());
      const month = input.month ?? latestMonthPastDeadline(parameters, today);
      const counties = input.countyCode ? [input.countyCode] : await countiesWithCases(prisma);
      return { month, deadline: paymentDeadline(parameters, input.countyCode ?? ANYANG_CITY_CODE, month), counties };
    },

    /**
     * Checks one county's month and records the findings on its fund check (the latest run's
     * list). The first run that finds anything opens the county's FUND_DISCREPANCY task;
     * a rerun refreshes the list and opens nothing twice.
     */
    async checkCountyFunds(input: { countyCode: string; month: string }): Promise<CountyFundCheck> {
      const { countyCode, month } = input;
      const deadline = paymentDeadline(parameters, countyCode, month);
      const now = new Date();
      return prisma.$transaction(async (tx) => {
        const findings = fundFindings(
          await owedCases(tx, countyCode, month),
          await monthInstructions(tx, countyCode, month),
          deadline,
          cstDate(now.toISOString()),
        );
        const json = findings.map((f) => ({ ...f }));
        const check = await tx.fundCheck.upsert({
          where: { countyCode_month: { countyCode, month } },
          create: { id: randomUUID(), countyCode, month, deadline, findings: json, checkedAt: now },
          update: { deadline, findings: json, checkedAt: now },
        });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'FUND_CHECK_RECORDED',
          targetType: 'FundCheck',
          targetId: check.id,
          details: { countyCode, month, deadline, findings: findings.length },
        });
        if (findings.length === 0 || check.taskId) {
          return { countyCode, findings: findings.length, taskId: check.taskId, opened: false };
        }
        const taskId = randomUUID();
        await tx.task.create({
          data: {
            id: taskId,
            taskKey: FUND_DISCREPANCY_TASK_KEY,
            type: 'FUND_DISCREPANCY',
            caseKind: 'FUND_CHECK',
            caseId: check.id,
            reason: findingsSummaryZh(month, findings),
            workflowId: fundCheckWorkflowId(countyCode, month),
            candidateRole: 'COUNTY_OFFICER',
            jurisdiction: countyCode,
            countyCode,
            townshipCode: countyCode,
            priority: 1,
          },
          select: { id: true },
        });
        await tx.fundCheck.update({ where: { id: check.id }, data: { taskId } });
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'TASK_OPENED',
          targetType: 'Task',
          targetId: taskId,
          details: { type: 'FUND_DISCREPANCY', fundCheckId: check.id, countyCode, month, findings: findings.length },
        });
        return { countyCode, findings: findings.length, taskId, opened: true };
      });
    },
  };
}

export type FundCheckActivities = ReturnType<typeof createFundCheckActivities>;

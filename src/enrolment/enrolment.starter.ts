import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ApplicationCategory } from '../core/contracts/application';
import type { EnrolledCaseInput } from '../core/contracts/enrolment';
import { townshipOf } from '../core/contracts/division';
import type { PrismaClient } from '../prisma/prisma-client';
import { CASE_STATUS, CATEGORY, COUNTY, TOWNSHIP } from '../core/search-attributes';
import { enrolledCaseWorkflowId } from '../core/workflow-ids';
import { enrolledCaseWorkflow } from '../../workflows/enrolled-case.workflow';
import { openEnrolmentReferrals } from '../assistance/enrolment-referrals';
import { trackZeroEmployment } from '../assistance/zero-employment.tracker';
import type { ParameterStore } from '../policy';

export interface EnrolmentStarterDeps {
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  /** Days before a month at which its payment instruction is written (0: on the month boundary). */
  paymentLeadDays?: number;
  /** When given, the case's referrals to departments open once its workflow started (domain.md §4.6). */
  parameters?: Pick<ParameterStore, 'lookupTable' | 'lookupNumber'>;
}

/** The start of an enrolled case's workflow: deterministic id, its input, and search attributes without personal data. */
export function enrolledCaseStartOptions(
  c: Omit<EnrolledCaseInput, 'enrolledCaseId' | 'category' | 'paymentLeadDays' | 'carried'> & {
    id: string;
    category: string;
  },
  deps: Pick<EnrolmentStarterDeps, 'taskQueue' | 'paymentLeadDays'>,
) {
  const args: [EnrolledCaseInput] = [
    {
      enrolledCaseId: c.id,
      applicationId: c.applicationId,
      category: c.category as ApplicationCategory,
      countyCode: c.countyCode,
      townshipCode: c.townshipCode,
      villageCode: c.villageCode,
      monthlyAmount: c.monthlyAmount,
      membersIncluded: c.membersIncluded,
      startMonth: c.startMonth,
      ...(deps.paymentLeadDays ? { paymentLeadDays: deps.paymentLeadDays } : {}),
    },
  ];
  return {
    taskQueue: deps.taskQueue,
    workflowId: enrolledCaseWorkflowId(c.id),
    args,
    typedSearchAttributes: [
      { key: CATEGORY, value: c.category },
      { key: COUNTY, value: c.countyCode },
      { key: TOWNSHIP, value: c.townshipCode },
      { key: CASE_STATUS, value: 'ACTIVE' },
    ],
  };
}

/**
 * Starts the enrolled case's workflow (called by the decision activity after its
 * transaction commits). The id is deterministic, so a retried activity that finds the
 * workflow already started has nothing more to do.
 */
export function createEnrolmentStarter(deps: EnrolmentStarterDeps) {
  return async function startEnrolledCase(enrolledCaseId: string): Promise<void> {
    const c = await deps.prisma.enrolledCase.findUniqueOrThrow({
      where: { id: enrolledCaseId },
      select: {
        id: true,
        applicationId: true,
        category: true,
        monthlyAmount: true,
        membersIncluded: true,
        startMonth: true,
        countyCode: true,
      },
    });
    const app = await deps.prisma.application.findUniqueOrThrow({
      where: { id: c.applicationId },
      select: { townshipCode: true, household: { select: { divisionCode: true } } },
    });
    const villageCode = app.household.divisionCode;
    const townshipCode = townshipOf(villageCode) ?? app.townshipCode;
    const workflowId = enrolledCaseWorkflowId(c.id);
    await deps.prisma.enrolledCase.update({ where: { id: c.id }, data: { workflowId, townshipCode, villageCode } });
    const options = enrolledCaseStartOptions(
      {
        ...c,
        monthlyAmount: c.monthlyAmount.toNumber(),
        membersIncluded: c.membersIncluded as string[],
        townshipCode,
        villageCode,
      },
      deps,
    );
    try {
      await deps.client.workflow.start(enrolledCaseWorkflow, options);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    if (deps.parameters) {
      await openEnrolmentReferrals(
        {
          prisma: deps.prisma,
          parameters: deps.parameters,
          temporal: { client: deps.client, taskQueue: deps.taskQueue },
        },
        c.id,
      );
      // The 零就业 register (plan 二(四)5), beside the employment referrals just opened.
      await trackZeroEmployment({ prisma: deps.prisma, parameters: deps.parameters }, c.id);
    }
  };
}

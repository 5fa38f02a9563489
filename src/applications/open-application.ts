import type { Client } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { newReceiptCode } from '../common/receipt-code';
import type { ApplicationCategory } from '../core/contracts/application';
import type { ActorRef, DeterminationInput } from '../core/contracts/determination';
import { countyOf, townshipOf } from '../core/contracts/division';
import type { HouseholdFacts } from '../core/contracts/household-facts';
import { CATEGORY, COUNTY, TOWNSHIP } from '../core/search-attributes';
import { P } from '../core/parameter-ids';
import { PolicyInputError, type ParameterStore } from '../policy';
import { applicationWorkflowId } from '../core/workflow-ids';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import { determinationWorkflow } from '../../workflows/determination.workflow';

export interface ApplicationOpening {
  applicationId: string;
  householdId: string;
  /** The household's village (GB/T 2260, 12 digits): its township and county follow. */
  divisionCode: string;
  category: ApplicationCategory;
  channel: 'SELF' | 'ON_BEHALF' | 'WARNING';
  facts: HouseholdFacts;
  closeRelativeFlag: boolean;
  submittedBy: ActorRef;
  requestId: string;
  idempotencyKey?: string | null;
  /** The monitoring warning it was opened from. */
  warningId?: string | null;
}

/** Whether the county has delegated confirmation to its townships on that date (parameter confirmation.authority TOWNSHIP). */
export function confirmationDelegated(
  parameters: Pick<ParameterStore, 'lookupString'>,
  county: string,
  date: string,
): boolean {
  try {
    return parameters.lookupString(P.CONFIRMATION_AUTHORITY, { date, county }).value === 'TOWNSHIP';
  } catch (error) {
    if (error instanceof PolicyInputError) return false; // no version on that date: the county confirms
    throw error;
  }
}

export interface OpeningDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  drill: boolean;
  /** Whether the county has delegated confirmation to its townships on that date. */
  delegated: (countyCode: string, date: string) => boolean;
}

/**
 * Writes an application and its audit row, and starts its determination workflow before the
 * commit: a failed start rolls the row back; a lost commit is healed by the workflow's intake
 * activity (it upserts the row). `inTransaction` runs first in the same transaction (the
 * caller's checks and records: an Idempotency-Key, one open application per category).
 */
export async function openApplication(
  deps: OpeningDeps,
  a: ApplicationOpening,
  inTransaction?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<void> {
  const countyCode = countyOf(a.divisionCode);
  const townshipCode = townshipOf(a.divisionCode)!;
  const workflowInput: DeterminationInput = {
    applicationId: a.applicationId,
    householdId: a.householdId,
    category: a.category,
    channel: a.channel,
    countyCode,
    townshipCode,
    villageCode: a.divisionCode,
    submittedBy: a.submittedBy,
    requestId: a.requestId,
    // Delegated (township) confirmation is for 低保 and 低保边缘 only: the county confirms 特困, civil affairs decides 刚性支出.
    delegated:
      (a.category === 'MINIMUM_LIVING' || a.category === 'NEAR_MINIMUM') &&
      deps.delegated(countyCode, a.facts.applicationDate),
    closeRelativeFlag: a.closeRelativeFlag,
    // Only when on: an ordinary case's input stays as it was.
    ...(deps.drill ? { drill: true } : {}),
  };
  await deps.prisma.$transaction(async (tx) => {
    if (inTransaction) await inTransaction(tx);
    await tx.application.create({
      data: {
        id: a.applicationId,
        householdId: a.householdId,
        category: a.category,
        channel: a.channel,
        stage: 'SUBMITTED',
        workflowId: applicationWorkflowId(a.applicationId),
        countyCode,
        townshipCode,
        submittedBy: a.submittedBy.userId,
        idempotencyKey: a.idempotencyKey ?? null,
        facts: a.facts as unknown as Prisma.InputJsonValue,
        delegated: workflowInput.delegated,
        closeRelativeFlag: a.closeRelativeFlag,
        drill: deps.drill,
        warningId: a.warningId ?? null,
        // The household's slip for the public progress lookup (办件进度查询).
        receiptCode: newReceiptCode(),
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actorId: a.submittedBy.userId,
      role: a.submittedBy.role,
      action: 'APPLICATION_SUBMITTED',
      targetType: 'Application',
      targetId: a.applicationId,
      requestId: a.requestId,
      details: {
        category: a.category,
        channel: a.channel,
        closeRelativeFlag: a.closeRelativeFlag,
        ...(a.warningId ? { warningId: a.warningId } : {}),
      },
    });
    await deps.temporal.workflow.start(determinationWorkflow, {
      taskQueue: deps.taskQueue,
      workflowId: applicationWorkflowId(a.applicationId),
      args: [workflowInput],
      typedSearchAttributes: [
        { key: CATEGORY, value: a.category },
        { key: COUNTY, value: countyCode },
        { key: TOWNSHIP, value: townshipCode },
      ],
    });
  });
}

import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { confirmationDelegated, openApplication } from '../../applications/open-application';
import type { ApplicationCategory } from '../../core/contracts/application';
import { cstDate } from '../../core/clock';
import { OPEN_STAGES, type ActorRef } from '../../core/contracts/determination';
import { countyOf } from '../../core/contracts/division';
import type { ParameterStore } from '../../policy';
import type { PrismaClient } from '../../prisma/prisma-client';
import { prefilledFacts } from './prefilled-facts';

export interface WarningApplicationRequest {
  warningId: string;
  category: ApplicationCategory;
  /** Who recorded the verification (and the household's consent with it): the application's submitter. */
  actor: ActorRef;
  requestId: string;
  /** Generated in the workflow: a retried activity opens the same application, never a second. */
  applicationId: string;
}

/** The application a warning opened, or the one of that category already open for the household. */
export interface WarningApplicationOpened {
  applicationId: string;
  opened: boolean;
}

/**
 * A warning's home verification may open the household's application on its behalf (channel
 * WARNING, plan 二(三)4 "主动发现、及时救助"): the facts pre-filled from the registry, the
 * consent collected at the visit; the determination starts with the township's acceptance,
 * where the rest is gathered. One open application per household and category: an open one
 * is linked instead of a second.
 */
export function createWarningApplicationActivities(deps: {
  prisma: PrismaClient;
  parameters: Pick<ParameterStore, 'lookupString'>;
  temporal?: { client: Client; taskQueue: string };
  drill?: boolean;
}) {
  const { prisma, parameters } = deps;
  const delegated = (county: string, date: string): boolean => confirmationDelegated(parameters, county, date);
  return {
    async openApplicationFromWarning(r: WarningApplicationRequest): Promise<WarningApplicationOpened> {
      if (!deps.temporal) throw new Error('由预警发起申请需要 Temporal 客户端');
      const done = await prisma.application.findUnique({ where: { id: r.applicationId }, select: { id: true } });
      if (done) return { applicationId: done.id, opened: true };
      const w = await prisma.warning.findUniqueOrThrow({ where: { id: r.warningId }, select: { householdId: true } });
      if (!w.householdId) throw new Error(`预警 ${r.warningId} 的人员未在救助家庭登记，不能发起申请`);
      const household = await prisma.household.findUniqueOrThrow({
        where: { id: w.householdId },
        select: { divisionCode: true, area: true, members: { orderBy: { birthDate: 'asc' } } },
      });
      const open = await prisma.application.findFirst({
        where: { householdId: w.householdId, category: r.category, stage: { in: [...OPEN_STAGES] } },
        select: { id: true },
      });
      if (open) return { applicationId: open.id, opened: false };
      const facts = prefilledFacts(
        { countyCode: countyOf(household.divisionCode), area: household.area, members: household.members },
        r.category,
        cstDate(new Date().toISOString()),
      );
      try {
        await openApplication(
          {
            prisma,
            temporal: deps.temporal.client,
            taskQueue: deps.temporal.taskQueue,
            drill: deps.drill ?? false,
            delegated,
          },
          {
            applicationId: r.applicationId,
            householdId: w.householdId,
            divisionCode: household.divisionCode,
            category: r.category,
            channel: 'WARNING',
            facts,
            closeRelativeFlag: false,
            submittedBy: r.actor,
            requestId: r.requestId,
            warningId: r.warningId,
          },
        );
      } catch (error) {
        // Started by an earlier attempt whose commit was lost: its intake activity writes the row.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      return { applicationId: r.applicationId, opened: true };
    },
  };
}

export type WarningApplicationActivities = ReturnType<typeof createWarningApplicationActivities>;

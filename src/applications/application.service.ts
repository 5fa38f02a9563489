import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError, notFound } from '../common/domain-error';
import type { SubmitApplication } from '../contracts/application';
import type { AcceptCommand, DeterminationInput, DeterminationState } from '../contracts/determination';
import { countyOf, townshipOf } from '../contracts/division';
import type { Actor } from '../contracts/roles';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import { CATEGORY, COUNTY, TOWNSHIP } from '../temporal/search-attributes';
import { applicationWorkflowId } from '../temporal/workflow-ids';
import { acceptUpdate, determinationStateQuery } from '../../workflows/messages';
import { TimeLimits } from './time-limits';

const applicationView = {
  id: true, householdId: true, category: true, channel: true, stage: true, workflowId: true, countyCode: true,
  townshipCode: true, submittedBy: true, intakeRecordedAt: true, createdAt: true, updatedAt: true,
  household: { select: { divisionCode: true } },
  events: { orderBy: { id: 'asc' }, select: { type: true, stage: true, actorId: true, reason: true, at: true } },
} satisfies Prisma.ApplicationSelect;
export type ApplicationView = Prisma.ApplicationGetPayload<{ select: typeof applicationView }>;

export interface SubmitResult {
  created: boolean;
  application: ApplicationView;
}

@Injectable()
export class ApplicationService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TimeLimits) private readonly timeLimits: TimeLimits,
  ) {}

  /**
   * Writes the application and its audit row, and starts its workflow before the commit:
   * a failed start rolls the row back; a lost commit is healed by the workflow's intake
   * activity (it upserts the row). A repeated Idempotency-Key returns the first result.
   */
  async submit(actor: Actor, input: SubmitApplication, requestId: string, idempotencyKey?: string): Promise<SubmitResult> {
    if (idempotencyKey) {
      const existing = await this.findByIdempotencyKey(actor, idempotencyKey);
      if (existing) return { created: false, application: existing };
    }
    const household = await this.prisma.household.findUnique({ where: { id: input.householdId }, select: { divisionCode: true } });
    if (!household) {
      throw new DomainError(422, 'UNKNOWN_HOUSEHOLD', `家庭 ${input.householdId} 未登记`, [
        { path: 'householdId', code: 'unknown_household', message: '未登记的家庭' },
      ]);
    }
    assertJurisdiction(actor, household.divisionCode);

    const applicationId = randomUUID();
    const today = new Date().toISOString().slice(0, 10);
    const workflowInput: DeterminationInput = {
      applicationId,
      householdId: input.householdId,
      category: input.category,
      channel: input.channel,
      countyCode: countyOf(household.divisionCode),
      townshipCode: townshipOf(household.divisionCode)!,
      submittedBy: { userId: actor.userId, role: actor.role, jurisdiction: actor.jurisdiction },
      requestId,
      acceptanceDueAt: this.timeLimits.acceptanceDue(countyOf(household.divisionCode), today),
    };
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.application.create({
          data: {
            id: applicationId,
            householdId: input.householdId,
            category: input.category,
            channel: input.channel,
            stage: 'SUBMITTED',
            workflowId: applicationWorkflowId(applicationId),
            countyCode: workflowInput.countyCode,
            townshipCode: workflowInput.townshipCode,
            submittedBy: actor.userId,
            idempotencyKey: idempotencyKey ?? null,
          },
        });
        await appendAudit(tx, {
          actorId: actor.userId, role: actor.role, action: 'APPLICATION_SUBMITTED', targetType: 'Application',
          targetId: applicationId, requestId, details: { category: input.category, channel: input.channel },
        });
        await this.temporal.workflow.start('determinationWorkflow', {
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          workflowId: applicationWorkflowId(applicationId),
          args: [workflowInput],
          typedSearchAttributes: [
            { key: CATEGORY, value: input.category },
            { key: COUNTY, value: workflowInput.countyCode },
            { key: TOWNSHIP, value: workflowInput.townshipCode },
          ],
        });
      });
    } catch (error) {
      // Two retries of one request racing: the loser returns the winner's application.
      if (idempotencyKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const existing = await this.findByIdempotencyKey(actor, idempotencyKey);
        if (existing) return { created: false, application: existing };
      }
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw new DomainError(409, 'DUPLICATE_APPLICATION', '该申请已在办理中');
      throw error;
    }
    return { created: true, application: (await this.read(applicationId))! };
  }

  async get(actor: Actor, id: string): Promise<ApplicationView & { process: DeterminationState | null }> {
    const application = await this.read(id);
    if (!application) throw notFound('申请', id);
    assertJurisdiction(actor, application.household.divisionCode);
    const process = await this.temporal.workflow
      .getHandle(application.workflowId)
      .query(determinationStateQuery)
      .catch(() => null); // the record stands on its own when Temporal is unreachable
    return { ...application, process };
  }

  async accept(actor: Actor, id: string, command: AcceptCommand, requestId: string): Promise<DeterminationState> {
    const application = await this.read(id);
    if (!application) throw notFound('申请', id);
    try {
      return await this.temporal.workflow
        .getHandle(application.workflowId)
        .executeUpdate(acceptUpdate, { args: [{ actor: { userId: actor.userId, role: actor.role, jurisdiction: actor.jurisdiction }, requestId, command }] });
    } catch (error) {
      throw refusalToHttp(error);
    }
  }

  private read(id: string): Promise<ApplicationView | null> {
    return this.prisma.application.findUnique({ where: { id }, select: applicationView });
  }

  private findByIdempotencyKey(actor: Actor, key: string): Promise<ApplicationView | null> {
    return this.prisma.application.findUnique({ where: { submittedBy_idempotencyKey: { submittedBy: actor.userId, idempotencyKey: key } }, select: applicationView });
  }
}

const REFUSAL_STATUS: Record<string, number> = { WRONG_STAGE: 409, ROLE_NOT_ALLOWED: 403, OUT_OF_JURISDICTION: 403 };

/** A validator's typed refusal becomes 403/409 with its reason; anything else stays an error. */
export function refusalToHttp(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type) {
    const status = REFUSAL_STATUS[error.cause.type] ?? 409;
    return new DomainError(status, error.cause.type, error.cause.message);
  }
  if (error instanceof WorkflowNotFoundError) return new DomainError(409, 'CASE_CLOSED', '案件流程已结束，不能再执行此操作');
  return error;
}

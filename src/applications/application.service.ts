import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { assertJurisdiction } from '../auth/jurisdiction';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { assertSameRequest, recordRequest } from '../common/idempotency';
import type { IdempotentRequest } from '../common/idempotency-key.decorator';
import type { SubmitApplication } from '../core/contracts/application';
import { countyOf } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import { refuse } from '../common/refusals';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { ApplicationRepository, type SubmittedApplication } from './application.repository';
import { confirmationDelegated, openApplication } from './open-application';

export interface SubmitResult {
  created: boolean;
  application: SubmittedApplication;
}

@Injectable()
export class ApplicationService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
  ) {}

  /**
   * Whether the county has delegated confirmation to its townships on the application's date:
   * its parameter confirmation.authority (a county version TOWNSHIP). The older
   * DELEGATED_CONFIRMATION_COUNTIES variable still delegates too, until deployments drop it.
   */
  private confirmedByTownship(countyCode: string, date: string): boolean {
    if (this.config.DELEGATED_CONFIRMATION_COUNTIES.includes(countyCode)) return true;
    return confirmationDelegated(this.parameters, countyCode, date);
  }

  /**
   * Writes the application and its audit row, and starts its workflow before the commit:
   * a failed start rolls the row back; a lost commit is healed by the workflow's intake
   * activity (it upserts the row). A repeated Idempotency-Key returns the first result;
   * the same key with another body is refused (422).
   */
  async submit(
    actor: Actor,
    input: SubmitApplication,
    requestId: string,
    idempotency?: IdempotentRequest,
  ): Promise<SubmitResult> {
    const idempotencyKey = idempotency?.key;
    if (idempotency) {
      await assertSameRequest(this.prisma, actor.userId, idempotency);
      const existing = await this.findByIdempotencyKey(actor, idempotency.key);
      if (existing) return { created: false, application: existing };
    }
    const household = await this.applications.householdDivision(input.householdId);
    if (!household) {
      refuse('UNKNOWN_HOUSEHOLD', `家庭 ${input.householdId} 未登记`, [
        { path: 'householdId', code: 'unknown_household', message: '未登记的家庭' },
      ]);
    }
    assertJurisdiction(actor, household.divisionCode);
    const countyCode = countyOf(household.divisionCode);
    if (input.facts.residence.county !== countyCode) {
      refuse(
        'FACTS_COUNTY_MISMATCH',
        `家庭经济状况数据中的居住地（${input.facts.residence.county}）与户籍登记的县（区）${countyCode} 不一致`,
        [{ path: 'facts.residence.county', code: 'county_mismatch', message: `应为 ${countyCode}` }],
      );
    }

    const applicationId = randomUUID();
    try {
      await openApplication(
        {
          prisma: this.prisma,
          temporal: this.temporal,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          drill: this.config.SAFETYNET_DRILL,
          delegated: (county, date) => this.confirmedByTownship(county, date),
        },
        {
          applicationId,
          householdId: input.householdId,
          divisionCode: household.divisionCode,
          category: input.category,
          channel: input.channel,
          facts: input.facts,
          closeRelativeFlag: input.closeRelativeFlag,
          submittedBy: { userId: actor.userId, role: actor.role, jurisdiction: actor.jurisdiction },
          requestId,
          idempotencyKey: idempotencyKey ?? null,
        },
        async (tx) => {
          if (idempotency) await recordRequest(tx, actor.userId, idempotency);
          await this.assertNoOpenApplication(tx, input.householdId, input.category);
        },
      );
    } catch (error) {
      // Two retries of one request racing: the loser returns the winner's application.
      if (idempotency && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        await assertSameRequest(this.prisma, actor.userId, idempotency);
        const existing = await this.findByIdempotencyKey(actor, idempotency.key);
        if (existing) return { created: false, application: existing };
      }
      if (error instanceof WorkflowExecutionAlreadyStartedError) refuse('DUPLICATE_APPLICATION', '该申请已在办理中');
      throw error;
    }
    return { created: true, application: await this.applications.submitted(applicationId) };
  }

  private findByIdempotencyKey(actor: Actor, key: string): Promise<SubmittedApplication | null> {
    return this.applications.byIdempotencyKey(actor.userId, key);
  }

  /** One open application per household and category: a second is refused (409) with the open one's id. */
  private async assertNoOpenApplication(
    tx: Prisma.TransactionClient,
    householdId: string,
    category: string,
  ): Promise<void> {
    const open = await this.applications.openApplication(tx, householdId, category);
    if (open) {
      refuse(
        'APPLICATION_ALREADY_OPEN',
        `该家庭已有同一救助类别的申请正在办理（申请编号 ${open.id}），办结前不能再次提交`,
        [{ path: 'category', code: 'application_open', message: `办理中的申请：${open.id}` }],
        { openApplicationId: open.id },
      );
    }
  }
}

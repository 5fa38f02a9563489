import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { assertJurisdiction } from '../auth/jurisdiction';
import { refuse } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { cstDate } from '../core/clock';
import { EmergencyReferralRoute, type OpenEmergencyReferral } from '../core/contracts/referral';
import type { Actor } from '../core/contracts/roles';
import { P } from '../core/parameter-ids';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { PrismaClient } from '../prisma/prisma-client';
import { derivedReferralId } from './derived-id';
import { openReferral, referralOpenKey } from './referral.activities';
import { ReferralRepository } from './referral.repository';
import { ReferralService } from './referral.service';

/**
 * Referrals from an emergency-aid case (plan 二(四)7, 二(四)9): to the charity emergency fund or
 * the vagrant relief route, opened by civil affairs beside the emergency workflow (which is not
 * changed). One referral per case and target (its id is derived from both); while the person
 * has an open referral of the same entitlement, that one is answered instead of a second.
 */
@Injectable()
export class EmergencyReferralService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(LiveParameterStore) private readonly params: LiveParameterStore,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ReferralService) private readonly referrals: ReferralService,
    @Inject(ReferralRepository) private readonly repository: ReferralRepository,
  ) {}

  async open(actor: Actor, emergencyCaseId: string, body: OpenEmergencyReferral, requestId: string) {
    const c = await this.repository.emergencyCase(emergencyCaseId);
    if (!c) refuse('NOT_FOUND', `急难救助案件不存在：${emergencyCaseId}`);
    assertJurisdiction(actor, c.townshipCode);
    const date = cstDate(new Date().toISOString());
    const table = this.params.lookupTable(P.ASSISTANCE_EMERGENCY_REFERRAL_ROUTES, {
      date,
      county: c.countyCode,
      area: c.area,
    });
    const route = table.value.map((r) => EmergencyReferralRoute.parse(r)).find((r) => r.target === body.target);
    if (!route)
      refuse('VALIDATION_FAILED', '该转介去向在本县未设置', [
        {
          path: 'target',
          code: 'custom',
          message: '该转介去向在本县未设置（参数 assistance.emergency_referral_routes）',
        },
      ]);
    // The registry's member when the applicant was matched; otherwise the case stands for the person.
    const memberRef = c.memberId ?? `emergency:${c.id}`;
    const referralId = derivedReferralId('emergency', c.id, body.target);
    const openKey = referralOpenKey(memberRef, route.entitlement);
    const existing = (await this.repository.referral(referralId)) ?? (await this.repository.openByKey(openKey));
    if (existing) return { opened: false, referral: await this.referrals.get(actor, existing.id) };
    const opened = await openReferral(
      { prisma: this.prisma, temporal: { client: this.temporal, taskQueue: this.config.TEMPORAL_TASK_QUEUE } },
      {
        referralId,
        origin: 'EMERGENCY',
        countyCode: c.countyCode,
        townshipCode: c.townshipCode,
        memberRef,
        enrolledCaseId: null,
        warningId: null,
        emergencyCaseId: c.id,
        entitlement: route.entitlement,
        department: route.department,
        timeLimitWorkingDays: route.timeLimitWorkingDays,
        periodicity: 'ONCE',
        amountRequired: route.amountRequired === 'YES',
        year: Number(date.slice(0, 4)),
      },
      { category: 'TEMPORARY_ASSISTANCE', idNumberMasked: c.idNumberMasked },
    );
    if (opened)
      await this.repository.noteEmergencyRequest(
        {
          referralId,
          emergencyCaseId: c.id,
          target: body.target,
          department: route.department,
          reason: body.reason,
        },
        actor,
        requestId,
      );
    // Lost a race to the same person's open referral of this entitlement: answer that one.
    const id = opened ? referralId : ((await this.repository.openByKey(openKey))?.id ?? referralId);
    return { opened, referral: await this.referrals.get(actor, id) };
  }
}

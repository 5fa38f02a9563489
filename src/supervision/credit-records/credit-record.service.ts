import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { notFound } from '../../common/domain-error';
import { refuse } from '../../common/refusals';
import { countyOf } from '../../core/contracts/division';
import type { RecordCreditRecord } from '../../core/contracts/recovery';
import type { Actor } from '../../core/contracts/roles';
import { LiveParameterStore } from '../../policy-admin/live-parameter-store';
import { PrismaClient } from '../../prisma/prisma-client';
import { SOURCE_NAMES_ZH, sourceConcerns } from '../recovery/supervision-sources';
import { creditRecordView } from './credit-record-view';
import { CreditRecordRepository } from './credit-record.repository';
import { creditRecordExpiry } from './credit-validity';

/**
 * Truthful-declaration credit records (诚信申报, plan 三(三)): a finding, with its source, that a
 * household declared untruthfully. Staff in jurisdiction only; never in a public endpoint.
 */
@Injectable()
export class CreditRecordService {
  constructor(
    @Inject(CreditRecordRepository) private readonly records: CreditRecordRepository,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
  ) {}

  private async household(actor: Actor, id: string) {
    const h = await this.records.household(id);
    if (!h) throw notFound('家庭', id);
    assertJurisdiction(actor, h.divisionCode);
    return h;
  }

  async record(actor: Actor, householdId: string, body: RecordCreditRecord, requestId: string) {
    const h = await this.household(actor, householdId);
    const concerns = await sourceConcerns(this.prisma, body.source);
    const what = SOURCE_NAMES_ZH[body.source.kind];
    if (!concerns) throw notFound(what, body.source.id);
    if (concerns.householdId !== h.id)
      refuse('SOURCE_NOT_OF_CASE', `该${what}与家庭 ${h.id} 无关`, [
        { path: 'source.id', code: 'source_not_of_household', message: `该${what}未涉及此家庭` },
      ]);
    const now = new Date();
    const county = countyOf(h.divisionCode);
    const row = await this.records.record(
      {
        id: randomUUID(),
        householdId: h.id,
        countyCode: county,
        sourceKind: body.source.kind,
        sourceId: body.source.id,
        finding: body.finding,
        recordedBy: actor.userId,
        recordedAt: now,
        expiresAt: creditRecordExpiry(this.parameters, now, county),
      },
      { actorId: actor.userId, role: actor.role, requestId },
    );
    return creditRecordView(row);
  }

  async list(actor: Actor, householdId: string, requestId: string) {
    await this.household(actor, householdId);
    const rows = await this.records.read(householdId, { actorId: actor.userId, role: actor.role, requestId });
    return { items: rows.map((r) => creditRecordView(r)) };
  }
}

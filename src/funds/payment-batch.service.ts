import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../auth/jurisdiction';
import { countyScopeOf } from '../common/jurisdiction-scope';
import { pageInMemory } from '../common/keyset';
import { cstDate } from '../core/clock';
import { monthsBefore, type PaymentBatchListQuery } from '../core/contracts/record-lists';
import type { Actor } from '../core/contracts/roles';
import { PrismaClient } from '../prisma/prisma-client';
import { paymentBatchCounts } from './funds.repository';
import { paymentBatches } from './payment-batch';

/** Past payment batches (发放批次) of the caller's jurisdiction, a span of months at a time. */
@Injectable()
export class PaymentBatchService {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async list(actor: Actor, q: PaymentBatchListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    const scope = q.county ?? countyScopeOf(actor.jurisdiction).countyCode;
    const to = q.to ?? cstDate(new Date().toISOString()).slice(0, 7);
    // A span of at most a year by default: the query reads the months' instructions through (county, month).
    const from = q.from ?? monthsBefore(to, 11);
    const all = paymentBatches(await paymentBatchCounts(this.prisma, scope, from, to));
    return { ...pageInMemory(all, q), from, to };
  }
}

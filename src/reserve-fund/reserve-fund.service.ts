import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import { assertSameRequest, recordRequest } from '../common/idempotency';
import type { IdempotentRequest } from '../common/idempotency-key.decorator';
import { countyOf } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import { topUp } from './reserve-fund.ledger';
import { ReserveFundRepository } from './reserve-fund.repository';
import { refuse } from '../common/refusals';

const money = (d: { toString(): string }) => Number(d.toString());

/** The township reserve funds (备用金): balances, ledgers, top-ups. Payments are made by the emergency workflow's activity only. */
@Injectable()
export class ReserveFundService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(ReserveFundRepository) private readonly funds: ReserveFundRepository,
  ) {}

  async list(actor: Actor, county?: string) {
    const scope = county ?? actor.jurisdiction;
    assertJurisdiction(actor, scope);
    const funds = await this.funds.fundsUnder(scope);
    return {
      items: funds.map((f) => ({
        townshipCode: f.townshipCode,
        countyCode: f.countyCode,
        balance: money(f.balance),
        updatedAt: f.updatedAt,
      })),
    };
  }

  async get(actor: Actor, township: string, limit = 50) {
    assertJurisdiction(actor, township);
    const fund = await this.funds.fund(township);
    if (!fund) throw notFound('乡镇备用金账户', township);
    const entries = await this.funds.entries(township, limit);
    return {
      townshipCode: fund.townshipCode,
      countyCode: fund.countyCode,
      balance: money(fund.balance),
      updatedAt: fund.updatedAt,
      entries: entries.map((e) => ({
        id: e.id.toString(),
        kind: e.kind,
        amount: money(e.amount),
        balanceAfter: money(e.balanceAfter),
        caseId: e.caseId,
        actorId: e.actorId,
        reason: e.reason,
        at: e.at,
      })),
    };
  }

  /**
   * A top-up by the county (civil affairs / finance allocation), audited with the ledger entry.
   * A repeated Idempotency-Key moves nothing and returns the first entry; another body under it is refused (422).
   */
  async topUp(
    actor: Actor,
    township: string,
    body: { amount: number; reason: string },
    requestId: string,
    idempotency?: IdempotentRequest,
  ) {
    assertJurisdiction(actor, township);
    const division = await this.funds.divisionLevel(township);
    if (division?.level !== 'TOWNSHIP') refuse('NOT_FOUND', `乡镇（街道）不存在：${township}`);
    const movement = () =>
      this.prisma.$transaction(async (tx) => {
        if (idempotency && !(await assertSameRequest(tx, actor.userId, idempotency)))
          await recordRequest(tx, actor.userId, idempotency);
        return topUp(tx, {
          townshipCode: township,
          countyCode: countyOf(township),
          amount: body.amount,
          reason: body.reason,
          requestId,
          entryKey: idempotency ? `top-up:${actor.userId}:${idempotency.key}` : `top-up:${randomUUID()}`,
          actor: { actorId: actor.userId, role: actor.role },
        });
      });
    try {
      return { townshipCode: township, ...(await movement()) };
    } catch (error) {
      // Two retries of one request racing: the loser, once the winner committed, finds its entry.
      if (idempotency && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        return { townshipCode: township, ...(await movement()) };
      throw error;
    }
  }
}

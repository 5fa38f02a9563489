import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { verifyAuditChain } from '../../src/audit/audit-log';
import { createEmergencyActivities, type EmergencyActivities } from '../../src/emergency/emergency.activities';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { pay, ReserveFundRefusal, topUp } from '../../src/reserve-fund/reserve-fund.ledger';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// The township reserve fund (备用金) ledger against a real PostgreSQL: top-ups and payments
// move the balance only with a ledger entry and an audit row; a payment that would overdraw
// moves nothing; concurrent payments never overdraw; retries move nothing twice.

const SYSTEM = { actorId: 'test', role: 'SYSTEM' };

describe('reserve fund ledger (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let activities: EmergencyActivities;
  let n = 0;
  const township = () => `4105029${String(++n).padStart(2, '0')}`;

  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
    activities = createEmergencyActivities({ prisma, parameters: defaultParameterStore() });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  const fund = (t: string, amount: number, entryKey: string = randomUUID()) =>
    prisma.$transaction((tx) =>
      topUp(tx, { townshipCode: t, countyCode: '410502', amount, entryKey, actor: SYSTEM, reason: '拨付' }),
    );
  const balance = async (t: string) =>
    Number((await prisma.reserveFund.findUniqueOrThrow({ where: { townshipCode: t } })).balance);

  async function emergencyCase(t: string): Promise<string> {
    const id = randomUUID();
    await prisma.emergencyCase.create({
      data: {
        id,
        workflowId: `emergency-${id}`,
        countyCode: '410502',
        townshipCode: t,
        kind: 'SUDDEN',
        severity: 'ORDINARY',
        path: 'SMALL_AMOUNT',
        stage: 'SMALL_AMOUNT',
        requestedAmount: 300,
        description: 'x',
        applicantName: 'x',
        idNumberHmac: 'h',
        idNumberEncrypted: 'e',
        idNumberMasked: 'm',
        area: 'URBAN',
        createdBy: 'u',
      },
    });
    return id;
  }

  it('top-ups and payments keep balance = Σ top-ups − Σ payments, each entry with its balance after and an audit row; a repeated key moves nothing', async () => {
    const t = township();
    await fund(t, 1000, 'k-top');
    await fund(t, 1000, 'k-top'); // retry of the same top-up
    await prisma.$transaction((tx) => pay(tx, { townshipCode: t, amount: 250.5, entryKey: 'k-pay', actor: SYSTEM }));
    const again = await prisma.$transaction((tx) =>
      pay(tx, { townshipCode: t, amount: 250.5, entryKey: 'k-pay', actor: SYSTEM }),
    );
    expect(again.moved).toBe(false);
    expect(await balance(t)).toBe(749.5);
    const entries = await prisma.reserveFundEntry.findMany({ where: { townshipCode: t }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.kind, Number(e.amount), Number(e.balanceAfter)])).toEqual([
      ['TOP_UP', 1000, 1000],
      ['PAYMENT', 250.5, 749.5],
    ]);
    expect(await prisma.auditLog.count({ where: { targetType: 'ReserveFund', targetId: t } })).toBe(2);
    expect((await verifyAuditChain(prisma)).valid).toBe(true);
  });

  it('a payment that would overdraw is refused with the balance named, and nothing moves', async () => {
    const t = township();
    await fund(t, 100);
    const error = await prisma
      .$transaction((tx) => pay(tx, { townshipCode: t, amount: 100.01, entryKey: randomUUID(), actor: SYSTEM }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReserveFundRefusal);
    expect((error as ReserveFundRefusal).message).toContain('余额 100.00 元，不足以支付 100.01 元');
    expect(await balance(t)).toBe(100);
    expect(await prisma.reserveFundEntry.count({ where: { townshipCode: t, kind: 'PAYMENT' } })).toBe(0);
  });

  it('30 concurrent payments of 300.00 from 1,000.00: exactly 3 succeed, the balance never goes below zero', async () => {
    const t = township();
    await fund(t, 1000);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        prisma.$transaction((tx) => pay(tx, { townshipCode: t, amount: 300, entryKey: randomUUID(), actor: SYSTEM })),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(27);
    expect(refused.every((r) => r.reason instanceof ReserveFundRefusal)).toBe(true);
    expect(await balance(t)).toBe(100);
    const after = (await prisma.reserveFundEntry.findMany({ where: { townshipCode: t, kind: 'PAYMENT' } }))
      .map((e) => Number(e.balanceAfter))
      .sort((a, b) => a - b);
    expect(after).toEqual([100, 400, 700]);
  });

  it('the workflow activity: concurrent emergency payments never overdraw; refusals are non-retryable RESERVE_FUND_INSUFFICIENT, audited; a retried payment pays once', async () => {
    const t = township();
    await fund(t, 1000);
    const cases = await Promise.all(Array.from({ length: 8 }, () => emergencyCase(t)));
    const results = await Promise.allSettled(
      cases.map((caseId) =>
        activities.payEmergency({
          caseId,
          paymentKey: `${caseId}:1:1`,
          stage: 1,
          amount: 300,
          townshipCode: t,
          source: 'RESERVE_FUND',
          actor: null,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as ApplicationFailure);
    expect(
      failures.every(
        (f) => f instanceof ApplicationFailure && f.type === 'RESERVE_FUND_INSUFFICIENT' && f.nonRetryable,
      ),
    ).toBe(true);
    expect(await balance(t)).toBe(100);
    expect(await prisma.auditLog.count({ where: { targetId: t, action: 'RESERVE_FUND_PAYMENT_REFUSED' } })).toBe(5);
    const paid = cases[results.findIndex((r) => r.status === 'fulfilled')]!;
    const retry = await activities.payEmergency({
      caseId: paid,
      paymentKey: `${paid}:1:1`,
      stage: 1,
      amount: 300,
      townshipCode: t,
      source: 'RESERVE_FUND',
      actor: null,
    });
    expect(retry.paid).toBe(false);
    expect(await balance(t)).toBe(100);
    expect(Number((await prisma.emergencyCase.findUniqueOrThrow({ where: { id: paid } })).paidAmount)).toBe(300);
    expect((await verifyAuditChain(prisma)).valid).toBe(true);
  });
});

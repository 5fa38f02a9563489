import { ApplicationFailure } from '@temporalio/common';
import { appendAudit } from '../audit/audit-log';
import { type Prisma } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

// The township reserve fund (备用金) ledger: the balance moves only together with a ledger
// entry and an audit row, in the caller's transaction. A payment is one conditional UPDATE
// (balance >= amount), so concurrent payments can never overdraw it, whatever the isolation.

export interface Movement {
  townshipCode: string;
  amount: number;
  /** Unique per movement: a retried activity or a repeated request moves nothing twice. */
  entryKey: string;
  caseId?: string | null;
  actor: { actorId: string; role: string };
  reason?: string | null;
  requestId?: string | null;
}

export interface MovementResult {
  entryId: string;
  balanceAfter: number;
  /** False when the entry key had been used already (nothing moved this time). */
  moved: boolean;
}

const yuan = (n: number | Prisma.Decimal) => `${Number(n).toFixed(2)} 元`;

export class ReserveFundRefusal extends Error {
  constructor(
    readonly balance: number,
    readonly amount: number,
    readonly townshipCode: string,
  ) {
    super(
      `乡镇（街道）${townshipCode} 临时救助备用金余额 ${yuan(balance)}，不足以支付 ${yuan(amount)}，已拒付并报县级主管`,
    );
  }
  /** The non-retryable activity failure the workflow catches (a business refusal, not a fault). */
  toFailure(): ApplicationFailure {
    return ApplicationFailure.create({
      type: 'RESERVE_FUND_INSUFFICIENT',
      message: this.message,
      nonRetryable: true,
      details: [{ balance: this.balance, amount: this.amount }],
    });
  }
}

async function existing(tx: Tx, entryKey: string): Promise<MovementResult | null> {
  const e = await tx.reserveFundEntry.findUnique({ where: { entryKey }, select: { id: true, balanceAfter: true } });
  return e ? { entryId: e.id.toString(), balanceAfter: Number(e.balanceAfter), moved: false } : null;
}

export async function topUp(tx: Tx, m: Movement & { countyCode: string }): Promise<MovementResult> {
  const seen = await existing(tx, m.entryKey);
  if (seen) return seen;
  await tx.reserveFund.upsert({
    where: { townshipCode: m.townshipCode },
    update: {},
    create: { townshipCode: m.townshipCode, countyCode: m.countyCode },
  });
  const [row] = await tx.$queryRaw<Array<{ balance: Prisma.Decimal }>>`
    UPDATE reserve_fund SET balance = balance + ${m.amount}::numeric, updated_at = now() WHERE township_code = ${m.townshipCode} RETURNING balance`;
  return record(tx, m, 'TOP_UP', Number(row!.balance));
}

/** Pays from the fund, or throws ReserveFundRefusal (nothing moved) when the balance is short. */
export async function pay(tx: Tx, m: Movement): Promise<MovementResult> {
  const seen = await existing(tx, m.entryKey);
  if (seen) return seen;
  const rows = await tx.$queryRaw<Array<{ balance: Prisma.Decimal }>>`
    UPDATE reserve_fund SET balance = balance - ${m.amount}::numeric, updated_at = now()
    WHERE township_code = ${m.townshipCode} AND balance >= ${m.amount}::numeric RETURNING balance`;
  if (rows.length === 0) {
    const fund = await tx.reserveFund.findUnique({
      where: { townshipCode: m.townshipCode },
      select: { balance: true },
    });
    throw new ReserveFundRefusal(Number(fund?.balance ?? 0), m.amount, m.townshipCode);
  }
  return record(tx, m, 'PAYMENT', Number(rows[0]!.balance));
}

async function record(tx: Tx, m: Movement, kind: 'TOP_UP' | 'PAYMENT', balanceAfter: number): Promise<MovementResult> {
  const entry = await tx.reserveFundEntry.create({
    data: {
      townshipCode: m.townshipCode,
      kind,
      amount: m.amount,
      balanceAfter,
      entryKey: m.entryKey,
      caseId: m.caseId ?? null,
      actorId: m.actor.actorId,
      reason: m.reason ?? null,
    },
    select: { id: true },
  });
  await appendAudit(tx, {
    ...m.actor,
    action: kind === 'TOP_UP' ? 'RESERVE_FUND_TOPPED_UP' : 'RESERVE_FUND_PAID',
    targetType: 'ReserveFund',
    targetId: m.townshipCode,
    reason: m.reason ?? null,
    requestId: m.requestId ?? null,
    details: {
      entryId: entry.id.toString(),
      amount: m.amount,
      balanceAfter,
      ...(m.caseId ? { caseId: m.caseId } : {}),
    },
  });
  return { entryId: entry.id.toString(), balanceAfter, moved: true };
}

/** A refused payment is audited too (it is a fact supervisors see), in its own transaction. */
export async function auditRefusal(tx: Tx, refusal: ReserveFundRefusal, m: Movement): Promise<void> {
  await appendAudit(tx, {
    ...m.actor,
    action: 'RESERVE_FUND_PAYMENT_REFUSED',
    targetType: 'ReserveFund',
    targetId: m.townshipCode,
    reason: refusal.message,
    requestId: m.requestId ?? null,
    details: {
      amount: m.amount,
      balance: refusal.balance,
      entryKey: m.entryKey,
      ...(m.caseId ? { caseId: m.caseId } : {}),
    },
  });
}

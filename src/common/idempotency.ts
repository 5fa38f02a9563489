import { createHash } from 'node:crypto';
import { Prisma } from '../prisma/prisma-client';
import type { IdempotentRequest } from './idempotency-key.decorator';
import { refusal } from './refusals';

type Db = Pick<Prisma.TransactionClient, 'idempotencyRecord'>;

// Stripe's rule: a key names one request. Its first use stores the route and the body's hash
// (in the transaction that creates the result); a retry that differs in either is refused
// with 422 rather than answered with the first result.

const reused = () =>
  refusal(
    'IDEMPOTENCY_KEY_REUSED',
    '该 Idempotency-Key 已用于另一个请求（请求内容或接口不同）。重试请发送与首次完全相同的请求；新的请求请换用新的键',
    [{ path: 'header.Idempotency-Key', code: 'key_reused', message: '同一个键只能对应同一个请求' }],
  );

/**
 * Throws 422 when the key was first used for another route or body. Returns whether the key
 * was seen for this very request (false when new, or first used before hashes were kept).
 */
export async function assertSameRequest(db: Db, actorId: string, request: IdempotentRequest): Promise<boolean> {
  const first = await db.idempotencyRecord.findUnique({ where: { actorId_key: { actorId, key: request.key } } });
  if (!first) return false;
  if (first.route !== request.route || first.requestHash !== request.requestHash) throw reused();
  return true;
}

/** Records the key's first request, in the transaction that creates its result (a racing twin fails on the primary key). */
export async function recordRequest(tx: Db, actorId: string, request: IdempotentRequest): Promise<void> {
  await tx.idempotencyRecord.create({
    data: { actorId, key: request.key, route: request.route, requestHash: request.requestHash },
  });
}

/**
 * The id a keyed request gives what it creates (a UUID in the RFC 9562 version-8 layout, from
 * sha256 of actor, key and purpose): a retry, even after a crash before the key was recorded,
 * names the same thing, so an outside system idempotent by that id receives it once.
 */
export function idempotentId(actorId: string, request: IdempotentRequest, purpose: string): string {
  const h = createHash('sha256').update(`${purpose}\n${actorId}\n${request.key}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Runs a keyed write; when a racing twin under the same key committed first (a unique
 * violation), runs it once more, which then finds the first result (or refuses another body).
 */
export async function againIfTwinWon<T>(
  idempotency: IdempotentRequest | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (idempotency && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return write();
    throw error;
  }
}

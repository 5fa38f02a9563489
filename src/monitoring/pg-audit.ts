import type { PoolClient } from 'pg';
import type { Prisma } from '../prisma/prisma-client';

/**
 * appendAudit writes through a Prisma transaction; the staging transaction is a node-postgres
 * client (Prisma cannot stream COPY). This gives appendAudit the two methods it uses,
 * `$executeRaw` and `$queryRaw` as tagged templates, on that client, so the audit row commits
 * or rolls back with the batch.
 */
export function auditTxOf(client: PoolClient): Prisma.TransactionClient {
  const run = (strings: TemplateStringsArray, values: unknown[]) =>
    client.query(
      strings.reduce((text, part, i) => `${text}$${i}${part}`),
      values,
    );
  const $executeRaw = async (strings: TemplateStringsArray, ...values: unknown[]): Promise<number> =>
    (await run(strings, values)).rowCount ?? 0;
  const $queryRaw = async (strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]> =>
    (await run(strings, values)).rows;
  return { $executeRaw, $queryRaw } as unknown as Prisma.TransactionClient;
}

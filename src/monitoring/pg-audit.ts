import type { PoolClient } from 'pg';
import type { Prisma } from '../prisma/prisma-client';

/**
 * appendAudit writes through a Prisma transaction; the staging transaction is a node-postgres
 * client (Prisma cannot stream COPY). This gives appendAudit the one method it uses,
 * `$executeRaw` as a tagged template, on that client, so the audit row commits or rolls
 * back with the batch.
 */
export function auditTxOf(client: PoolClient): Prisma.TransactionClient {
  const executeRaw = async (strings: TemplateStringsArray, ...values: unknown[]): Promise<number> => {
    const sql = strings.reduce((text, part, i) => `${text}$${i}${part}`);
    const result = await client.query(sql, values);
    return result.rowCount ?? 0;
  };
  return { $executeRaw: executeRaw } as unknown as Prisma.TransactionClient;
}

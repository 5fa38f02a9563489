import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../src/prisma/prisma-client';

/** A row's household and whatever differs from the defaults; facts are any object, stored as JSON. */
export type ApplicationRow = Partial<Omit<Prisma.ApplicationUncheckedCreateInput, 'facts'>> & {
  householdId: string;
  facts?: object;
};

/**
 * An application row written straight to the table, for specs of a step that comes after
 * intake: a 低保 application made on the household's behalf by the demo village assistant in
 * 文峰区's township 410502002, at REVIEW, its workflow id the one the API gives it, unless the
 * row says otherwise (the county follows the township). Returns its id.
 */
export async function insertApplication(
  db: Pick<PrismaClient, 'application'> | Prisma.TransactionClient,
  row: ApplicationRow,
): Promise<string> {
  const id = row.id ?? randomUUID();
  const townshipCode = row.townshipCode ?? '410502002';
  const { facts, ...columns } = row;
  await db.application.create({
    data: {
      category: 'MINIMUM_LIVING',
      channel: 'ON_BEHALF',
      stage: 'REVIEW',
      submittedBy: 'demo-village-assistant',
      ...columns,
      id,
      workflowId: row.workflowId ?? `application-${id}`,
      townshipCode,
      countyCode: row.countyCode ?? townshipCode.slice(0, 6),
      // A JSON column takes plain JSON: class instances and undefined fields are dropped as the API's body would be.
      ...(facts !== undefined && { facts: JSON.parse(JSON.stringify(facts)) as Prisma.InputJsonValue }),
    },
  });
  return id;
}

import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/prisma/prisma-client';

/**
 * A household of its own (no members) in a 文峰区 village, for tests that submit more than one
 * application: a household may have only one open application per category.
 */
export async function freshHousehold(prisma: PrismaClient, divisionCode = '410502002001'): Promise<string> {
  const id = randomUUID();
  await prisma.household.create({
    data: { id, divisionCode, area: 'RURAL', address: '宝莲寺镇前进村（测试户）', createdBy: 'test' },
  });
  return id;
}

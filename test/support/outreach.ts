import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/prisma/prisma-client';

/** The division rows a household needs (county, township, village), for a database not seeded. */
export async function divisionChain(prisma: PrismaClient, villageCode: string): Promise<void> {
  const levels = [
    [villageCode.slice(0, 6), 'COUNTY', null],
    [villageCode.slice(0, 9), 'TOWNSHIP', villageCode.slice(0, 6)],
    [villageCode, 'VILLAGE', villageCode.slice(0, 9)],
  ] as const;
  for (const [code, level, parentCode] of levels)
    await prisma.division.upsert({
      where: { code },
      create: { code, level, parentCode, name: `测试区划${code}` },
      update: {},
    });
}

export interface MemberFacts {
  labourCapacity?: 'FULL' | 'PARTIAL' | 'NONE';
  disabilityType?: string | null;
  seriousIllness?: boolean;
}

/**
 * A household of one member with the facts the outreach round reads (no real ID number: a
 * random lookup hash). Returns the household's and the member's ids and the member's hash.
 */
export async function outreachHousehold(
  prisma: PrismaClient,
  villageCode: string,
  facts: MemberFacts = {},
): Promise<{ householdId: string; memberId: string; hmac: string }> {
  const householdId = randomUUID();
  const memberId = randomUUID();
  const hmac = randomBytes(32).toString('hex');
  await prisma.household.create({
    data: {
      id: householdId,
      divisionCode: villageCode,
      area: 'RURAL',
      address: '测试村（走访测试户）',
      createdBy: 'test',
    },
  });
  await prisma.member.create({
    data: {
      id: memberId,
      householdId,
      name: '测试成员',
      idNumberHmac: hmac,
      idNumberEncrypted: 'test',
      idNumberMasked: '410502********0000',
      birthDate: new Date('1960-01-01'),
      sex: 'M',
      relation: 'HEAD',
      labourCapacity: facts.labourCapacity ?? 'FULL',
      disabilityType: facts.disabilityType ?? null,
      seriousIllness: facts.seriousIllness ?? false,
    },
  });
  return { householdId, memberId, hmac };
}

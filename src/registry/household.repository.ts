import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { RegisterHousehold } from '../core/contracts/household';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import { memberRecord } from './member-record';
import { PiiCipher } from './pii-cipher';

type Tx = Prisma.TransactionClient;

const householdView = {
  id: true,
  divisionCode: true,
  area: true,
  address: true,
  createdAt: true,
  members: {
    orderBy: { idNumberMasked: 'asc' },
    select: {
      id: true,
      name: true,
      idNumberMasked: true,
      birthDate: true,
      sex: true,
      relation: true,
      labourCapacity: true,
      disabilityType: true,
      disabilityGrade: true,
      seriousIllness: true,
      employed: true,
      student: true,
    },
  },
} satisfies Prisma.HouseholdSelect;

export type HouseholdView = Prisma.HouseholdGetPayload<{ select: typeof householdView }>;

@Injectable()
export class HouseholdRepository {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
  ) {}

  /** Members whose ID number is already registered (any household). */
  async findRegisteredIdNumbers(tx: Tx, idNumbers: string[]): Promise<string[]> {
    // Every form a row may carry (old and new suite during a crypto migration).
    const hashes = new Map(idNumbers.flatMap((id) => this.pii.lookupHashes(id).map((h) => [h, id] as const)));
    const rows = await tx.member.findMany({
      where: { idNumberHmac: { in: [...hashes.keys()] } },
      select: { idNumberHmac: true },
    });
    return [...new Set(rows.map((r) => hashes.get(r.idNumberHmac)!))];
  }

  async create(tx: Tx, input: RegisterHousehold, createdBy: string): Promise<string> {
    const id = randomUUID();
    await tx.household.create({
      data: {
        id,
        divisionCode: input.divisionCode,
        area: input.area,
        address: input.address,
        createdBy,
        members: {
          create: input.members.map((m) => memberRecord(this.pii, randomUUID(), m)),
        },
      },
    });
    return id;
  }

  findById(id: string): Promise<HouseholdView | null> {
    return this.prisma.household.findUnique({ where: { id }, select: householdView });
  }

  divisionExists(tx: Tx, code: string): Promise<boolean> {
    return tx.division.count({ where: { code, level: 'VILLAGE' } }).then((n) => n > 0);
  }

  /**
   * Links the household's members to emergency-aid cases received before they were in the
   * registry (same ID-number HMAC); the members matched and how many cases each.
   */
  async matchEmergencyApplicants(
    tx: Tx,
    householdId: string,
  ): Promise<Array<{ memberId: string; emergencyCases: number }>> {
    const matched: Array<{ memberId: string; emergencyCases: number }> = [];
    for (const m of await tx.member.findMany({ where: { householdId }, select: { id: true, idNumberHmac: true } })) {
      const updated = await tx.emergencyCase.updateMany({
        where: { idNumberHmac: m.idNumberHmac, memberId: null },
        data: { memberId: m.id },
      });
      if (updated.count > 0) matched.push({ memberId: m.id, emergencyCases: updated.count });
    }
    return matched;
  }
}

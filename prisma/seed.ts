import { residentIdCheckChar } from '../src/core/contracts/resident-id';
import type { RegisterHousehold } from '../src/core/contracts/household';
import { PiiCipher, type PiiKeys } from '../src/registry/pii-cipher';
import { createPrismaClient } from '../src/prisma/prisma-client';
import { memberRecord } from '../src/registry/member-record';
import { divisions, USERS } from './seed-data';
import { topUp } from '../src/reserve-fund/reserve-fund.ledger';

/** A synthetic resident ID number with a valid check character. */
const syntheticId = (first17: string): string => first17 + residentIdCheckChar(first17);

const HOUSEHOLDS: Array<{ id: string } & RegisterHousehold> = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    divisionCode: '410502002001',
    area: 'RURAL',
    address: '宝莲寺镇前进村 1 组 12 号',
    members: [
      {
        name: '演示户主甲',
        idNumber: syntheticId('41050219580312003'),
        relation: 'HEAD',
        labourCapacity: 'NONE',
        seriousIllness: true,
        employed: false,
        student: false,
      },
      {
        name: '演示配偶甲',
        idNumber: syntheticId('41050219600708004'),
        relation: 'SPOUSE',
        labourCapacity: 'PARTIAL',
        seriousIllness: false,
        employed: false,
        student: false,
      },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    divisionCode: '410502002002',
    area: 'RURAL',
    address: '宝莲寺镇和平村 3 组 5 号',
    members: [
      {
        name: '演示户主乙',
        idNumber: syntheticId('41050219850101005'),
        relation: 'HEAD',
        labourCapacity: 'FULL',
        seriousIllness: false,
        employed: true,
        student: false,
      },
      {
        name: '演示子女乙',
        idNumber: syntheticId('41050220120915006'),
        relation: 'CHILD',
        labourCapacity: 'NONE',
        seriousIllness: false,
        employed: false,
        student: true,
      },
      {
        name: '演示父亲乙',
        idNumber: syntheticId('41050219500202007'),
        relation: 'PARENT',
        labourCapacity: 'NONE',
        disability: { type: 'PHYSICAL', grade: 2 },
        seriousIllness: false,
        employed: false,
        student: false,
      },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    divisionCode: '410502001001',
    area: 'URBAN',
    address: '东大街街道第一社区 8 号楼 2 单元 301',
    members: [
      {
        name: '演示户主丙',
        idNumber: syntheticId('41050219700505009'),
        relation: 'HEAD',
        labourCapacity: 'NONE',
        disability: { type: 'INTELLECTUAL', grade: 1 },
        seriousIllness: false,
        employed: false,
        student: false,
      },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    divisionCode: '410581002001',
    area: 'RURAL',
    address: '姚村镇前进村 6 组 21 号',
    members: [
      {
        name: '演示户主丁',
        idNumber: syntheticId('41058119781120011'),
        relation: 'HEAD',
        labourCapacity: 'FULL',
        seriousIllness: false,
        employed: false,
        student: false,
      },
      {
        name: '演示配偶丁',
        idNumber: syntheticId('41058119800303022'),
        relation: 'SPOUSE',
        labourCapacity: 'FULL',
        seriousIllness: true,
        employed: false,
        student: false,
      },
    ],
  },
];

/** Fixed member ids, so reseeding is a no-op: 00000000-0000-4000-HHHH-0000000000MM. */
const memberId = (household: number, member: number) =>
  `00000000-0000-4000-${String(household + 1).padStart(4, '0')}-${String(member + 1).padStart(12, '0')}`;

/** Idempotent: upserts by fixed ids, so a second `npm start` changes nothing; new rows under `keys.suite` (INTERNATIONAL by default). */
export async function seed(databaseUrl: string, keys: PiiKeys): Promise<void> {
  const prisma = createPrismaClient(databaseUrl);
  const pii = new PiiCipher(keys);
  try {
    for (const d of divisions()) {
      await prisma.division.upsert({
        where: { code: d.code },
        update: { name: d.name },
        create: { code: d.code, name: d.name, level: d.level, parentCode: d.parentCode },
      });
    }
    for (const u of USERS) {
      await prisma.user.upsert({ where: { id: u.id }, update: {}, create: { ...u, department: u.department ?? null } });
    }
    // Each township of 文峰区 starts with a reserve fund (备用金) of 50,000.00 (demo figure; a ledger top-up, once).
    for (const township of ['410502001', '410502002']) {
      await prisma.$transaction((tx) =>
        topUp(tx, {
          townshipCode: township,
          countyCode: '410502',
          amount: 50_000,
          entryKey: `seed:${township}`,
          actor: { actorId: 'seed', role: 'SYSTEM' },
          reason: '演示数据：初始备用金',
        }),
      );
    }
    for (const [n, h] of HOUSEHOLDS.entries()) {
      if (await prisma.household.findUnique({ where: { id: h.id }, select: { id: true } })) continue;
      await prisma.household.create({
        data: {
          id: h.id,
          divisionCode: h.divisionCode,
          area: h.area,
          address: h.address,
          createdBy: 'seed',
          members: {
            create: h.members.map((m, i) => memberRecord(pii, memberId(n, i), m)),
          },
        },
      });
    }
  } finally {
    await prisma.$disconnect();
  }
}

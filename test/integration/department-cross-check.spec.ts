import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { DepartmentDataCrossCheck } from '../../src/applications/department-cross-check';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import type { DataSource } from '../../src/core/contracts/data-source';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// The worker's cross-check against a real, migrated and seeded PostgreSQL: the registry's
// checks plus the latest imported department record of each source for every member.

const HOUSEHOLD = '00000000-0000-4000-8000-000000000002'; // 乙: head, child, father
const KEY = randomBytes(32);
const hmac = (id: string) => createHmac('sha256', KEY).update(id).digest('hex');
const syntheticId = (first17: string) => first17 + residentIdCheckChar(first17);
const FATHER = syntheticId('41050219500202007');
const HEAD = syntheticId('41050219850101005');

describe('department data cross-check (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, { hmacKeyHex: KEY.toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') });
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  async function batch(source: DataSource, uploadedAt: string, rows: Array<[string, string, object]>) {
    const id = randomUUID();
    await prisma.dataBatch.create({
      data: {
        id,
        source,
        fileName: `${source}.csv`,
        sha256: randomBytes(32).toString('hex'),
        encoding: 'utf-8',
        scopeCode: '410502',
        status: 'REPORTED',
        rowsRead: rows.length,
        rowsRefused: 0,
        rowsStaged: rows.length,
        uploadedBy: 'test',
        uploadedAt: new Date(uploadedAt),
        stagedAt: new Date(uploadedAt),
        rows: {
          create: rows.map(([idNumber, date, fields], i) => ({
            row: i + 2,
            idNumberHmac: hmac(idNumber),
            countyCode: '410502',
            eventDate: new Date(date),
            fields: fields as object,
          })),
        },
      },
    });
    return id;
  }

  it('lists the latest record of each source for each member, with its batch, and the registry checks', async () => {
    await batch('VEHICLE_REGISTER', '2026-03-01T02:00:00Z', [
      [
        FATHER,
        '2025-01-10',
        { name: '演示父亲乙', plate: '豫E10001', vehicleType: '三轮汽车', registeredOn: '2025-01-10' },
      ],
    ]);
    const newer = await batch('VEHICLE_REGISTER', '2026-11-01T02:00:00Z', [
      [
        FATHER,
        '2026-10-20',
        { name: '演示父亲乙', plate: '豫E20002', vehicleType: '小型普通客车', registeredOn: '2026-10-20' },
      ],
      [
        syntheticId('41050219770707123'),
        '2026-10-21',
        { name: '他人', plate: '豫E3', vehicleType: '轿车', registeredOn: '2026-10-21' },
      ],
    ]);
    const unemployed = await batch('HRSS_UNEMPLOYED', '2026-11-02T02:00:00Z', [
      [HEAD, '2026-09-01', { name: '演示户主乙', registeredOn: '2026-09-01' }],
    ]);

    const result = await new DepartmentDataCrossCheck(prisma).check({
      applicationId: randomUUID(),
      householdId: HOUSEHOLD,
      memberCountDeclared: 2,
    });
    expect(result.source).toBe('县级信息核对：本地登记信息与部门比对数据');
    expect(result.findings).toEqual(
      expect.arrayContaining([
        '申报共同生活成员 2 人，户籍登记 3 人，需入户核实',
        `演示父亲乙：公安交管部门：机动车登记记录（号牌号码：豫E20002，车辆类型：小型普通客车，登记日期：2026-10-20），来自 2026-11-01 上传的比对批次 ${newer.slice(0, 8)}`,
        `演示户主乙：人力资源和社会保障部门：登记失业人员记录（失业登记日期：2026-09-01），来自 2026-11-02 上传的比对批次 ${unemployed.slice(0, 8)}`,
      ]),
    );
    // One line per member and source (the older vehicle record is not repeated), nobody else's, no ID number.
    expect(result.findings).toHaveLength(3);
    expect(JSON.stringify(result)).not.toMatch(/\d{17}[\dX]/);
  });
});

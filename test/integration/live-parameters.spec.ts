import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { DEFAULT_PARAMETERS, PARAMETER_IDS as P } from '../../src/policy';
import { LiveParameterStore, seedShippedParameters } from '../../src/policy-admin/live-parameter-store';
import { createParameterChangeActivities } from '../../src/policy-admin/parameter-change.activities';
import { validFromFindings } from '../../src/policy-admin/parameter-lines';
import { documentSourceId } from '../../src/policy-admin/parameter-rows';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { insertApplication } from '../support/applications';

// Parameters in PostgreSQL: the shipped versions seeded once (never overwriting a stored
// row), rows immutable, an approval written with its document and audit row, and a second
// process's live store reading the new version on its next check.

const STANDARD = P.MINIMUM_LIVING_STANDARD;
const URBAN_2026 = { date: '2026-12-31', county: '410502', area: 'URBAN' as const };
const URBAN_2027 = { date: '2027-01-01', county: '410502', area: 'URBAN' as const };
const ADMIN = {
  userId: '00000000-0000-4000-8000-0000000000a1',
  role: 'ADMINISTRATOR' as const,
  jurisdiction: '410500',
};

describe('parameters in PostgreSQL (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  it('seeds every shipped version once; a second start adds nothing and audits nothing', async () => {
    const first = await seedShippedParameters(prisma);
    expect(first).toBe(DEFAULT_PARAMETERS.length);
    expect(await seedShippedParameters(prisma)).toBe(0);
    expect(await prisma.parameterVersion.count()).toBe(DEFAULT_PARAMETERS.length);
    expect(await prisma.auditLog.count({ where: { action: 'PARAMETER_VERSIONS_SEEDED' } })).toBe(1);
  });

  it('refuses to change or delete a stored version (the database itself)', async () => {
    const row = await prisma.parameterVersion.findFirstOrThrow({ where: { parameterId: STANDARD } });
    await expect(prisma.parameterVersion.update({ where: { id: row.id }, data: { value: 1 } })).rejects.toThrow(
      /immutable/,
    );
    await expect(prisma.parameterVersion.delete({ where: { id: row.id } })).rejects.toThrow(/immutable/);
  });

  it('writes an approved version with its document, and another process reads it on its next check', async () => {
    const api = new LiveParameterStore(prisma);
    const worker = new LiveParameterStore(prisma);
    await api.start();
    await worker.start();
    expect(worker.lookupNumber(STANDARD, URBAN_2027).value).toBe(660);
    expect(await worker.refreshIfNewer()).toBe(false);

    const proposalId = randomUUID();
    const document = { docNo: '安民〔2026〕9号', title: '关于提高城乡低保标准的通知', issuedOn: '2026-11-20' };
    await prisma.parameterProposal.create({
      data: {
        id: proposalId,
        parameterId: STANDARD,
        version: '2027-01-01',
        division: '410500',
        area: 'URBAN',
        validFrom: '2027-01-01',
        value: 700,
        unit: 'YUAN_PER_PERSON_MONTH',
        citations: [{ sourceId: documentSourceId(document.docNo), article: '一' }],
        document,
        proposedBy: 'someone-else',
        proposedRole: 'ADMINISTRATOR',
        workflowId: `parameter-change-${proposalId}`,
      },
    });
    const acts = createParameterChangeActivities({ prisma, parameters: api });
    const decided = {
      proposalId,
      decision: 'APPROVE' as const,
      reason: '按市政府通知调标',
      actor: ADMIN,
      requestId: 'r1',
    };
    await expect(acts.decideParameterProposal(decided)).resolves.toEqual({ status: 'APPROVED', version: '2027-01-01' });
    // A retried activity finds the decision made and writes nothing twice.
    await expect(acts.decideParameterProposal(decided)).resolves.toEqual({ status: 'APPROVED', version: '2027-01-01' });
    expect(await prisma.parameterVersion.count({ where: { proposalId } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: 'PARAMETER_VERSION_APPROVED' } })).toBe(1);

    await acts.refreshParameters(); // the approving worker reads at once
    const now = api.lookupNumber(STANDARD, URBAN_2027);
    expect(now.value).toBe(700);
    expect(now.ref.version).toBe('2027-01-01');
    expect(now.ref.source).toContain('安民〔2026〕9号');
    expect(api.lookupNumber(STANDARD, URBAN_2026).value).toBe(660); // the day before: the old version

    expect(worker.lookupNumber(STANDARD, URBAN_2027).value).toBe(660); // not read yet
    expect(await worker.refreshIfNewer()).toBe(true);
    expect(worker.lookupNumber(STANDARD, URBAN_2027).value).toBe(700);
    api.stop();
    worker.stop();
  });

  it('refuses a first day on or before a version a decision used, and a second version on an approved day', async () => {
    const line = { parameterId: STANDARD, division: '410500', area: 'URBAN' };
    expect(await validFromFindings(prisma, line, '2026-03-01')).toEqual([]);
    const applicationId = randomUUID();
    await insertApplication(prisma, {
      id: applicationId,
      householdId: '00000000-0000-4000-8000-000000000001',
      stage: 'CONFIRMED',
      townshipCode: '410502001',
      submittedBy: ADMIN.userId,
      facts: {},
    });
    await prisma.decision.create({
      data: {
        applicationId,
        outcome: 'APPROVED',
        category: 'MINIMUM_LIVING',
        reasons: [],
        explanation: {},
        parameterVersions: [{ id: STANDARD, version: '2024-07', division: '410500', area: 'URBAN' }],
        factsVersion: 1,
        facts: {},
        decidedBy: ADMIN.userId,
        decidedRole: 'COUNTY_OFFICER',
      },
    });
    const [before] = await validFromFindings(prisma, line, '2024-06-30');
    expect(before).toMatchObject({ path: 'validFrom', code: 'BEFORE_USED_VERSION' });
    expect(before!.message).toContain('2024-07');
    expect(await validFromFindings(prisma, line, '2024-07-02')).toEqual([]);
    const [sameDay] = await validFromFindings(prisma, line, '2027-01-01');
    expect(sameDay).toMatchObject({ code: 'SAME_DAY_VERSION' });
  });
});

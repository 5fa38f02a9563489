import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { type ActivityFailure, type ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import { useAuditSuite, verifyAuditChain } from '../../src/audit/audit-log';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { cryptoMigrationWorkflowId } from '../../src/core/workflow-ids';
import type { CryptoBatchInput } from '../../src/crypto-migration/crypto-migration.activities';
import { LiveParameterStore } from '../../src/policy-admin/live-parameter-store';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { HouseholdRepository } from '../../src/registry/household.repository';
import { memberRecord } from '../../src/registry/member-record';
import { PiiCipher } from '../../src/registry/pii-cipher';
import { createActivities } from '../../src/worker/create-worker';
import { cryptoMigrationWorkflow } from '../../workflows/crypto-migration.workflow';
import { freshHousehold } from '../support/households';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { executable, temporalBinary } from '../support/temporal-binaries';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: an installation seeded under INTERNATIONAL (including values in the format
// written before they named their algorithm) re-encrypted to NATIONAL by the workflow on the
// time-skipping server with the real activities and PostgreSQL, in small batches (continue-
// as-new), with a batch's answer lost after its commit (the retry recognises it); then back to
// INTERNATIONAL on the dev server with the worker stopped half-way and a new one resuming.
// RECORD_HISTORIES=1 keeps the history for the replay tier.

const QUEUE = 'crypto-migration-test';
const INSIDE = randomUUID();
const OUTSIDE = randomUUID();
const keys = { hmacKeyHex: randomBytes(32).toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') };
const international = new PiiCipher(keys);
const national = new PiiCipher({ ...keys, suite: 'NATIONAL' });
const idNumber = (n: number) => {
  const first17 = `41050219700101${String(100 + n).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

/** The format written before sealed values named their algorithm: iv.tag.data, AES-256-GCM. */
function legacySeal(value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keys.encryptionKeyHex, 'hex'), iv);
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

describe('crypto-migration workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let parameters: LiveParameterStore;
  let bundle: WorkflowBundleWithSourceMap;
  const added: string[] = [];

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, keys);
    prisma = createPrismaClient(db.url);
    parameters = new LiveParameterStore(prisma);
    await parameters.start();
    // More members than a few batches of five; every third in the legacy format.
    const householdId = await freshHousehold(prisma);
    for (let n = 0; n < 12; n++) {
      const id = idNumber(n);
      added.push(id);
      const row = memberRecord(international, randomUUID(), {
        name: `测试成员${n}`,
        idNumber: id,
        relation: n === 0 ? 'HEAD' : 'OTHER',
        labourCapacity: 'FULL',
        seriousIllness: false,
        employed: false,
        student: false,
      } as never);
      await prisma.member.create({
        data: { ...row, householdId, ...(n % 3 === 0 ? { idNumberEncrypted: legacySeal(id) } : {}) } as never,
      });
    }
    // An emergency applicant in the registry, and complaints with and without contact details.
    await prisma.emergencyCase.create({
      data: {
        id: randomUUID(),
        workflowId: `emergency-${randomUUID()}`,
        countyCode: '410502',
        townshipCode: '410502002',
        kind: 'ACCIDENT',
        severity: 'GENERAL',
        path: 'ORDINARY',
        stage: 'CLOSED',
        requestedAmount: 1000,
        description: '测试',
        applicantName: '测试申请人',
        idNumberHmac: international.lookupHash(added[1]!),
        idNumberEncrypted: legacySeal(added[1]!),
        idNumberMasked: '410502********0000',
        area: 'RURAL',
        createdBy: 'test',
      },
    });
    for (const contact of [international.encrypt('{"name":"张三","phone":"13800000000"}'), null])
      await prisma.complaint.create({
        data: {
          id: randomUUID(),
          receiptHash: createHash('sha256').update(randomUUID()).digest('hex'),
          channel: 'PUBLIC',
          subject: 'PROCEDURE',
          countyCode: '410502',
          content: '测试',
          anonymous: contact === null,
          contactSealed: contact,
          stage: 'CLOSED',
          registeredAt: new Date(),
          updatedAt: new Date(),
        },
      });
    // The population database knows people by hash only: one in the registry (and the head
    // of their household), one who is not.
    const population = (id: string, idNumberHmac: string, head: string | null) => ({
      id,
      idNumberHmac,
      idNumberMasked: '410502********0000',
      name: '测试对象',
      category: 'MINIMUM_LIVING',
      origin: 'IMPORT',
      countyCode: '410502',
      headIdNumberHmac: head,
      since: new Date('2026-01-01'),
      batchId: randomUUID(),
      row: 1,
      recordedAt: new Date(),
      updatedAt: new Date(),
    });
    await prisma.populationRecord.createMany({
      data: [
        population(INSIDE, international.lookupHash(added[2]!), international.lookupHash(added[3]!)),
        population(OUTSIDE, international.lookupHash(idNumber(99)), null),
      ],
    });
    useAuditSuite('NATIONAL');
    env = await startTimeSkipping();
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
  });
  afterAll(async () => {
    useAuditSuite('INTERNATIONAL');
    await env?.teardown();
    parameters?.stop();
    await prisma?.$disconnect();
    await db?.stop();
  });

  const registered = (pii: PiiCipher, ids: string[]) =>
    prisma.$transaction((tx) => new HouseholdRepository(prisma, pii).findRegisteredIdNumbers(tx, ids));

  async function runWorker<T>(activities: object, body: () => Promise<T>): Promise<T> {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities,
    });
    return worker.runUntil(body);
  }

  async function startRun(): Promise<{ migrationId: string; workflowId: string }> {
    const migrationId = randomUUID();
    const workflowId = cryptoMigrationWorkflowId(migrationId);
    await prisma.cryptoMigration.create({
      data: { id: migrationId, targetSuite: 'NATIONAL', workflowId, requestedBy: 'test' },
    });
    await env.client.workflow.start(cryptoMigrationWorkflow, {
      taskQueue: QUEUE,
      workflowId,
      args: [{ migrationId, targetSuite: 'NATIONAL', batchSize: 5, batchesPerRun: 3 }],
    });
    return { migrationId, workflowId };
  }

  it('re-encrypts every row, survives a batch lost after its commit, keeps lookups working, and a rerun changes nothing', async () => {
    const members = await prisma.member.findMany({ orderBy: { id: 'asc' } });
    const clear = new Map(members.map((m) => [m.id, international.decrypt(m.idNumberEncrypted)]));
    expect(members.some((m) => m.idNumberEncrypted.split('.').length === 3)).toBe(true);
    const { migrationId, workflowId } = await startRun();

    // The batch activity fails right after its second batch committed (as when a worker is
    // lost before its answer reaches Temporal): the retry must recognise the committed batch.
    const real = createActivities({ prisma, parameters, pii: national });
    let batches = 0;
    let midway: { status: string; cursorTable: string | null; hashes: string[] } | null = null;
    const handle = env.client.workflow.getHandle(workflowId);
    const result = await runWorker(
      {
        ...real,
        async migrateCryptoBatch(input: CryptoBatchInput) {
          const result = await real.migrateCryptoBatch(input);
          if (++batches === 2) {
            const run = await prisma.cryptoMigration.findUniqueOrThrow({ where: { id: migrationId } });
            const hashes = (await prisma.member.findMany({ select: { idNumberHmac: true } })).map(
              (m) => m.idNumberHmac,
            );
            midway = { status: run.status, cursorTable: run.cursorTable, hashes };
            // Half-way: rows of both suites, and every ID number still found.
            expect((await registered(national, added)).sort()).toEqual([...added].sort());
            throw new Error('worker lost after the batch committed');
          }
          return result;
        },
      },
      () => handle.result(),
    );
    expect(midway).not.toBeNull();
    expect(midway!.status).toBe('RUNNING');
    expect(midway!.cursorTable).toBe('member');
    expect(midway!.hashes.some((h) => h.startsWith('sm3:'))).toBe(true);
    expect(midway!.hashes.some((h) => !h.startsWith('sm3:'))).toBe(true);
    await recordHistory('crypto-migration-completed', () => handle.fetchHistory());
    expect(result.status).toBe('COMPLETED');
    expect(result.report).toEqual({
      member: { scanned: members.length, migrated: members.length },
      emergency_case: { scanned: 1, migrated: 1 },
      complaint: { scanned: 2, migrated: 1 },
    });
    // The history ran through continue-as-new (three batches per run) and the retried batch.
    const lastRun = await handle.fetchHistory();
    expect(lastRun.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();

    const after = await prisma.member.findMany({ orderBy: { id: 'asc' } });
    for (const m of after) {
      expect(national.isCurrent(m.idNumberEncrypted)).toBe(true);
      expect(m.idNumberHmac).toBe(national.lookupHash(clear.get(m.id)!));
      expect(national.decrypt(m.idNumberEncrypted)).toBe(clear.get(m.id));
    }
    const emergency = await prisma.emergencyCase.findFirstOrThrow();
    expect(emergency.idNumberHmac).toBe(national.lookupHash(added[1]!));
    expect(national.decrypt(emergency.idNumberEncrypted)).toBe(added[1]);
    const complaints = await prisma.complaint.findMany({ where: { contactSealed: { not: null } } });
    expect(complaints.map((c) => national.isCurrent(c.contactSealed!))).toEqual([true]);
    // Hash-only rows follow the member with the same old hash; a person outside the registry keeps theirs.
    const inside = await prisma.populationRecord.findUniqueOrThrow({ where: { id: INSIDE } });
    expect(inside.idNumberHmac).toBe(national.lookupHash(added[2]!));
    expect(inside.headIdNumberHmac).toBe(national.lookupHash(added[3]!));
    const outside = await prisma.populationRecord.findUniqueOrThrow({ where: { id: OUTSIDE } });
    expect(outside.idNumberHmac).toBe(international.lookupHash(idNumber(99)));
    // Lookups by ID number find the household under the new suite alone too.
    expect((await registered(national, added)).sort()).toEqual([...added].sort());
    expect(await registered(new PiiCipher({ ...keys, suite: 'NATIONAL', previousKeysHex: [] }), [added[5]!])).toEqual([
      added[5],
    ]);

    // Audited once per table despite the repeated batch; no ID numbers in the details.
    const audit = await prisma.auditLog.findMany({ where: { targetId: migrationId }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual([
      'CRYPTO_MIGRATION_TABLE_DONE',
      'CRYPTO_MIGRATION_TABLE_DONE',
      'CRYPTO_MIGRATION_TABLE_DONE',
      'CRYPTO_MIGRATION_FINISHED',
    ]);
    expect(audit.every((a) => a.hashAlg === 'sm3')).toBe(true);
    const text = JSON.stringify(audit.map((a) => a.details));
    for (const id of added) expect(text).not.toContain(id);
    await expect(verifyAuditChain(prisma)).resolves.toMatchObject({ valid: true });

    // A rerun reads everything and rewrites nothing.
    const rerun = await startRun();
    const again = await runWorker(real, () => env.client.workflow.getHandle(rerun.workflowId).result());
    expect(again.report).toEqual({
      member: { scanned: members.length, migrated: 0 },
      emergency_case: { scanned: 1, migrated: 0 },
      complaint: { scanned: 2, migrated: 0 },
    });
    expect(await prisma.member.findMany({ orderBy: { id: 'asc' } })).toEqual(after);
  });

  it('survives a worker restart (dev server): back to INTERNATIONAL, resumed from its cursor by a new worker', async () => {
    // The dev server, not the time-skipping one: a stopped worker's outstanding polls are
    // let go, so the retried batch reaches the new worker.
    const local = await TestWorkflowEnvironment.createLocal({
      server: { executable: executable(temporalBinary('cli')) },
    });
    try {
      const migrationId = randomUUID();
      const workflowId = cryptoMigrationWorkflowId(migrationId);
      await prisma.cryptoMigration.create({
        data: { id: migrationId, targetSuite: 'INTERNATIONAL', workflowId, requestedBy: 'test' },
      });
      const handle = await local.client.workflow.start(cryptoMigrationWorkflow, {
        taskQueue: QUEUE,
        workflowId,
        args: [{ migrationId, targetSuite: 'INTERNATIONAL', batchSize: 5, batchesPerRun: 3 }],
      });
      const real = createActivities({ prisma, parameters, pii: international });
      let batches = 0;
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const first = await Worker.create({
        connection: local.nativeConnection,
        taskQueue: QUEUE,
        workflowBundle: bundle,
        activities: {
          ...real,
          async migrateCryptoBatch(input: CryptoBatchInput) {
            const result = await real.migrateCryptoBatch(input);
            // The worker stops after its second batch committed and answered.
            if (++batches === 2) stop();
            return result;
          },
        },
      });
      await first.runUntil(stopped);
      const midway = await prisma.cryptoMigration.findUniqueOrThrow({ where: { id: migrationId } });
      expect(midway.status).toBe('RUNNING');
      expect(midway.cursorTable).toBe('member');
      const second = await Worker.create({
        connection: local.nativeConnection,
        taskQueue: QUEUE,
        workflowBundle: bundle,
        activities: real,
      });
      const result = await second.runUntil(handle.result());
      expect(result.status).toBe('COMPLETED');
      const members = await prisma.member.findMany();
      expect(result.report.member).toEqual({ scanned: members.length, migrated: members.length });
      for (const m of members) {
        expect(international.isCurrent(m.idNumberEncrypted)).toBe(true);
        expect(m.idNumberHmac).toBe(international.lookupHash(international.decrypt(m.idNumberEncrypted)));
      }
      expect((await registered(international, added)).sort()).toEqual([...added].sort());
    } finally {
      await local.teardown();
    }
  });

  it('stops as FAILED, naming the row, when a value cannot be opened (its key is not in the keyring)', async () => {
    const [victim] = await prisma.member.findMany({ orderBy: { id: 'desc' }, take: 1 });
    const stranger = new PiiCipher({ ...keys, encryptionKeyHex: randomBytes(32).toString('hex'), suite: 'NATIONAL' });
    await prisma.member.update({ where: { id: victim!.id }, data: { idNumberEncrypted: stranger.encrypt(added[0]!) } });
    const { migrationId, workflowId } = await startRun();
    const real = createActivities({ prisma, parameters, pii: national });
    const failure = await runWorker(real, () => env.client.workflow.getHandle(workflowId).result()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause as ActivityFailure;
    expect((cause.cause as ApplicationFailure).type).toBe('CRYPTO_VALUE_UNREADABLE');
    expect((cause.cause as ApplicationFailure).message).toContain(victim!.id);
    const run = await prisma.cryptoMigration.findUniqueOrThrow({ where: { id: migrationId } });
    expect(run.status).toBe('FAILED');
    const finished = await prisma.auditLog.findFirstOrThrow({
      where: { targetId: migrationId, action: 'CRYPTO_MIGRATION_FINISHED' },
    });
    expect(finished.details).toMatchObject({ status: 'FAILED' });
  });
});

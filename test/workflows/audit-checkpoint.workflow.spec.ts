import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { Client } from 'pg';
import { createAuditCheckpointActivities } from '../../src/audit/audit-checkpoint.activities';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log';
import { verifyAuditTrail } from '../../src/audit/audit-verification';
import { readChainHeads } from '../../src/audit/chain-heads';
import type { AuditCheckpointState } from '../../src/core/contracts/audit';
import { auditCheckpointQuery } from '../../src/core/messages';
import { AUDIT_CHECKPOINT_WORKFLOW_ID } from '../../src/core/workflow-ids';
import { DEFAULT_PARAMETERS, ParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { auditCheckpointWorkflow } from '../../workflows/audit-checkpoint.workflow';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the checkpoint workflow on the time-skipping server with its real activity
// and PostgreSQL. Every 60 minutes (the shipped period) it records each chain's head; the
// newest rows of a chain deleted between two checkpoints are found at the next one, and the
// finding stays in the workflow's state (and history) after the database has moved on, and
// across continue-as-new. RECORD_HISTORIES=1 keeps the first run's history for the replay tier.

const QUEUE = 'audit-checkpoint-test';

describe('audit checkpoint workflow (time-skipping, real activity and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
    env = await startTimeSkipping();
  });
  afterAll(async () => {
    await env?.teardown();
    await prisma?.$disconnect();
    await db?.stop();
  });

  const append = (n: number, from: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        prisma.$transaction((tx) =>
          appendAudit(tx, {
            actorId: 'user-1',
            role: 'COUNTY_OFFICER',
            action: 'TEST_ACTION',
            targetType: 'Application',
            targetId: `target-${(from + i) % 5}`,
          }),
        ),
      ),
    );

  it('records the heads every period, finds the newest rows deleted, and keeps the finding across continue-as-new', async () => {
    const real = createAuditCheckpointActivities({ prisma, parameters: new ParameterStore(DEFAULT_PARAMETERS) });
    let failing = false;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities: {
        async recordAuditCheckpoint(...args: Parameters<typeof real.recordAuditCheckpoint>) {
          // The database refusing the read for good (a final data error), while the test says so.
          if (failing) throw ApplicationFailure.nonRetryable('数据库拒绝了读取', 'DATA_ERROR');
          return real.recordAuditCheckpoint(...args);
        },
      },
    });
    await append(10, 0);

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(auditCheckpointWorkflow, {
        taskQueue: QUEUE,
        workflowId: AUDIT_CHECKPOINT_WORKFLOW_ID,
        args: [{ latest: null, findings: [] }],
      });
      const firstRunId = handle.firstExecutionRunId;
      const stateAt = async (number: number): Promise<AuditCheckpointState> => {
        for (let i = 0; i < 200; i++) {
          const s = await handle.query(auditCheckpointQuery);
          if ((s.latest?.number ?? 0) >= number) return s;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`checkpoint ${number} never recorded`);
      };

      const first = await stateAt(1);
      expect(first.latest).toMatchObject({ id: 'audit-checkpoint/1', number: 1, heads: await readChainHeads(prisma) });
      expect(first.findings).toEqual([]);

      // Nothing is recorded again before the period is over.
      await append(10, 10);
      await env.sleep('59 minutes');
      expect((await handle.query(auditCheckpointQuery)).latest!.number).toBe(1);
      await env.sleep('2 minutes');
      const second = await stateAt(2);
      const heads = await readChainHeads(prisma);
      expect(second.latest!.heads).toEqual(heads);
      await expect(verifyAuditTrail(prisma, second)).resolves.toMatchObject({
        valid: true,
        checkpointStatus: 'VERIFIED',
      });

      // The attacker deletes a chain's newest row: the chain alone still verifies.
      const victim = heads[0]!;
      const sql = new Client({ connectionString: db.url });
      await sql.connect();
      try {
        await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
        await sql.query('DELETE FROM audit_log WHERE seq = $1', [victim.seq]);
        await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
      } finally {
        await sql.end();
      }
      await expect(verifyAuditChain(prisma)).resolves.toMatchObject({ valid: true });

      // The next checkpoint records the shorter chain, and the missing head as a finding.
      await env.sleep('61 minutes');
      const third = await stateAt(3);
      const finding = { ...victim, found: 'MISSING', checkpointId: 'audit-checkpoint/2' };
      expect(third.findings).toEqual([finding]);
      expect(third.latest!.heads.find((h) => h.chain === victim.chain)?.seq).not.toBe(victim.seq);
      // The newest checkpoint alone now matches the database; the finding keeps the trail broken.
      const verified = await verifyAuditTrail(prisma, third);
      expect(verified).toMatchObject({ valid: false, chainsValid: true, brokenAtSeq: victim.seq });
      expect(verified.brokenChains).toEqual([finding]);

      // Readings that fail are counted as missed and tried again a few minutes later, not in a tight loop.
      failing = true;
      await env.sleep('61 minutes');
      await env.sleep('11 minutes');
      const stalled = await handle.query(auditCheckpointQuery);
      expect(stalled.latest!.number).toBe(3);
      expect(stalled.missed).toBeGreaterThanOrEqual(2);
      expect(stalled.missed).toBeLessThanOrEqual(4);
      await expect(verifyAuditTrail(prisma, stalled)).resolves.toMatchObject({
        checkpoint: { id: 'audit-checkpoint/3', missedRounds: stalled.missed },
      });
      failing = false;
      await env.sleep('6 minutes');
      const resumed = await stateAt(4);
      expect(resumed.missed).toBe(0);

      // Run on to continue-as-new (100 checkpoints per run): numbering and finding carry over.
      let state = resumed;
      for (let i = 0; i < 110 && state.runId === firstRunId; i++) {
        await env.sleep('61 minutes');
        state = await handle.query(auditCheckpointQuery);
      }
      expect(state.runId).not.toBe(firstRunId);
      expect(state.latest!.number).toBeGreaterThan(90); // 100 rounds a run, the missed ones included
      expect(state.latest!.id).toBe(`audit-checkpoint/${state.latest!.number}`);
      expect(state.findings).toEqual([finding]);
      expect(state.missed).toBe(0);

      await recordHistory('audit-checkpoint-run-1', () =>
        env.client.workflow.getHandle(AUDIT_CHECKPOINT_WORKFLOW_ID, firstRunId).fetchHistory(),
      );
      await handle.terminate('test over');
    });
  });
});

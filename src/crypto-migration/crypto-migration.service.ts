import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { refuse } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { CryptoMigrationBody, CryptoMigrationReport } from '../core/contracts/crypto-migration';
import type { Actor } from '../core/contracts/roles';
import { cryptoMigrationWorkflowId } from '../core/workflow-ids';
import { PrismaClient } from '../prisma/prisma-client';
import { cryptoMigrationWorkflow } from '../../workflows/crypto-migration.workflow';
import { CryptoMigrationRepository } from './crypto-migration.repository';

/**
 * Re-encryption runs: the target must be the suite the installation is configured with (new
 * rows are already written under it; the run converts the old ones), one run at a time; the
 * row, its audit row and its workflow start in one transaction.
 */
@Injectable()
export class CryptoMigrationService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(CryptoMigrationRepository) private readonly rows: CryptoMigrationRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(actor: Actor, body: CryptoMigrationBody, requestId: string) {
    if (body.targetSuite !== this.config.CRYPTO_SUITE)
      refuse(
        'CRYPTO_SUITE_NOT_CONFIGURED',
        `本系统配置的 CRYPTO_SUITE 为 ${this.config.CRYPTO_SUITE}，目标为 ${body.targetSuite}：请先修改配置并重启服务和 Worker`,
        [{ path: 'targetSuite', code: 'CRYPTO_SUITE_NOT_CONFIGURED', message: '须与 CRYPTO_SUITE 配置一致' }],
      );
    const id = randomUUID();
    const workflowId = cryptoMigrationWorkflowId(id);
    await this.prisma.$transaction(async (tx) => {
      await this.rows.lockStarts(tx);
      const running = await this.rows.running(tx);
      if (running) refuse('CRYPTO_MIGRATION_RUNNING', `迁移 ${running.id} 尚未结束`);
      await this.rows.create(tx, { id, targetSuite: body.targetSuite, workflowId, requestedBy: actor.userId });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'CRYPTO_MIGRATION_STARTED',
        targetType: 'CryptoMigration',
        targetId: id,
        requestId,
        details: { targetSuite: body.targetSuite },
      });
      // Started before the commit: a failed start rolls the run back.
      await this.temporal.workflow.start(cryptoMigrationWorkflow, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ migrationId: id, targetSuite: body.targetSuite }],
      });
    });
    return this.get(id);
  }

  async get(id: string) {
    const r = await this.rows.find(id);
    if (!r) refuse('NOT_FOUND', '迁移不存在');
    return {
      id: r.id,
      targetSuite: r.targetSuite,
      status: r.status,
      report: r.report as CryptoMigrationReport,
      cursor: r.cursorTable ? { table: r.cursorTable, after: r.cursorAfter } : null,
      requestedBy: r.requestedBy,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    };
  }
}

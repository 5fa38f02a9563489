import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../../audit/audit-log';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { assertSameRequest, idempotentId, recordRequest } from '../../common/idempotency';
import type { IdempotentRequest } from '../../common/idempotency-key.decorator';
import { refuse } from '../../common/refusals';
import { cstDate } from '../../core/clock';
import { addMonths } from '../../core/months';
import type { ProvincialDataset, ProvincialExportQuery } from '../../core/contracts/provincial-export';
import type { Actor } from '../../core/contracts/roles';
import { Prisma, PrismaClient } from '../../prisma/prisma-client';
import { PiiCipher } from '../../registry/pii-cipher';
import { tableCsv, type ProvincialTable } from './provincial-files';
import { POPULATION_COLUMNS, PROVINCIAL_RECEIVER, WARNING_COLUMNS, type ProvincialColumn } from './provincial-layout';
import { ProvincialExportRepository, type MonthSpan } from './provincial-export.repository';
import { PROVINCIAL_PLATFORM_GATEWAY, type ProvincialPlatformGateway } from './provincial-platform.gateway';

const SHEETS: Record<ProvincialDataset, string> = { population: '低收入人口', warnings: '预警及处置' };

/**
 * The county's low-income population database and its warnings for one month, as files for
 * the provincial platform (plan 二(三)1: 逐级上传): downloaded by staff, or handed to the
 * platform's gateway. Each is on the audit trail.
 */
@Injectable()
export class ProvincialExportService {
  constructor(
    @Inject(ProvincialExportRepository) private readonly exports: ProvincialExportRepository,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(PROVINCIAL_PLATFORM_GATEWAY) private readonly gateway: ProvincialPlatformGateway,
  ) {}

  /** The county in the caller's jurisdiction, and a month that has begun (CST). */
  private span(actor: Actor, county: string, period: string): MonthSpan {
    assertJurisdiction(actor, county);
    const thisMonth = cstDate(new Date().toISOString()).slice(0, 7);
    if (period > thisMonth)
      refuse('PERIOD_NOT_STARTED', `所选月份 ${period} 尚未开始（本月为 ${thisMonth}）`, [
        { path: 'period', code: 'PERIOD_NOT_STARTED', message: `不能晚于本月（${thisMonth}）` },
      ]);
    return {
      month: period,
      from: new Date(`${period}-01T00:00:00+08:00`),
      to: new Date(`${addMonths(period, 1)}-01T00:00:00+08:00`),
    };
  }

  private async table(dataset: ProvincialDataset, county: string, span: MonthSpan): Promise<ProvincialTable> {
    const pseudonym = (hmac: string) => this.pii.pseudonym(hmac, PROVINCIAL_RECEIVER);
    const build = <T>(columns: readonly ProvincialColumn<T>[], rows: readonly T[]): ProvincialTable => ({
      sheet: `${span.month} ${SHEETS[dataset]}`,
      headers: columns.map((c) => c.header),
      rows: rows.map((r) => columns.map((c) => c.cell(r, pseudonym))),
    });
    return dataset === 'population'
      ? build(POPULATION_COLUMNS, await this.exports.population(county, span))
      : build(WARNING_COLUMNS, await this.exports.warnings(county, span));
  }

  /** One dataset as a table, its download on the audit trail (what, for whom, how many rows: never the rows). */
  async download(actor: Actor, dataset: ProvincialDataset, q: ProvincialExportQuery, requestId: string) {
    const span = this.span(actor, q.county, q.period);
    const table = await this.table(dataset, q.county, span);
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'PROVINCIAL_EXPORT_DOWNLOADED',
        targetType: 'County',
        targetId: q.county,
        requestId,
        details: { dataset, period: q.period, format: q.format, rows: table.rows.length },
      }),
    );
    return { table, fileName: `${dataset}-${q.county}-${q.period}.${q.format}` };
  }

  /**
   * Both datasets handed to the provincial platform gateway (the embedded one records them), then
   * audited. Under an Idempotency-Key the submissionId is derived from actor and key, and the key
   * is recorded with the audit row: a retry after the commit returns the first answer from that
   * row and hands nothing over; a retry after a crash between the gateway and the commit hands
   * the files over again under the same submissionId, which the gateway keeps once.
   */
  async submit(actor: Actor, county: string, period: string, requestId: string, idempotency?: IdempotentRequest) {
    const span = this.span(actor, county, period);
    if (idempotency && (await assertSameRequest(this.prisma, actor.userId, idempotency)))
      return this.firstAnswer(actor, county, idempotency);
    const submissionId = idempotency ? idempotentId(actor.userId, idempotency, 'provincial-export') : randomUUID();
    const files = [];
    for (const dataset of ['population', 'warnings'] as const) {
      const table = await this.table(dataset, county, span);
      const content = tableCsv(table);
      files.push({
        dataset: dataset.toUpperCase() as 'POPULATION' | 'WARNINGS',
        fileName: `${dataset}-${county}-${period}.csv`,
        rowCount: table.rows.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
      });
    }
    const { channel } = await this.gateway.submit({
      submissionId,
      countyCode: county,
      period,
      submittedBy: actor.userId,
      files,
    });
    const datasets = files.map(({ dataset, fileName, rowCount, sha256 }) => ({ dataset, fileName, rowCount, sha256 }));
    try {
      await this.prisma.$transaction(async (tx) => {
        if (idempotency) await recordRequest(tx, actor.userId, idempotency);
        await appendAudit(tx, {
          actorId: actor.userId,
          role: actor.role,
          action: 'PROVINCIAL_EXPORT_SUBMITTED',
          targetType: 'County',
          targetId: county,
          requestId,
          details: { submissionId, period, channel, datasets },
        });
      });
    } catch (error) {
      // Two retries of one request racing: the loser, once the winner committed, answers as it did.
      if (idempotency && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        await assertSameRequest(this.prisma, actor.userId, idempotency);
        return this.firstAnswer(actor, county, idempotency);
      }
      throw error;
    }
    return { submissionId, countyCode: county, period, channel, datasets };
  }

  /** The answer of the key's first submission, read back from its audit row. */
  private async firstAnswer(actor: Actor, county: string, idempotency: IdempotentRequest) {
    const first = await this.exports.submitted(county, idempotentId(actor.userId, idempotency, 'provincial-export'));
    // The key's record and the audit row commit together: one without the other is a broken invariant.
    if (!first) throw new Error('a provincial submission recorded under an Idempotency-Key has no audit row');
    const { submissionId, period, channel, datasets } = first;
    return { submissionId, countyCode: county, period, channel, datasets };
  }
}

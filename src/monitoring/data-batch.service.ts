import { rm } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { countyOf } from '../core/contracts/division';
import { dataBatchWorkflowId } from '../core/workflow-ids';
import { dataBatchWorkflow } from '../../workflows/data-batch.workflow';
import { assertJurisdiction } from '../auth/jurisdiction';
import { refuse } from '../common/refusals';
import { cstDate } from '../core/clock';
import { SOURCE_LAYOUTS, type DataBatchUpload, type DataSource } from '../core/contracts/data-source';
import type { Actor } from '../core/contracts/roles';
import { PiiCipher } from '../registry/pii-cipher';
import { withTemporalDeadline } from '../temporal/temporal-deadline';
import { batchRows } from './batch-rows';
import { DataBatchRepository } from './data-batch.repository';
import { findBatch, stageBatch } from './batch-store';
import { csvEncoding } from './csv-encoding';
import { fileRecordChunks } from './file-records';
import { DataFileRefusal } from './file-refusal';
import { sniffFile } from './file-sniff';
import { STAGING_POOL } from './staging-pool';

export interface UploadedDataFile {
  originalname: string;
  path: string;
}

/** Department data comparison, the intake: a file checked row by row and its good rows staged. */
@Injectable()
export class DataBatchService {
  constructor(
    @Inject(DataBatchRepository) private readonly batches: DataBatchRepository,
    @Inject(STAGING_POOL) private readonly pool: Pool,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Matching and warnings run in the batch's workflow, after the upload answered. Its id is
   * the batch's: uploading the same file again starts nothing twice, and starts it if a
   * crash came between staging and the start.
   */
  private async startMatching(batchId: string, scope: string): Promise<void> {
    try {
      // A deadline of its own, from now: the request's began before the file was read, and a
      // million-row file takes longer than that to stage (the start would be refused 503 after
      // the batch was committed).
      await withTemporalDeadline(this.temporal, this.config.TEMPORAL_CALL_TIMEOUT_MS, () =>
        this.temporal.workflow.start(dataBatchWorkflow, {
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          workflowId: dataBatchWorkflowId(batchId),
          args: [{ batchId, countyCode: countyOf(scope) }],
        }),
      );
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  /** A liaison uploads their own department's sources; county civil affairs uploads any, for departments without a liaison too. */
  private async assertMayUpload(actor: Actor, source: DataSource): Promise<void> {
    if (actor.role !== 'DEPARTMENT_LIAISON') return;
    const department = await this.departmentOf(actor);
    const owner = SOURCE_LAYOUTS[source].department;
    if (owner === null || owner !== department)
      refuse(
        'DATA_SOURCE_NOT_OWN_DEPARTMENT',
        `部门联络员只能上传本部门的数据；“${SOURCE_LAYOUTS[source].nameZh}”由${owner === null ? '县级民政部门代为' : '其主管部门联络员或县级民政部门'}上传`,
      );
  }

  private async departmentOf(actor: Actor): Promise<string | null> {
    return this.batches.departmentOf(actor.userId);
  }

  async upload(actor: Actor, body: DataBatchUpload, file: UploadedDataFile | undefined, requestId: string) {
    if (!file) refuse('DATA_FILE_MISSING');
    const layout = SOURCE_LAYOUTS[body.source];
    try {
      await this.assertMayUpload(actor, body.source);
      const sniff = await sniffFile(file.path);
      const known = await findBatch(this.pool, {
        source: body.source,
        scope: actor.jurisdiction,
        sha256: sniff.sha256,
      });
      if (known) {
        await this.startMatching(known, actor.jurisdiction);
        return this.get(actor, known, true);
      }
      const records = fileRecordChunks(file.path, file.originalname, body.encoding, sniff);
      const xlsx = sniff.kind === 'ZIP';
      const items = batchRows(
        records,
        layout,
        { today: cstDate(new Date().toISOString()), jurisdiction: actor.jurisdiction },
        {
          padShortRows: xlsx,
        },
      );
      const result = await stageBatch(
        this.pool,
        {
          source: body.source,
          fileName: file.originalname.slice(0, 255),
          sha256: sniff.sha256,
          encoding: xlsx ? 'xlsx' : csvEncoding(body.encoding, sniff),
          actor,
          requestId,
          uploadedAt: new Date(),
        },
        items,
        this.pii.bulkLookupHash(),
      );
      await this.startMatching(result.id, actor.jurisdiction);
      return this.get(actor, result.id, !result.created);
    } catch (e) {
      if (e instanceof DataFileRefusal)
        refuse(
          e.code,
          e.message,
          e.problems.map((p) => ({
            path: `file${p.row === null ? '' : `[${p.row}]`}${p.column === null ? '' : `.${p.column}`}`,
            code: p.code,
            message: p.message,
          })),
        );
      throw e;
    } finally {
      // The upload holds ID numbers in clear: it does not outlive the request.
      await rm(file.path, { force: true });
    }
  }

  private async batch(actor: Actor, id: string) {
    const batch = await this.batches.batch(id);
    if (!batch) refuse('NOT_FOUND', `数据批次不存在：${id}`);
    assertJurisdiction(actor, batch.scopeCode);
    if (actor.role === 'DEPARTMENT_LIAISON') {
      const owner = SOURCE_LAYOUTS[batch.source as DataSource]?.department ?? null;
      if (owner === null || owner !== (await this.departmentOf(actor)))
        refuse('DATA_SOURCE_NOT_OWN_DEPARTMENT', '部门联络员只能查看本部门的数据批次');
    }
    return batch;
  }

  async get(actor: Actor, id: string, duplicate = false) {
    const b = await this.batch(actor, id);
    return {
      id: b.id,
      source: b.source,
      sourceName: SOURCE_LAYOUTS[b.source as DataSource]?.nameZh ?? b.source,
      fileName: b.fileName,
      sha256: b.sha256,
      encoding: b.encoding,
      status: b.status,
      rowsRead: b.rowsRead,
      rowsRefused: b.rowsRefused,
      rowsStaged: b.rowsStaged,
      uploadedBy: b.uploadedBy,
      uploadedAt: b.uploadedAt,
      stagedAt: b.stagedAt,
      rowsMatched: b.rowsMatched,
      warningsRaised: b.warningsRaised,
      warningsUpdated: b.warningsUpdated,
      populationRecorded: b.populationRecorded,
      reportedAt: b.reportedAt,
      duplicate,
    };
  }

  async refusals(actor: Actor, id: string) {
    await this.batch(actor, id);
    const rows = await this.batches.refusals(id);
    return { items: rows };
  }
}

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { refuse } from '../common/refusals';
import { cstDate } from '../core/clock';
import type { BankReturnNote, BankReturnResult, BankReturnUpload } from '../core/contracts/funds';
import type { Actor } from '../core/contracts/roles';
import { enrolledCaseWorkflowId } from '../core/workflow-ids';
import { fileRecords } from '../monitoring/file-records';
import { DataFileRefusal, type Problem } from '../monitoring/file-refusal';
import { sniffFile } from '../monitoring/file-sniff';
import { Prisma, PrismaClient } from '../prisma/prisma-client';
import { fen } from './fund-findings';
import { readBankReturn, type BankReturnRow } from './bank-return-layout';
import {
  applicationTownship,
  bankReturnByHash,
  bankReturnCreate,
  instructionsByIds,
  instructionUpdate,
  liveFailureTasks,
  taskClose,
  taskCreate,
  type ReturnedInstruction,
} from './funds.repository';

export interface UploadedBankFile {
  originalname: string;
  path: string;
}

type Tx = Prisma.TransactionClient;
/** Ids per query: well under PostgreSQL's bound on parameters. */
const CHUNK = 5000;
const yuan = (f: number) => (f / 100).toFixed(2);

/**
 * A bank return file applied to a county's month in one transaction: every row checked
 * first (layout, then each instruction's existence, county and month), and only a file
 * without a single problem changes anything. The same file again (by content hash)
 * answers the first result.
 */
@Injectable()
export class BankReturnService {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async upload(
    actor: Actor,
    body: BankReturnUpload,
    file: UploadedBankFile | undefined,
    requestId: string,
  ): Promise<BankReturnResult & { duplicate: boolean }> {
    if (!file) refuse('DATA_FILE_MISSING', '须在表单字段 file 中上传回盘文件（.csv 或 .xlsx）');
    try {
      assertJurisdiction(actor, body.county);
      const sniff = await sniffFile(file.path);
      const known = await this.known(body.county, sniff.sha256);
      if (known) return { ...known, duplicate: true };
      const read = await readBankReturn(fileRecords(file.path, file.originalname, body.encoding, sniff), {
        today: cstDate(new Date().toISOString()),
        jurisdiction: body.county,
      });
      try {
        const result = await this.prisma.$transaction(
          (tx) => this.apply(tx, actor, body, file.originalname.slice(0, 255), sniff.sha256, read, requestId),
          { timeout: 120_000, maxWait: 10_000 },
        );
        return { ...result, duplicate: false };
      } catch (e) {
        // The same file uploaded twice at once: the second insert loses, the first result stands.
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
          const first = await this.known(body.county, sniff.sha256);
          if (first) return { ...first, duplicate: true };
        }
        throw e;
      }
    } catch (e) {
      if (e instanceof DataFileRefusal) refuseProblems(e.code, e.message, e.problems);
      throw e;
    } finally {
      await rm(file.path, { force: true });
    }
  }

  private async known(countyCode: string, sha256: string): Promise<BankReturnResult | null> {
    const row = await bankReturnByHash(this.prisma, countyCode, sha256);
    return row ? (row.result as unknown as BankReturnResult) : null;
  }

  private async apply(
    tx: Tx,
    actor: Actor,
    body: BankReturnUpload,
    fileName: string,
    sha256: string,
    read: { rows: BankReturnRow[]; problems: Problem[] },
    requestId: string,
  ): Promise<BankReturnResult> {
    const problems = [...read.problems];
    const ids = [...new Set(read.rows.map((r) => r.paymentInstructionId))];
    const instructions = new Map<string, ReturnedInstruction>();
    for (let i = 0; i < ids.length; i += CHUNK)
      for (const p of await this.instructions(tx, ids.slice(i, i + CHUNK))) instructions.set(p.id, p);
    for (const r of read.rows) {
      const p = instructions.get(r.paymentInstructionId);
      const at = (message: string) =>
        problems.push({ row: r.row, column: '指令编号', code: 'BANK_RETURN_ROW_INVALID', message });
      if (!p) at(`支付指令 ${r.paymentInstructionId} 不存在`);
      else if (p.countyCode !== body.county)
        at(`该支付指令属于其他县（市、区）（${p.countyCode}），不属于 ${body.county}`);
      else if (p.month !== body.month) at(`该支付指令是 ${p.month} 月的，不是本文件的 ${body.month} 月`);
    }
    if (problems.length > 0)
      refuseProblems('BANK_RETURN_INVALID', `回盘文件有 ${problems.length} 处错误，未作任何变更`, problems);

    const id = randomUUID();
    const byInstruction = new Map<string, BankReturnRow[]>();
    for (const r of read.rows)
      byInstruction.set(r.paymentInstructionId, [...(byInstruction.get(r.paymentInstructionId) ?? []), r]);
    const notes: BankReturnNote[] = [];
    let paid = 0;
    let failed = 0;
    let partial = 0;
    let duplicated = 0;
    for (const [paymentId, rows] of byInstruction) {
      const p = instructions.get(paymentId)!;
      const note = (kind: BankReturnNote['kind'], message: string) =>
        notes.push({ row: rows[0]!.row, paymentInstructionId: paymentId, kind, message });
      if (rows.length > 1)
        note('DUPLICATED', `同一支付指令有 ${rows.length} 行（第 ${rows.map((r) => r.row).join('、')} 行）`);
      const successes = rows.filter((r) => r.result === 'PAID');
      if (successes.length > 0) {
        // A payment recorded by an earlier file stays: this file's successes come on top (paid twice).
        const earlier = p.status === 'PAID' && p.bankReturnId !== null;
        const times = (earlier ? p.paidTimes : 0) + successes.length;
        const total =
          (earlier && p.paidAmount ? fen(p.paidAmount.toFixed(2)) : 0) +
          successes.reduce((s, r) => s + fen(r.amount), 0);
        const last = successes[successes.length - 1]!;
        await instructionUpdate(tx, paymentId, {
          status: 'PAID',
          paidAmount: yuan(total),
          paidTimes: times,
          paidOn: successes
            .map((r) => r.paidOn!)
            .sort()
            .at(-1)!,
          bankReference: last.bankReference,
          bankReturnId: id,
          reconciledAt: new Date(),
          reconciledBy: actor.userId,
        });
        paid++;
        if (total < fen(p.amount.toFixed(2))) {
          partial++;
          note('PARTIAL', `实发 ${yuan(total)} 元，少于应发 ${p.amount.toFixed(2)} 元`);
        }
        if (times > 1) {
          duplicated++;
          if (earlier) note('DUPLICATED', `该支付指令此前已由回盘文件登记为已支付，本文件再次支付（共 ${times} 次）`);
        } else if (rows.length > 1) duplicated++;
        // Paid after a failure: the failure's task is settled, as when reconciled by hand.
        if (p.status === 'FAILED')
          for (const t of await liveFailureTasks(tx, paymentId)) {
            await taskClose(tx, t.id, 'PAID', actor.userId);
            await appendAudit(tx, {
              actorId: actor.userId,
              role: actor.role,
              action: 'TASK_COMPLETED',
              targetType: 'Task',
              targetId: t.id,
              requestId,
              details: { outcome: 'PAID', paymentInstructionId: paymentId, bankReturnId: id },
            });
          }
        await this.audit(tx, actor, requestId, 'PAYMENT_RECONCILED_PAID', paymentId, null, {
          bankReturnId: id,
          month: p.month,
          previousStatus: p.status,
          paidAmount: yuan(total),
          paidTimes: times,
        });
        continue;
      }
      if (rows.length > 1) duplicated++;
      if (p.status === 'PAID') {
        note('ALREADY_PAID', '该支付指令已登记为已支付，本文件中的失败行未处理');
        continue;
      }
      const reason = rows[rows.length - 1]!.failureReason!;
      await instructionUpdate(tx, paymentId, {
        status: 'FAILED',
        failureReason: reason,
        bankReturnId: id,
        reconciledAt: new Date(),
        reconciledBy: actor.userId,
      });
      failed++;
      await this.audit(tx, actor, requestId, 'PAYMENT_RECONCILED_FAILED', paymentId, reason, {
        bankReturnId: id,
        month: p.month,
        previousStatus: p.status,
      });
      if (p.status === 'PENDING') await this.openFailureTask(tx, actor, p, reason, requestId);
    }
    const result: BankReturnResult = {
      id,
      countyCode: body.county,
      month: body.month,
      fileName,
      rows: read.rows.length,
      paid,
      failed,
      partial,
      duplicated,
      notes,
    };
    await bankReturnCreate(tx, {
      id,
      countyCode: body.county,
      month: body.month,
      sha256,
      fileName,
      result: result as unknown as Prisma.InputJsonValue,
      uploadedBy: actor.userId,
    });
    await appendAudit(tx, {
      actorId: actor.userId,
      role: actor.role,
      action: 'BANK_RETURN_APPLIED',
      targetType: 'BankReturn',
      targetId: id,
      requestId,
      details: {
        countyCode: body.county,
        month: body.month,
        sha256,
        rows: result.rows,
        paid,
        failed,
        partial,
        duplicated,
      },
    });
    return result;
  }

  private instructions(tx: Tx, ids: string[]) {
    return instructionsByIds(tx, ids);
  }

  private audit(
    tx: Tx,
    actor: Actor,
    requestId: string,
    action: string,
    paymentId: string,
    reason: string | null,
    details: Prisma.InputJsonValue,
  ) {
    return appendAudit(tx, {
      actorId: actor.userId,
      role: actor.role,
      action,
      targetType: 'PaymentInstruction',
      targetId: paymentId,
      reason,
      requestId,
      details,
    });
  }

  /** As a failure reconciled one by one: a PAYMENT_FAILED task for the county officer (reissue or close). */
  private async openFailureTask(
    tx: Tx,
    actor: Actor,
    p: ReturnedInstruction,
    reason: string,
    requestId: string,
  ): Promise<void> {
    const taskId = randomUUID();
    const township = p.enrolledCase.townshipCode ?? (await applicationTownship(tx, p.enrolledCase.applicationId));
    await taskCreate(tx, {
      id: taskId,
      taskKey: `PAYMENT_FAILED#${p.id}#${taskId}`,
      type: 'PAYMENT_FAILED',
      applicationId: p.enrolledCase.applicationId,
      workflowId: p.enrolledCase.workflowId ?? enrolledCaseWorkflowId(p.enrolledCaseId),
      candidateRole: 'COUNTY_OFFICER',
      jurisdiction: p.countyCode,
      countyCode: p.countyCode,
      townshipCode: township,
      priority: 1,
    });
    await appendAudit(tx, {
      actorId: actor.userId,
      role: actor.role,
      action: 'TASK_OPENED',
      targetType: 'Task',
      targetId: taskId,
      requestId,
      reason,
      details: {
        type: 'PAYMENT_FAILED',
        applicationId: p.enrolledCase.applicationId,
        paymentInstructionId: p.id,
        candidateRole: 'COUNTY_OFFICER',
        jurisdiction: p.countyCode,
      },
    });
  }
}

/** A refused file: each problem as a field error `file[row].column`, as the data batches answer. */
function refuseProblems(code: Parameters<typeof refuse>[0], message: string, problems: readonly Problem[]): never {
  refuse(
    code,
    message,
    problems.map((p) => ({
      path: `file${p.row === null ? '' : `[${p.row}]`}${p.column === null ? '' : `.${p.column}`}`,
      code: p.code,
      message: p.message,
    })),
  );
}

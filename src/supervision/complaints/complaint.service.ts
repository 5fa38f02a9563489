import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { DomainError } from '../../common/domain-error';
import { refuse } from '../../common/refusals';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import {
  COMPLAINT_STAGE_NAMES_ZH,
  type ComplaintAction,
  type ComplaintChannel,
  type ComplaintInput,
  type ComplaintListQuery,
  type ComplaintStage,
  type ComplaintState,
  type FileComplaint,
} from '../../core/contracts/complaint';
import { countyScopeOf } from '../../common/jurisdiction-scope';
import { divisionCovers } from '../../core/contracts/division';
import type { Actor } from '../../core/contracts/roles';
import { complaintActUpdate } from '../../core/messages';
import { complaintWorkflowId } from '../../core/workflow-ids';
import type { Prisma } from '../../prisma/prisma-client';
import { PiiCipher } from '../../registry/pii-cipher';
import { actorRef, refusalToHttp } from '../../temporal/refusal';
import { ComplaintRepository } from './complaint.repository';
import { newReceiptCode, receiptHash, submissionHash } from './receipt-code';
import { complaintWorkflow } from '../../../workflows/complaint.workflow';

type ComplaintRow = Prisma.ComplaintGetPayload<object>;

/** Who filed it: the public (by client address) or a member of staff recording a hotline call. */
type Filer = { channel: 'PUBLIC'; client: string } | { channel: 'HOTLINE'; actor: Actor; requestId: string };

/** Stages after which the reply is public. */
const ANSWERED: ReadonlySet<string> = new Set<ComplaintStage>(['ANSWERED', 'CLOSED']);

/**
 * Complaints and reports: filing (public or hotline), the public lookup by receipt code, the
 * staff's lists and timeline, and the handling task's answer (the workflow's Update).
 */
@Injectable()
export class ComplaintService {
  constructor(
    @Inject(ComplaintRepository) private readonly complaints: ComplaintRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async file(body: FileComplaint, filer: Filer): Promise<{ id: string; receiptCode: string }> {
    // A township caseworker records calls about their own county; county staff about theirs.
    if (filer.channel === 'HOTLINE' && !divisionCovers(body.countyCode, filer.actor.jurisdiction))
      assertJurisdiction(filer.actor, body.countyCode);
    if (!(await this.complaints.countyExists(body.countyCode)))
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'countyCode', code: 'unknown_county', message: `县级区划 ${body.countyCode} 不存在` },
      ]);
    // A repeat is refused, not answered with the first receipt: only its hash is stored.
    const repeat = submissionHash(filer.channel === 'PUBLIC' ? `ip:${filer.client}` : `staff:${filer.actor.userId}`, [
      body.subject,
      body.subjectRef,
      body.countyCode,
      body.content,
    ]);
    const windowMs = this.config.COMPLAINT_REPEAT_WINDOW_MINUTES * 60_000;
    if (windowMs > 0 && (await this.complaints.repeated(repeat, new Date(Date.now() - windowMs))) > 0)
      refuse('COMPLAINT_DUPLICATE');
    // A case complaint names an enrolled case of its county when it can: the answer may open its recheck.
    const kase =
      body.subject === 'CASE' && body.subjectRef ? await this.complaints.enrolledCaseOf(body.subjectRef) : null;
    const enrolledCaseId = kase && kase.countyCode === body.countyCode ? kase.id : null;
    const id = randomUUID();
    const receiptCode = newReceiptCode();
    const workflowId = complaintWorkflowId(id);
    const contact =
      !body.anonymous && (body.contactName || body.contactPhone)
        ? this.pii.encrypt(JSON.stringify({ name: body.contactName ?? null, phone: body.contactPhone ?? null }))
        : null;
    const now = new Date();
    await this.complaints.register(
      {
        id,
        receiptHash: receiptHash(receiptCode),
        channel: filer.channel satisfies ComplaintChannel,
        subject: body.subject,
        subjectRef: body.subjectRef ?? null,
        enrolledCaseId,
        countyCode: body.countyCode,
        content: body.content,
        anonymous: body.anonymous,
        contactSealed: contact,
        submissionHash: repeat,
        recordedBy: filer.channel === 'HOTLINE' ? filer.actor.userId : null,
        stage: 'REGISTERED',
        workflowId,
        registeredAt: now,
        updatedAt: now,
      },
      filer.channel === 'HOTLINE'
        ? { actorId: filer.actor.userId, role: filer.actor.role, requestId: filer.requestId }
        : { actorId: 'public', role: 'PUBLIC', requestId: null },
    );
    const input: ComplaintInput = {
      complaintId: id,
      countyCode: body.countyCode,
      subject: body.subject,
      enrolledCaseId,
    };
    await this.temporal.workflow.start(complaintWorkflow, {
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [input],
    });
    return { id, receiptCode };
  }

  /** The public lookup: the stage and, once answered, the reply; nothing else. */
  async byReceipt(code: string) {
    const c = await this.complaints.byReceipt(receiptHash(code));
    if (!c) refuse('NOT_FOUND', '未找到该受理编号的投诉举报');
    const answered = ANSWERED.has(c.stage);
    return {
      stage: c.stage,
      stageName: COMPLAINT_STAGE_NAMES_ZH[c.stage as ComplaintStage] ?? c.stage,
      registeredAt: c.registeredAt,
      answeredAt: answered ? c.answeredAt : null,
      reply: answered ? c.reply : null,
    };
  }

  /**
   * Complaints in the caller's jurisdiction. One about staff is handled by the city's
   * supervisors (before that role, the county supervisor): the county officers and township
   * caseworkers (whom it may concern) do not see it.
   */
  private visible(actor: Actor): Prisma.ComplaintWhereInput {
    return {
      ...countyScopeOf(actor.jurisdiction),
      ...(actor.role === 'COUNTY_OFFICER' || actor.role === 'TOWNSHIP_CASEWORKER' ? { subject: { not: 'STAFF' } } : {}),
    };
  }

  async list(actor: Actor, q: ComplaintListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    const now = new Date();
    const where: Prisma.ComplaintWhereInput = {
      AND: [
        this.visible(actor),
        ...(q.county ? [{ countyCode: q.county }] : []),
        ...(q.stage ? [{ stage: q.stage }] : []),
        ...(q.overdue === 'true'
          ? [{ OR: [{ overdue: true }, { stage: { not: 'CLOSED' }, dueAt: { lt: now } }] }]
          : q.overdue === 'false'
            ? [{ overdue: false, OR: [{ dueAt: null }, { dueAt: { gte: now } }, { stage: 'CLOSED' }] }]
            : []),
      ],
    };
    const [rows, total] = await this.complaints.page(where, (q.page - 1) * q.pageSize, q.pageSize);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }

  private async located(actor: Actor, id: string): Promise<ComplaintRow> {
    const c = await this.complaints.complaint(id);
    if (!c) refuse('NOT_FOUND', `投诉举报不存在：${id}`);
    assertJurisdiction(actor, c.countyCode);
    if (c.subject === 'STAFF' && (actor.role === 'COUNTY_OFFICER' || actor.role === 'TOWNSHIP_CASEWORKER'))
      refuse('ROLE_NOT_ALLOWED', '涉及工作人员的投诉举报由市级民政主管办理，经办人员不能查看');
    return c;
  }

  async get(actor: Actor, id: string) {
    const c = await this.located(actor, id);
    const events = await this.complaints.timeline(id);
    return {
      ...view(c),
      subjectRef: c.subjectRef,
      content: c.content,
      findings: c.findings,
      reply: c.reply,
      changeReportId: c.changeReportId,
      // Whoever answers may need to call back; the auditor reads the handling, not the person.
      contact: c.contactSealed && actor.role !== 'AUDITOR' ? this.contactOf(c.contactSealed) : null,
      timeline: events.map((e) => ({ type: e.type, stage: e.stage, actor: e.actor, reason: e.reason, at: e.at })),
    };
  }

  private contactOf(sealed: string): { name: string | null; phone: string | null } {
    return JSON.parse(this.pii.decrypt(sealed)) as { name: string | null; phone: string | null };
  }

  /** The handling task's completion: the workflow's validator has the last word (stage, role, jurisdiction). */
  async act(
    actor: Actor,
    id: string,
    command: ComplaintAction,
    requestId: string,
    taskId?: string,
  ): Promise<ComplaintState> {
    const c = await this.located(actor, id);
    try {
      return await this.temporal.workflow
        .getHandle(c.workflowId ?? complaintWorkflowId(c.id))
        .executeUpdate(complaintActUpdate, {
          args: [{ actor: actorRef(actor), requestId, command, ...(taskId ? { taskId } : {}) }],
        });
    } catch (error) {
      throw refusalToHttp(error, () => new DomainError(409, 'CASE_CLOSED', '该投诉举报已办结'));
    }
  }
}

function view(c: ComplaintRow) {
  return {
    id: c.id,
    channel: c.channel,
    subject: c.subject,
    countyCode: c.countyCode,
    enrolledCaseId: c.enrolledCaseId,
    anonymous: c.anonymous,
    stage: c.stage,
    stageName: COMPLAINT_STAGE_NAMES_ZH[c.stage as ComplaintStage] ?? c.stage,
    dueAt: c.dueAt,
    overdue: c.overdue || (c.stage !== 'CLOSED' && c.dueAt !== null && c.dueAt.getTime() < Date.now()),
    registeredAt: c.registeredAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
  };
}

import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { appendAudit } from '../../audit/audit-log';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { notFound } from '../../common/domain-error';
import { countyScopeOf } from '../../common/jurisdiction-scope';
import { refuse } from '../../common/refusals';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import {
  OUTREACH_WARNING_SOURCE,
  outreachSurveyWorkflowId,
  type OutreachVisitKind,
  type OutreachVisitRecord,
  type SurveyRequest,
} from '../../core/contracts/outreach';
import type { SurveyListQuery } from '../../core/contracts/record-lists';
import type { Actor } from '../../core/contracts/roles';
import type { WarningInput } from '../../core/contracts/warning';
import { warningWorkflowId } from '../../core/workflow-ids';
import { EnrolmentService } from '../../enrolment/enrolment.service';
import { PrismaClient } from '../../prisma/prisma-client';
import { taskNotOpen, type TaskView } from '../../tasks/task.repository';
import { warningWorkflow } from '../../../workflows/warning.workflow';
import { outreachWarningClass, raiseOutreachWarning } from './outreach-warning';
import {
  closeVisitTask,
  householdDivision,
  householdForVisit,
  householdsIn,
  insertSurvey,
  insertSurveyHousehold,
  insertVisit,
  linkChangeReport,
  linkWarningWorkflow,
  runningCaseOf,
  surveyOfTask,
  surveyScope,
  surveyPage,
  surveyWithVisits,
  householdVisits,
} from './outreach.repository';
import { lockOutreachHouseholds, openOutreachTask, openOutreachTaskOf } from './outreach-tasks';
import { seededSample } from './seeded-sample';

/** Up to 1,000 tasks and their audit rows in one transaction: more than Prisma's default 5 s. */
const SURVEY_TX_TIMEOUT_MS = 60_000;

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Outreach visits (走访) and random surveys (随机调查), plan 二(三)3: the village assistant's
 * record of a visit (completing its OUTREACH_VISIT task) with what follows from it, a
 * household's visits, and the county supervisor's seeded surveys.
 */
@Injectable()
export class OutreachService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EnrolmentService) private readonly enrolment: EnrolmentService,
  ) {}

  /**
   * Completes an OUTREACH_VISIT task (POST /api/v1/tasks/:id/complete). The visit, the task's
   * close, the audit row and (RAISE_WARNING) the warning are one transaction; the warning's
   * workflow starts after it. A change report goes through the enrolled case's own path
   * before that transaction, so a case that cannot hear it leaves the task open.
   */
  async recordVisit(actor: Actor, task: TaskView, body: OutreachVisitRecord, requestId: string) {
    const householdId = task.caseId;
    if (!householdId) throw new Error(`走访任务 ${task.id} 缺少所属家庭`);
    const household = await householdForVisit(this.prisma, householdId);
    if (!household) throw notFound('家庭', householdId);
    const enrolled = await runningCaseOf(this.prisma, householdId);
    const member =
      body.outcome !== 'NO_CHANGE' && body.memberId !== undefined
        ? household.members.find((m) => m.id === body.memberId)
        : undefined;
    if (body.outcome !== 'NO_CHANGE' && body.memberId !== undefined && !member)
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'memberId', code: 'not_a_member', message: '不是本户登记的成员' },
      ]);
    if (body.outcome === 'CHANGE_REPORT' && !enrolled)
      refuse('NO_ENROLLED_CASE', '该户没有在保的救助案件，不能报告变更；家庭情况变化需要救助的，请发起预警');
    if (body.outcome === 'RAISE_WARNING' && enrolled && !body.change)
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'change', code: 'required', message: '该户已纳入保障，发起预警须选择变更类型' },
      ]);

    // The case hears the change first: a case that cannot hear it (its workflow gone) refuses
    // before anything is written, and the visit task stays open for another try.
    const changeReportId =
      body.outcome === 'CHANGE_REPORT' && enrolled
        ? (
            await this.enrolment.reportChange(
              actor,
              enrolled.id,
              {
                kind: body.change,
                description: `走访发现：${body.changes}`,
                occurredOn: body.visitedOn,
                ...(body.memberId ? { memberId: body.memberId } : {}),
              },
              requestId,
            )
          ).changeReportId
        : null;
    const surveyed = await surveyOfTask(this.prisma, task.id);
    const kind: OutreachVisitKind = surveyed ? 'SURVEY' : 'ROUTINE';
    const visitId = randomUUID();
    const changes = body.changes ?? null;
    const { warningId, raised } = await this.prisma.$transaction(async (tx) => {
      if ((await closeVisitTask(tx, task.id, body.outcome, actor.userId)) === 0)
        throw taskNotOpen({ id: task.id, status: 'DONE' });
      const warning =
        body.outcome === 'RAISE_WARNING' && member
          ? await raiseOutreachWarning(tx, {
              warningId: randomUUID(),
              memberId: member.id,
              idNumberHmac: member.idNumberHmac,
              householdId,
              enrolledCaseId: enrolled?.id ?? null,
              villageCode: household.divisionCode,
              visitedOn: body.visitedOn,
              visitId,
              changes: body.changes,
            })
          : { warningId: null, raised: false };
      await insertVisit(tx, {
        id: visitId,
        householdId,
        villageCode: household.divisionCode,
        kind,
        surveyId: surveyed?.surveyId ?? null,
        taskId: task.id,
        visitor: actor.userId,
        visitedOn: body.visitedOn,
        findings: body.findings,
        changes,
        outcome: body.outcome,
        warningId: warning.warningId,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'OUTREACH_VISIT_RECORDED',
        targetType: 'Household',
        targetId: householdId,
        requestId,
        details: {
          visitId,
          taskId: task.id,
          kind,
          surveyId: surveyed?.surveyId ?? null,
          outcome: body.outcome,
          visitedOn: body.visitedOn,
          warningId: warning.warningId,
        },
      });
      return warning;
    });

    if (warningId && raised) await this.startWarning(warningId, household.divisionCode, enrolled?.id ?? null, body);
    if (changeReportId) await linkChangeReport(this.prisma, visitId, changeReportId);
    return { taskId: task.id, visitId, outcome: body.outcome, kind, warningId, changeReportId };
  }

  /** The existing warning workflow, started with the id every warning has: a retry joins it. */
  private async startWarning(
    warningId: string,
    villageCode: string,
    enrolledCaseId: string | null,
    body: OutreachVisitRecord,
  ): Promise<void> {
    const input: WarningInput = {
      warningId,
      warningClass: outreachWarningClass(enrolledCaseId),
      source: OUTREACH_WARNING_SOURCE,
      countyCode: villageCode.slice(0, 6),
      townshipCode: villageCode.slice(0, 9),
      enrolledCaseId,
      change: enrolledCaseId && body.outcome === 'RAISE_WARNING' ? (body.change ?? null) : null,
    };
    const workflowId = warningWorkflowId(warningId);
    try {
      await this.temporal.workflow.start(warningWorkflow, {
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    await linkWarningWorkflow(this.prisma, warningId, workflowId);
  }

  /** A household's visits, newest first (a handful a year: not paged). */
  async visitsOf(actor: Actor, householdId: string) {
    const household = await householdDivision(this.prisma, householdId);
    if (!household) throw notFound('家庭', householdId);
    assertJurisdiction(actor, household.divisionCode);
    const visits = await householdVisits(this.prisma, householdId);
    return {
      householdId,
      items: visits.map((v) => ({
        id: v.id,
        kind: v.kind,
        surveyId: v.surveyId,
        taskId: v.taskId,
        villageCode: v.villageCode,
        visitor: v.visitor,
        visitedOn: isoDate(v.visitedOn),
        findings: v.findings,
        changes: v.changes,
        outcome: v.outcome,
        warningId: v.warningId,
        changeReportId: v.changeReportId,
        recordedAt: v.recordedAt.toISOString(),
      })),
    };
  }

  /**
   * Draws a survey: the scope's households ordered by id, sampled with the seed (given, or
   * drawn and stored), each given a SURVEY visit task (or keeping the visit task it has open).
   */
  async createSurvey(actor: Actor, body: SurveyRequest, requestId: string) {
    assertJurisdiction(actor, body.scope);
    const households = await householdsIn(this.prisma, body.scope);
    if (households.length === 0)
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'scope', code: 'empty_scope', message: '该区划内没有登记的家庭，无法抽样' },
      ]);
    if (body.sampleSize > households.length)
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        {
          path: 'sampleSize',
          code: 'too_big',
          message: `抽样户数不能超过该区划登记的家庭数（${households.length} 户）`,
        },
      ]);
    const seed = body.seed ?? randomBytes(8).toString('hex');
    const sample = seededSample(households, body.sampleSize, seed);
    const id = randomUUID();
    await this.prisma.$transaction(
      async (tx) => {
        await insertSurvey(tx, {
          id,
          scopeCode: body.scope,
          countyCode: body.scope.slice(0, 6),
          sampleSize: body.sampleSize,
          scopeSize: households.length,
          seed,
          createdBy: actor.userId,
        });
        await lockOutreachHouseholds(
          tx,
          sample.map((h) => h.id),
        );
        for (const [position, h] of sample.entries()) {
          const taskId =
            (await openOutreachTask(tx, {
              householdId: h.id,
              villageCode: h.divisionCode,
              kind: 'SURVEY',
              workflowId: outreachSurveyWorkflowId(id),
              actor: { actorId: actor.userId, role: actor.role, requestId },
            })) ?? (await openOutreachTaskOf(tx, h.id));
          await insertSurveyHousehold(tx, {
            surveyId: id,
            householdId: h.id,
            villageCode: h.divisionCode,
            position,
            taskId,
          });
        }
        await appendAudit(tx, {
          actorId: actor.userId,
          role: actor.role,
          action: 'OUTREACH_SURVEY_DRAWN',
          targetType: 'OutreachSurvey',
          targetId: id,
          requestId,
          details: { scope: body.scope, sampleSize: body.sampleSize, scopeSize: households.length, seed },
        });
      },
      { timeout: SURVEY_TX_TIMEOUT_MS },
    );
    return this.view(id);
  }

  /** Past surveys (随机调查记录) of the caller's county, or a county a city-wide reader names. */
  async surveys(actor: Actor, q: SurveyListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    const scope = q.county ?? countyScopeOf(actor.jurisdiction).countyCode;
    const [rows, total] = await surveyPage(this.prisma, scope, (q.page - 1) * q.pageSize, q.pageSize);
    const items = rows.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() }));
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  async survey(actor: Actor, id: string) {
    const s = await surveyScope(this.prisma, id);
    if (!s) throw notFound('随机调查', id);
    assertJurisdiction(actor, s.scopeCode);
    return this.view(id);
  }

  /** The survey with its sample (household ids and villages, no names) and what was visited. */
  private async view(id: string) {
    const { survey: s, visits } = await surveyWithVisits(this.prisma, id);
    const byHousehold = new Map(visits.map((v) => [v.householdId, v]));
    return {
      id: s.id,
      scopeCode: s.scopeCode,
      countyCode: s.countyCode,
      sampleSize: s.sampleSize,
      scopeSize: s.scopeSize,
      seed: s.seed,
      createdBy: s.createdBy,
      createdAt: s.createdAt.toISOString(),
      visited: byHousehold.size,
      households: s.households.map((h) => {
        const v = byHousehold.get(h.householdId);
        return {
          householdId: h.householdId,
          villageCode: h.villageCode,
          position: h.position,
          taskId: h.taskId,
          visitedOn: v ? isoDate(v.visitedOn) : null,
          outcome: v?.outcome ?? null,
        };
      }),
    };
  }
}

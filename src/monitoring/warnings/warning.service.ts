import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { liaisonDepartment } from '../../auth/department';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { entitlementMatrix, owedItemOf } from '../../assistance/warning-referral.activities';
import { warningReferralRule } from '../../assistance/warning-referral';
import { cstDate } from '../../core/clock';
import { DEPARTMENT_NAMES_ZH, Department } from '../../core/contracts/deliberation';
import type { AreaType } from '../../core/contracts/household-facts';
import type { Entitlement } from '../../core/contracts/referral';
import { LiveParameterStore } from '../../policy-admin/live-parameter-store';
import { refuse } from '../../common/refusals';
import { jurisdictionScope } from '../../common/jurisdiction-scope';
import { SOURCE_LAYOUTS, type DataSource } from '../../core/contracts/data-source';
import { OUTREACH_WARNING_SOURCE, OUTREACH_WARNING_SOURCE_NAME_ZH } from '../../core/contracts/outreach';
import type { Actor } from '../../core/contracts/roles';
import {
  REFERRAL_RECORDS_SOURCE,
  WARNING_CLASS_NAMES_ZH,
  type WarningClass,
  type WarningListQuery,
  type WarningState,
  type WarningVerification,
} from '../../core/contracts/warning';
import { warningActUpdate } from '../../core/messages';
import { warningWorkflowId } from '../../core/workflow-ids';
import type { Prisma } from '../../prisma/prisma-client';
import { WarningRepository } from './warning.repository';
import { actorRef, refusalToHttp } from '../../temporal/refusal';
import { DomainError } from '../../common/domain-error';

type WarningRow = Prisma.WarningGetPayload<object>;

/** The warnings of dynamic monitoring: lists and a warning's timeline for staff, and the verification's Update. */
@Injectable()
export class WarningService {
  constructor(
    @Inject(WarningRepository) private readonly warnings: WarningRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
  ) {}

  /**
   * A warning is in a jurisdiction by its township, or by its county when its township is
   * unknown: a county and the city see all of theirs, a township only those of its township.
   */
  private within(jurisdiction: string): Prisma.WarningWhereInput {
    return jurisdictionScope(jurisdiction);
  }

  async list(actor: Actor, q: WarningListQuery) {
    if (q.county) assertJurisdiction(actor, q.county);
    if (q.township) assertJurisdiction(actor, q.township);
    const now = new Date();
    // A liaison sees the warnings routed to their department, nothing else of monitoring.
    const own = liaisonDepartment(actor);
    const where: Prisma.WarningWhereInput = {
      AND: [
        this.within(actor.jurisdiction),
        ...(own ? [{ department: own, outcome: 'REFERRED' }] : []),
        ...(q.county ? [{ countyCode: q.county }] : []),
        ...(q.township ? [{ townshipCode: q.township }] : []),
        ...(q.warningClass ? [{ warningClass: q.warningClass }] : []),
        ...(q.stage ? [{ stage: q.stage }] : []),
        ...(q.source ? [{ source: q.source }] : []),
        ...(q.overdue === 'true'
          ? [{ OR: [{ overdue: true }, { stage: { not: 'CLOSED' }, dueAt: { lt: now } }] }]
          : q.overdue === 'false'
            ? [{ overdue: false, OR: [{ dueAt: null }, { dueAt: { gte: now } }, { stage: 'CLOSED' }] }]
            : []),
      ],
    };
    const [rows, total] = await this.warnings.page(where, (q.page - 1) * q.pageSize, q.pageSize);
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }

  private async located(actor: Actor, id: string): Promise<{ w: WarningRow; own: Department | null }> {
    const w = await this.warnings.warning(id);
    if (!w) refuse('NOT_FOUND', `预警不存在：${id}`);
    assertJurisdiction(actor, w.townshipCode ?? w.countyCode);
    const own = liaisonDepartment(actor);
    if (own && (w.department !== own || w.outcome !== 'REFERRED'))
      refuse('WRONG_DEPARTMENT', `该预警未转介${DEPARTMENT_NAMES_ZH[own]}部门，不能查看`);
    return { w, own };
  }

  async get(actor: Actor, id: string) {
    const { w, own } = await this.located(actor, id);
    const [events, referrals, deliberations, applications] = await Promise.all([
      this.warnings.timeline(id),
      this.warnings.referrals(id),
      this.warnings.deliberations(id),
      this.warnings.applications(id),
    ]);
    return {
      ...view(w),
      reason: w.reason,
      department: w.department,
      changeReportId: w.changeReportId,
      eventDate: w.eventDate.toISOString().slice(0, 10),
      // The department's record names the person: a liaison reads the findings and the referral, not the record.
      details: own ? {} : (w.details as Record<string, unknown>),
      referrals,
      // A liaison reads what was asked of their department, not the county's deliberation.
      deliberations: own ? [] : deliberations,
      applications: own ? [] : applications,
      timeline: events.map((e) => ({
        type: e.type,
        stage: e.stage,
        actor: e.actor,
        reason: e.reason,
        batchId: e.batchId,
        at: e.at,
      })),
    };
  }

  /** The verification task's completion: the workflow's validator has the last word (stage, role, jurisdiction). */
  async act(
    actor: Actor,
    id: string,
    command: WarningVerification,
    requestId: string,
    taskId?: string,
  ): Promise<WarningState> {
    const { w } = await this.located(actor, id);
    if (command.outcome === 'REFER')
      await this.checkReferral(w, command.department, command.entitlement ?? owedItemOf(w, command.department));
    // Class (a): the person is in a category already; what is missing is the department's part.
    if (command.outcome === 'START_APPLICATION' && w.warningClass === 'POLICY_NOT_APPLIED')
      refuse('WARNING_OUTCOME_NOT_FOR_CLASS');
    if (command.outcome === 'START_APPLICATION') checkApplication(w, command);
    try {
      return await this.temporal.workflow
        .getHandle(w.workflowId ?? warningWorkflowId(w.id))
        .executeUpdate(warningActUpdate, {
          args: [{ actor: actorRef(actor), requestId, command, ...(taskId ? { taskId } : {}) }],
        });
    } catch (error) {
      throw refusalToHttp(error, () => new DomainError(409, 'CASE_CLOSED', '该预警已处置完毕'));
    }
  }

  /** A REFER must name an item the department delivers (the matrix in force): refused before the Update, nothing changed. */
  private async checkReferral(w: WarningRow, department: Department, entitlement: Entitlement | undefined) {
    const area = (await this.warnings.householdArea(w.householdId)) as AreaType | null;
    const matrix = entitlementMatrix(this.parameters, cstDate(new Date().toISOString()), w.countyCode, area);
    const derived = warningReferralRule(matrix, department, entitlement, area);
    if (!derived.ok)
      refuse('VALIDATION_FAILED', '转介事项无法确定', [
        { path: derived.path, code: 'custom', message: derived.message },
      ]);
  }
}

function view(w: WarningRow) {
  return {
    id: w.id,
    warningClass: w.warningClass,
    warningClassName: WARNING_CLASS_NAMES_ZH[w.warningClass as WarningClass] ?? w.warningClass,
    source: w.source,
    sourceName:
      SOURCE_LAYOUTS[w.source as DataSource]?.nameZh ??
      (w.source === OUTREACH_WARNING_SOURCE
        ? OUTREACH_WARNING_SOURCE_NAME_ZH
        : w.source === REFERRAL_RECORDS_SOURCE
          ? '转介记录（事项未转介或被退回）'
          : w.source),
    stage: w.stage,
    outcome: w.outcome,
    countyCode: w.countyCode,
    townshipCode: w.townshipCode,
    enrolledCaseId: w.enrolledCaseId,
    dueAt: w.dueAt,
    overdue: w.overdue || (w.stage !== 'CLOSED' && w.dueAt !== null && w.dueAt.getTime() < Date.now()),
    raisedAt: w.raisedAt,
    updatedAt: w.updatedAt,
    closedAt: w.closedAt,
  };
}

/**
 * An application opened on the household's behalf needs the category, the consent collected
 * at the visit, and a person in the registry: refused before the Update, nothing changed.
 */
function checkApplication(w: WarningRow, command: Extract<WarningVerification, { outcome: 'START_APPLICATION' }>) {
  if (command.category === undefined && command.consent === undefined) return;
  if (command.category === undefined)
    refuse('CONSENT_REQUIRED', '请求内容校验未通过', [
      { path: 'category', code: 'required', message: '代为申请须选择申请类别' },
    ]);
  if (command.consent === undefined)
    refuse('CONSENT_REQUIRED', '请求内容校验未通过', [
      { path: 'consent', code: 'required', message: '代为申请须取得家庭经济状况核对授权和如实申报承诺' },
    ]);
  if (w.householdId === null) refuse('WARNING_PERSON_UNKNOWN');
}

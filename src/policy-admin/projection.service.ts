import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRepository } from './projection.repository';
import { Client } from '@temporalio/client';
import { assertJurisdiction } from '../auth/jurisdiction';
import { LiveCalendar } from '../calendar/live-calendar';
import { notFound } from '../common/domain-error';
import { refuse } from '../common/refusals';
import type { ApplicationCategory } from '../core/contracts/application';
import type { EnrolledCaseState, EnrolledStatus } from '../core/contracts/enrolment';
import type { HouseholdFacts } from '../core/contracts/household-facts';
import type { ProjectionBody } from '../core/contracts/policy-projection';
import type { Actor } from '../core/contracts/roles';
import { cstDate } from '../core/clock';
import { enrolledCaseStateQuery } from '../core/messages';
import { plusMonths } from '../core/months';
import { enrolledCaseWorkflowId } from '../core/workflow-ids';
import { LiveParameterStore } from './live-parameter-store';
import { projectCase, type ProjectedCase } from './projection';

const ASSUMPTIONS_ZH = [
  '按当前生效及已批准的参数和工作日历推算，参数或日历此后变更的，日期随之变化',
  '假定每次复核于开启当日作出决定且维持保障；复核实际决定日期晚于开启日期的，此后日期相应顺延',
  '渐退期届满后案件退出保障，不再列出其后的日程；复核专项行动由民政部门另行部署，不在此列',
];

/** The policy projection of one enrolled case: its workflow's state and facts, projected with the planners its activities use. */
@Injectable()
export class ProjectionService {
  constructor(
    @Inject(ProjectionRepository) private readonly rows: ProjectionRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
    @Inject(LiveCalendar) private readonly calendar: LiveCalendar,
  ) {}

  async project(actor: Actor, body: ProjectionBody) {
    // Like the enrolled-case routes, the id may also be that of the application that enrolled it (the console's case page).
    const row = await this.rows.enrolledCase(body.enrolledCaseId);
    if (!row) throw notFound('在保案件', body.enrolledCaseId);
    const application = await this.rows.application(row.applicationId);
    assertJurisdiction(actor, row.villageCode ?? application.household.divisionCode);
    if (row.status === 'EXITED') refuse('CASE_EXITED', '该案件已退出保障，没有未来日程');
    if (!application.facts) refuse('FACTS_MISSING', '该案件没有家庭经济状况数据，无法推算日程');
    // The workflow's own state holds its timers; the read model stands in when it cannot be asked.
    const state = await this.temporal.workflow
      .getHandle(row.workflowId ?? enrolledCaseWorkflowId(row.id))
      .query(enrolledCaseStateQuery)
      .catch((): EnrolledCaseState | null => null);
    if (state?.status === 'EXITED') refuse('CASE_EXITED', '该案件已退出保障，没有未来日程');
    const lastRecheckAt = (row.rechecks[0]?.decidedAt ?? row.createdAt).toISOString();
    const projected: ProjectedCase = {
      category: row.category as ApplicationCategory,
      countyCode: row.countyCode,
      facts: application.facts as unknown as HouseholdFacts,
      status: (state?.status ?? row.status) as EnrolledStatus,
      nextRecheckAt: state ? state.nextRecheckAt : (row.nextRecheckAt?.toISOString() ?? null),
      recheckRunning: state ? state.currentRecheck !== null : row.status === 'RECHECKING',
      lastRecheckAt,
      phaseOut:
        state?.phaseOut ??
        (row.phaseOutEndsAt ? { startedAt: lastRecheckAt, endsAt: row.phaseOutEndsAt.toISOString() } : null),
      validity: state?.validity ? { until: state.validity.until, renewalAt: state.validity.renewalAt } : null,
    };
    const now = Date.now();
    const entries = projectCase(this.parameters, await this.calendar.current(), projected, {
      now,
      years: body.years,
    });
    return {
      enrolledCaseId: row.id,
      asOf: cstDate(new Date(now).toISOString()),
      until: cstDate(new Date(plusMonths(now, 12 * body.years)).toISOString()),
      years: body.years,
      entries,
      assumptions: ASSUMPTIONS_ZH,
    };
  }
}

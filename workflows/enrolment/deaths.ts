import { uuid4, workflowInfo } from '@temporalio/workflow';
import type { DeathDeadline } from '../../src/core/contracts/enrolment';
import type { EnrolledCase } from './case-context';
import { P } from '../../src/core/parameter-ids';

/** A reported death must be processed (its recheck decided) within this limit of the report. */
const DEATH_LIMIT = P.TL_DEATH_PROCESSING;

/** Deaths reported since the last wake get their deadline from the parameter. */
export async function planDeathDeadlines(c: EnrolledCase): Promise<void> {
  for (const d of c.state.deaths) {
    if (d.dueAt === null)
      d.dueAt = (await c.act.planDue({ limitId: DEATH_LIMIT, from: d.reportedAt, county: c.input.countyCode })).dueAt;
  }
}

/** When the main loop must wake for a deadline not yet escalated. */
export const deathTimers = (c: EnrolledCase): number[] =>
  c.state.deaths.filter((d) => d.dueAt !== null && d.escalationTaskId === null).map((d) => Date.parse(d.dueAt!));

/** Deaths past their deadline and not yet escalated (the clock is read per death: each escalation awaits). */
export async function escalateOverdueDeaths(c: EnrolledCase): Promise<void> {
  for (const d of c.state.deaths) {
    if (
      c.state.status !== 'EXITED' &&
      d.dueAt !== null &&
      d.escalationTaskId === null &&
      Date.now() >= Date.parse(d.dueAt)
    )
      await escalateDeath(c, d);
  }
}

/** The deadline passed and the death's recheck is not decided: the county supervisor is told, once. */
async function escalateDeath(c: EnrolledCase, d: DeathDeadline): Promise<void> {
  const { input } = c;
  const taskId = uuid4();
  d.escalationTaskId = taskId;
  await c.act.openCaseTask({
    taskId,
    taskKey: `DEATH_DEADLINE#${d.changeReportId}`,
    type: 'ESCALATION',
    applicationId: input.applicationId,
    workflowId: workflowInfo().workflowId,
    candidateRole: 'COUNTY_SUPERVISOR',
    jurisdiction: input.countyCode,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode,
    priority: 2,
    dueAt: null,
    dueProvisional: false,
  });
  await c.setStatus(c.state.status, {
    event: 'DEATH_DEADLINE_MISSED',
    eventKey: `DEATH_DEADLINE_MISSED#${d.changeReportId}`,
    reason: `家庭成员死亡变更（报告 ${d.changeReportId}）未在处理时限（${d.dueAt}）内完成复核决定，已提请县级督办`,
  });
}

export async function closeDeathEscalations(c: EnrolledCase, deaths: DeathDeadline[], outcome: string): Promise<void> {
  for (const d of deaths) {
    if (d.escalationTaskId !== null)
      await c.act.closeTask({
        taskId: d.escalationTaskId,
        status: 'DONE',
        outcome,
        completedBy: null,
        completedByRole: null,
      });
  }
}

import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { AnswerComplaint, ComplaintActing, ComplaintInput, ComplaintState } from '../src/core/contracts/complaint';
import { complaintActUpdate, complaintStateQuery } from '../src/core/messages';
import { P } from '../src/core/parameter-ids';
import { ANYANG_CITY_CODE } from '../src/core/division-codes';
import { ROLE_NAMES_ZH } from '../src/core/role-names';
import type { ComplaintActivities, ComplaintStageRecord } from '../src/supervision/complaints/complaint.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { validateComplaintAction } from './complaint/rules';
import { RECORDING } from './profiles';
import { watchCalendarLoads } from './shared/calendar-loads';
import { humanStep, type StepCase } from './shared/human-step';
import { watchIncidents } from './shared/incidents';

type ComplaintActs = ComplaintActivities &
  Pick<ApplicationActivities, 'planDue'> &
  Pick<TaskActivities, 'openTask' | 'closeTask' | 'remindTask' | 'rescheduleTask'>;

const activities = proxyActivities<ComplaintActs>(RECORDING);

/**
 * One complaint or report (投诉举报, plan 三(三)), from REGISTERED to CLOSED. The county
 * investigates and answers it within a time limit (parameter, working days), escalated to
 * the county supervisor when overdue. A complaint about county staff goes to the city's
 * supervisors (and its escalation stays with the city); any other to the county officers.
 * An answer may open a recheck of the enrolled case the complaint names: the case hears it
 * as a change report, as it hears a warning's. Before answering, the handler may ask for a
 * county home visit (县级入户核查) on that case: a task for the county's officers, recorded on
 * the case's home visits; the answer waits for it.
 */
export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintState> {
  const act = watchIncidents({ caseKind: 'COMPLAINT', caseId: input.complaintId, countyCode: input.countyCode }).guard(
    activities,
  );
  const state: ComplaintState = {
    complaintId: input.complaintId,
    stage: 'REGISTERED',
    currentTask: null,
    changeReportId: null,
    overdue: false,
  };
  let completed: ComplaintActing | null = null;
  // Runs started before county home visits existed have no loop to hold one (their validator refuses it).
  const homeVisits = patched('complaint-home-visit');
  if (homeVisits) state.homeVisit = null;
  let visitRequested: ComplaintActing | null = null;
  let visitRecorded: ComplaintActing | null = null;
  setHandler(complaintStateQuery, () => state);
  setHandler(
    complaintActUpdate,
    (acting) => {
      if (acting.command.action === 'requestHomeVisit') {
        visitRequested = acting;
        state.homeVisit = { taskId: null };
      } else if (acting.command.action === 'recordHomeVisit') visitRecorded = acting;
      else {
        completed = acting;
        state.currentTask = null;
      }
      return state;
    },
    { validator: (acting) => validateComplaintAction(state, input.enrolledCaseId, acting, homeVisits) },
  );

  const record = (
    r: Omit<ComplaintStageRecord, 'complaintId' | 'eventKey' | 'stage' | 'actor'> & Partial<ComplaintStageRecord>,
  ) =>
    act.recordComplaintStage({
      complaintId: input.complaintId,
      eventKey: `${r.type}#${uuid4()}`,
      stage: state.stage,
      actor: null,
      ...r,
    });

  const c: StepCase = {
    workflowId: workflowInfo().workflowId,
    caseKind: 'COMPLAINT',
    caseId: input.complaintId,
    countyCode: input.countyCode,
    townshipCode: input.countyCode,
    calendarLoads: watchCalendarLoads(),
  };
  /** Each home visit asked for: its task, the visit recorded on the case, the task closed. Ends with the answer. */
  async function runHomeVisits(): Promise<void> {
    for (let n = 1; ; n++) {
      await condition(() => visitRequested !== null || completed !== null);
      if (visitRequested === null) return;
      const asked: ComplaintActing = visitRequested;
      visitRequested = null;
      const taskId = uuid4();
      // Known before the task row exists: whoever opens it from the inbox at once can record the visit.
      state.homeVisit = { taskId };
      await act.openTask({
        taskId,
        taskKey: `COMPLAINT_HOME_VISIT#${n}`,
        type: 'COMPLAINT_HOME_VISIT',
        applicationId: null,
        caseKind: 'COMPLAINT',
        caseId: input.complaintId,
        workflowId: c.workflowId,
        candidateRole: 'COUNTY_OFFICER',
        jurisdiction: input.countyCode,
        countyCode: input.countyCode,
        townshipCode: input.countyCode,
        priority: 1,
        dueAt: state.currentTask?.dueAt ?? null,
        dueProvisional: false,
      });
      await record({
        type: 'HOME_VISIT_REQUESTED',
        reason: '已安排县级入户核查',
        actor: asked.actor,
        requestId: asked.requestId,
      });
      await condition(() => visitRecorded !== null);
      const visit: ComplaintActing = visitRecorded!;
      visitRecorded = null;
      if (visit.command.action !== 'recordHomeVisit')
        throw new Error('unreachable: only a home visit is recorded here');
      await act.recordComplaintHomeVisit({
        complaintId: input.complaintId,
        enrolledCaseId: input.enrolledCaseId!,
        eventKey: `HOME_VISIT#${n}`,
        findings: visit.command.findings,
        actor: visit.actor,
        requestId: visit.requestId,
      });
      await act.closeTask({
        taskId,
        status: 'DONE',
        outcome: 'RECORDED',
        completedBy: visit.actor.userId,
        completedByRole: visit.actor.role,
      });
      state.homeVisit = null;
      await record({
        type: 'HOME_VISIT_RECORDED',
        reason: '县级入户核查已完成',
        actor: visit.actor,
        requestId: visit.requestId,
      });
    }
  }
  const visits = homeVisits ? runHomeVisits() : Promise.resolve();

  // Staff of the county answering a complaint about county staff would judge themselves: the
  // city's supervisors answer it (runs started before that role existed: the county supervisor).
  const toCity = input.subject === 'STAFF' && patched('complaint-staff-to-city');
  const role = input.subject === 'STAFF' ? (toCity ? 'CITY_SUPERVISOR' : 'COUNTY_SUPERVISOR') : 'COUNTY_OFFICER';
  const jurisdiction = toCity ? ANYANG_CITY_CODE : input.countyCode;
  const plan = { limitId: P.TL_COMPLAINT_HANDLING, from: new Date().toISOString(), county: input.countyCode };
  const due = await act.planDue(plan);
  state.stage = 'ASSIGNED';
  await record({
    type: 'ASSIGNED',
    dueAt: due.dueAt,
    reason: `已交${ROLE_NAMES_ZH[role]}办理`,
  });
  const { taskId } = await humanStep(
    act,
    c,
    {
      type: 'COMPLAINT_HANDLE',
      role,
      jurisdiction,
      deadline: { plan, due },
      escalate: true,
      escalationKind: 'OVERDUE_STEP',
      escalationReason: '投诉举报逾期未答复',
      // The city's own complaints are followed up by the city, never by the county complained of.
      ...(toCity ? { escalateTo: { role: 'CITY_SUPERVISOR' as const, jurisdiction: ANYANG_CITY_CODE } } : {}),
      priority: 1,
    },
    (spec) => {
      state.currentTask = { taskId: spec.taskId, candidateRole: role, jurisdiction, dueAt: spec.dueAt };
    },
    () => completed !== null,
    P.TL_ESCALATION_RESPONSE,
    () => {
      state.overdue = true;
    },
    {
      escalated: () => record({ type: 'ESCALATED', overdue: true, reason: '投诉举报逾期未答复，已提请县级主管督办' }),
    },
  );
  const done = completed as unknown as ComplaintActing;
  await act.closeTask({
    taskId,
    status: 'DONE',
    outcome: 'ANSWERED',
    completedBy: done.actor.userId,
    completedByRole: done.actor.role,
  });
  await visits;
  const command = done.command as AnswerComplaint;
  state.stage = 'INVESTIGATED';
  await record({
    type: 'INVESTIGATED',
    findings: command.findings,
    reason: '已调查核实',
    actor: done.actor,
    requestId: done.requestId,
  });
  if (command.openRecheck === true && input.enrolledCaseId !== null) {
    const changeReportId = uuid4();
    const heard = await act.signalCaseFromComplaint({
      complaintId: input.complaintId,
      enrolledCaseId: input.enrolledCaseId,
      changeReportId,
    });
    if (heard) {
      state.changeReportId = changeReportId;
      await record({
        type: 'RECHECK_OPENED',
        changeReportId,
        reason: '已作为变更报告通知保障案件，由复核程序核查处理',
      });
    }
  }
  state.stage = 'ANSWERED';
  await record({ type: 'ANSWERED', reply: command.reply, reason: '已答复投诉举报人', actor: done.actor });
  state.stage = 'CLOSED';
  await record({ type: 'CLOSED', reason: '投诉举报已办结' });
  await condition(allHandlersFinished);
  return state;
}

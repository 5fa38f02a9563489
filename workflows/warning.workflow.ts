import {
  allHandlersFinished,
  condition,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { WarningReferralActivities } from '../src/assistance/warning-referral.activities';
import type { EmergencyActivities } from '../src/emergency/emergency.activities';
import type { WarningApplicationActivities } from '../src/monitoring/warnings/warning-application.activities';
import { CATEGORY_NAMES_ZH } from '../src/core/category-names';
import { deliberationWorkflowId } from '../src/core/workflow-ids';
import { deliberationWorkflow } from './deliberation.workflow';
import { DEPARTMENT_NAMES_ZH } from '../src/core/department-names';
import type { WarningActing, WarningInput, WarningOutcome, WarningState } from '../src/core/contracts/warning';
import { warningActUpdate, warningStateQuery } from '../src/core/messages';
import { P } from '../src/core/parameter-ids';
import type { WarningActivities, WarningStageRecord } from '../src/monitoring/warnings/warning.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { RECORDING } from './profiles';
import { watchCalendarLoads } from './shared/calendar-loads';
import { humanStep, type StepCase } from './shared/human-step';
import { watchIncidents } from './shared/incidents';
import { validateWarningAction } from './warning/rules';

type WarningActs = WarningActivities &
  WarningReferralActivities &
  Pick<ApplicationActivities, 'planDue'> &
  Pick<EmergencyActivities, 'deliberationRules'> &
  WarningApplicationActivities &
  Pick<TaskActivities, 'openTask' | 'closeTask' | 'remindTask' | 'rescheduleTask'>;

const activities = proxyActivities<WarningActs>(RECORDING);

/** Histories recorded before a REFER opened a referral replay without it. */
const WARNING_OPENS_REFERRAL = 'warning-opens-referral';
/** …and those before a START_APPLICATION could open the application, without that. */
const WARNING_STARTS_APPLICATION = 'warning-starts-application';

/**
 * One warning of dynamic monitoring (processes.md §7, seed 二(三)4), from RAISED to CLOSED.
 * Class (d), an enrolled person who may no longer qualify: the case hears it as a change
 * report (a recheck follows, with its own limits), and the warning closes. Class (b), a
 * hardship in no category: the township's home verification (上门核查), due by parameter
 * and escalated to the county supervisor when overdue, disposes of it: an application
 * opened on the household's behalf (or advised), a referral to the responsible department, a 一事一议 when the hardship is too
 * complex for one department (class (c): the warning closes with the deliberation's
 * decision), or a dismissal with its reason. A person not in the registry has no known
 * township: the county arranges the visit. Class (a), an entitlement of the person's category
 * not delivered, takes the same verification (its REFER names the owed item by default; no
 * application: the person is in a category already), so its command sequence is class (b)'s.
 */
export async function warningWorkflow(input: WarningInput): Promise<WarningState> {
  const act = watchIncidents({ caseKind: 'WARNING', caseId: input.warningId, countyCode: input.countyCode }).guard(
    activities,
  );
  const state: WarningState = {
    warningId: input.warningId,
    stage: 'RAISED',
    outcome: null,
    currentTask: null,
    changeReportId: null,
    referralId: null,
    overdue: false,
  };
  let completed: WarningActing | null = null;
  setHandler(warningStateQuery, () => state);
  setHandler(
    warningActUpdate,
    (acting) => {
      completed = acting;
      state.currentTask = null;
      return state;
    },
    { validator: (acting) => validateWarningAction(state, acting, input.townshipCode !== null, input.warningClass) },
  );

  const record = (
    r: Omit<WarningStageRecord, 'warningId' | 'eventKey' | 'stage' | 'actor'> & Partial<WarningStageRecord>,
  ) =>
    act.recordWarningStage({
      warningId: input.warningId,
      eventKey: `${r.type}#${uuid4()}`,
      stage: state.stage,
      actor: null,
      ...r,
    });
  const close = async (outcome: WarningOutcome, reason: string, acting: WarningActing | null) => {
    state.stage = 'CLOSED';
    state.outcome = outcome;
    await record({
      type: 'CLOSED',
      outcome,
      reason,
      actor: acting?.actor ?? null,
      requestId: acting?.requestId ?? null,
    });
  };

  if (input.warningClass === 'POSSIBLY_NO_LONGER_ELIGIBLE' && input.enrolledCaseId !== null && input.change !== null) {
    const changeReportId = uuid4();
    const heard = await act.signalCaseFromWarning({
      warningId: input.warningId,
      enrolledCaseId: input.enrolledCaseId,
      change: input.change,
      changeReportId,
    });
    if (heard) {
      state.stage = 'CASE_SIGNALLED';
      state.changeReportId = changeReportId;
      await record({ type: 'CASE_SIGNALLED', reason: '已作为变更报告通知保障案件，由复核程序核查处理' });
      await close('CASE_SIGNALLED', '保障案件已接收变更报告，后续由复核决定是否终止救助', null);
    } else {
      await close('DISMISSED', '该保障案件已退出，无需处置', null);
    }
  } else {
    state.stage = 'VERIFICATION';
    const c: StepCase = {
      workflowId: workflowInfo().workflowId,
      caseKind: 'WARNING',
      caseId: input.warningId,
      countyCode: input.countyCode,
      townshipCode: input.townshipCode ?? input.countyCode,
      calendarLoads: watchCalendarLoads(),
    };
    // A person known here: the township verifies; otherwise the county arranges it.
    const role = input.townshipCode !== null ? 'TOWNSHIP_CASEWORKER' : 'COUNTY_OFFICER';
    const jurisdiction = input.townshipCode ?? input.countyCode;
    const plan = { limitId: P.TL_WARNING_VERIFICATION, from: new Date().toISOString(), county: input.countyCode };
    const due = await act.planDue(plan);
    await record({ type: 'VERIFICATION', dueAt: due.dueAt });
    const { taskId } = await humanStep(
      act,
      c,
      {
        type: 'WARNING_VERIFICATION',
        role,
        jurisdiction,
        deadline: { plan, due },
        escalate: true,
        escalationKind: 'OVERDUE_STEP',
        escalationReason: '预警上门核查逾期未办结',
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
        escalated: () => record({ type: 'ESCALATED', overdue: true, reason: '上门核查逾期，已提请县级主管督办' }),
      },
    );
    const done = completed as unknown as WarningActing;
    await act.closeTask({
      taskId,
      status: 'DONE',
      outcome: done.command.outcome,
      completedBy: done.actor.userId,
      completedByRole: done.actor.role,
    });
    const { command } = done;
    if (command.outcome === 'REFER') {
      state.stage = 'REFERRED';
      await record({
        type: 'REFERRED',
        department: command.department,
        reason: `核查后转${DEPARTMENT_NAMES_ZH[command.department]}部门处理：${command.findings}`,
        actor: done.actor,
        requestId: done.requestId,
      });
      // The department's part is a referral (its own workflow, time limit and feedback).
      if (patched(WARNING_OPENS_REFERRAL)) {
        const referral = await act.openWarningReferral({
          warningId: input.warningId,
          department: command.department,
          entitlement: command.entitlement ?? null,
        });
        state.referralId = referral.referralId;
      }
      await close('REFERRED', command.findings, done);
    } else if (command.outcome === 'DELIBERATE') {
      // Only new runs reach this branch (the outcome did not exist before): no patch needed.
      state.stage = 'DELIBERATION';
      const deliberationId = uuid4();
      state.deliberationId = deliberationId;
      await record({
        type: 'DELIBERATION',
        reason: `核查后情况复杂，提请一事一议：${command.findings}`,
        actor: done.actor,
        requestId: done.requestId,
      });
      const rules = await act.deliberationRules({ county: input.countyCode, at: new Date().toISOString() });
      const decided = await executeChild(deliberationWorkflow, {
        workflowId: deliberationWorkflowId(deliberationId),
        args: [
          {
            deliberationId,
            countyCode: input.countyCode,
            townshipCode: input.townshipCode,
            source: { kind: 'WARNING', id: input.warningId },
            question: command.findings,
            convened: null,
            rules,
          },
        ],
      });
      const verdict =
        decided.outcome === 'APPROVE'
          ? `一事一议决定给予帮扶（${decided.measures.length} 项措施）`
          : decided.outcome === 'REJECT'
            ? '一事一议决定不予帮扶'
            : '一事一议未作决定即办结';
      await close('DELIBERATED', decided.closedReason ? `${verdict}：${decided.closedReason}` : verdict, done);
    } else if (command.outcome === 'START_APPLICATION') {
      // Since the patch, a category with the household's consent opens the application itself.
      if (command.category !== undefined && patched(WARNING_STARTS_APPLICATION)) {
        const opened = await act.openApplicationFromWarning({
          warningId: input.warningId,
          category: command.category,
          actor: done.actor,
          requestId: done.requestId,
          applicationId: uuid4(),
        });
        state.applicationId = opened.applicationId;
        await record({
          type: 'APPLICATION_STARTED',
          reason: opened.opened
            ? `已代为提出${CATEGORY_NAMES_ZH[command.category]}申请，由乡镇受理审核`
            : `该家庭已有${CATEGORY_NAMES_ZH[command.category]}申请在办理中，已关联`,
          actor: done.actor,
          requestId: done.requestId,
        });
        await close('APPLICATION_STARTED', command.findings, done);
      } else await close('APPLICATION_ADVISED', command.findings, done);
    } else {
      await close('DISMISSED', command.findings, done);
    }
  }
  await condition(allHandlersFinished);
  return state;
}

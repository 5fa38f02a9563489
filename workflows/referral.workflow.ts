import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { ReferralActivities, ReferralEventRecord } from '../src/assistance/referral.activities';
import { DEPARTMENT_NAMES_ZH } from '../src/core/department-names';
import type { ReferralActing, ReferralInput, ReferralState } from '../src/core/contracts/referral';
import { referralActUpdate, referralStateQuery } from '../src/core/messages';
import { P } from '../src/core/parameter-ids';
import type { TaskActivities } from '../src/tasks/task.activities';
import { RECORDING } from './profiles';
import { watchCalendarLoads } from './shared/calendar-loads';
import { humanStep, type StepCase } from './shared/human-step';
import { validateReferralAction } from './referral/rules';

type ReferralActs = ReferralActivities &
  Pick<ApplicationActivities, 'planDue'> &
  Pick<TaskActivities, 'openTask' | 'closeTask' | 'remindTask' | 'rescheduleTask'>;

const activities = proxyActivities<ReferralActs>(RECORDING);

const DAY_MS = 24 * 60 * 60 * 1000;
/** Midnight (Beijing time) at the start of the day after `isoDate`: a yearly entitlement's next period begins. */
const dayAfter = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00+08:00`) + DAY_MS;

/**
 * One referral of regular assistance (domain.md §4.6, plan 二(四) and 三(二)): one entitlement
 * owed to one person, referred to the responsible department. Its liaison in the county
 * accepts it, may ask civil affairs for missing information, and reports back a delivery
 * (what, how much, for which period) or a decline with its reason; the time limit is the
 * entitlement's, escalated to the county supervisor when overdue. The outcome lands on the
 * referral's timeline and, for an enrolled case, on the case's. A yearly entitlement delivered
 * for a period opens next year's referral when that period ends.
 */
export async function referralWorkflow(input: ReferralInput): Promise<ReferralState> {
  const act = activities;
  const state: ReferralState = {
    referralId: input.referralId,
    stage: 'OPEN',
    outcome: null,
    department: input.department,
    currentTask: null,
    overdue: false,
    question: null,
    delivery: null,
    declineReason: null,
    nextReferralId: null,
  };
  // Feedback that does not end the referral waits here for its timeline line; the final one ends the step.
  const queue: ReferralActing[] = [];
  let final: ReferralActing | null = null;
  setHandler(referralStateQuery, () => state);
  setHandler(
    referralActUpdate,
    (acting) => {
      const { command } = acting;
      if (command.action === 'ACCEPT') state.stage = 'ACCEPTED';
      else if (command.action === 'REQUEST_INFO') {
        state.stage = 'INFO_REQUESTED';
        state.question = command.question;
      } else if (command.action === 'ANSWER_INFO') {
        state.stage = 'ACCEPTED';
        state.question = null;
      } else {
        state.stage = 'CLOSED';
        final = acting;
        if (command.action === 'DELIVER') {
          state.outcome = 'DELIVERED';
          state.delivery = {
            what: command.what,
            amount: command.amount ?? null,
            periodFrom: command.periodFrom ?? null,
            periodTo: command.periodTo ?? null,
            // Written with the delivery by recordReferralEvent: no new command, so histories replay.
            ...(command.employment ? { employment: command.employment } : {}),
          };
        } else {
          state.outcome = 'DECLINED';
          state.declineReason = command.reason;
        }
        state.currentTask = null;
      }
      if (final !== acting) queue.push(acting);
      return state;
    },
    { validator: (acting) => validateReferralAction(input, state, acting) },
  );

  const record = (
    r: Omit<ReferralEventRecord, 'referralId' | 'eventKey' | 'stage' | 'actor' | 'requestId'> &
      Partial<ReferralEventRecord>,
  ) =>
    act.recordReferralEvent({
      referralId: input.referralId,
      eventKey: `${r.type}#${uuid4()}`,
      stage: state.stage,
      actor: null,
      requestId: null,
      ...r,
    });
  const by = (a: ReferralActing) => ({
    actor: { userId: a.actor.userId, role: a.actor.role, jurisdiction: a.actor.jurisdiction },
    requestId: a.requestId,
  });

  const department = DEPARTMENT_NAMES_ZH[input.department];
  const c: StepCase = {
    workflowId: workflowInfo().workflowId,
    caseKind: 'REFERRAL',
    caseId: input.referralId,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode ?? input.countyCode,
    calendarLoads: watchCalendarLoads(),
  };
  const plan = {
    limitId: null,
    workingDays: input.timeLimitWorkingDays,
    from: new Date().toISOString(),
    county: input.countyCode,
  };
  const due = await act.planDue(plan);
  await record({ type: 'OPENED', dueAt: due.dueAt, detail: `转介${department}部门办理` });

  // Accept, questions and answers are written to the timeline in order while the step runs.
  const drained = (async () => {
    for (;;) {
      await condition(() => queue.length > 0 || final !== null);
      const a = queue.shift();
      if (a === undefined) return;
      const { command } = a;
      if (command.action === 'ACCEPT') await record({ type: 'ACCEPTED', detail: `${department}部门已接收`, ...by(a) });
      else if (command.action === 'REQUEST_INFO')
        await record({ type: 'INFO_REQUESTED', detail: command.question, ...by(a) });
      else if (command.action === 'ANSWER_INFO')
        await record({ type: 'INFO_ANSWERED', detail: command.answer, ...by(a) });
    }
  })();

  const { taskId } = await humanStep(
    act,
    c,
    {
      type: 'REFERRAL',
      role: 'DEPARTMENT_LIAISON',
      jurisdiction: input.countyCode,
      deadline: { plan, due },
      escalate: true,
      escalationKind: 'OVERDUE_STEP',
      escalationReason: `转介${department}部门的救助帮扶事项逾期未反馈`,
      priority: 1,
    },
    (spec) => {
      state.currentTask = {
        taskId: spec.taskId,
        candidateRole: 'DEPARTMENT_LIAISON',
        jurisdiction: input.countyCode,
        dueAt: spec.dueAt,
      };
    },
    () => final !== null,
    P.TL_ESCALATION_RESPONSE,
    () => {
      state.overdue = true;
    },
    { escalated: () => record({ type: 'ESCALATED', detail: `${department}部门逾期未反馈，已提请县级主管督办` }) },
  );
  await drained;
  const done = final as unknown as ReferralActing;
  const { command } = done;
  await act.closeTask({
    taskId,
    status: 'DONE',
    outcome: command.action,
    completedBy: done.actor.userId,
    completedByRole: done.actor.role,
  });
  const summary =
    command.action === 'DELIVER'
      ? `${department}部门已落实：${command.what}${command.amount !== undefined ? ` ${command.amount} 元` : ''}${
          command.periodFrom !== undefined ? `（${command.periodFrom} 至 ${command.periodTo ?? ''}）` : ''
        }`
      : `${department}部门不予落实：${command.action === 'DECLINE' ? command.reason : ''}`;
  await record({
    type: command.action === 'DELIVER' ? 'DELIVERED' : 'DECLINED',
    detail: summary,
    delivery: state.delivery,
    ...by(done),
  });
  if (input.enrolledCaseId !== null)
    await act.noteReferralOnCase({
      referralId: input.referralId,
      enrolledCaseId: input.enrolledCaseId,
      outcome: state.outcome!,
      summary,
    });

  // A yearly entitlement comes back: next year's referral opens when the delivered period ends.
  const periodTo = state.delivery?.periodTo ?? null;
  if (input.periodicity === 'YEARLY' && state.outcome === 'DELIVERED' && periodTo !== null) {
    const wait = dayAfter(periodTo) - Date.now();
    if (wait > 0) await sleep(wait);
    const next: ReferralInput = {
      ...input,
      referralId: uuid4(),
      origin: 'RENEWAL',
      warningId: null,
      year: input.year + 1,
    };
    if (await act.openRenewalReferral(next)) {
      state.nextReferralId = next.referralId;
      await record({ type: 'RENEWED', detail: `已开启 ${next.year} 年度的转介` });
    }
  }
  await condition(allHandlersFinished);
  return state;
}

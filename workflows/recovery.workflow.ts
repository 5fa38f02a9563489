import { allHandlersFinished, condition, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { RecoveryActing, RecoveryInput, RecoveryState } from '../src/core/contracts/recovery';
import { recoveryActUpdate, recoveryStateQuery } from '../src/core/messages';
import type { RecoveryActivities, RecoveryStageRecord } from '../src/supervision/recovery/recovery.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { RECORDING } from './profiles';
import { firstUnpaidInstalment, overdueFrom, validateRecoveryAction } from './recovery/rules';
import { watchIncidents } from './shared/incidents';

type RecoveryActs = RecoveryActivities & Pick<TaskActivities, 'openTask' | 'closeTask'>;

const activities = proxyActivities<RecoveryActs>(RECORDING);

/** How long an action sent while the notice is being issued waits for it before it is refused. */
const NOTICE_WAIT = '30 seconds';

/**
 * One recovery of wrongly paid aid (追缴, plan 三(三); processes.md §10): FOUND → NOTIFIED (the
 * notice with the months, the total and the household's appeal rights) → REPAYING (repayments,
 * an instalment plan) → CLOSED, when repaid or written off by the county supervisor. An
 * instalment unpaid past its due date opens a task for the county officers, closed once it is
 * paid. A good-faith staff error corrected in time is recorded as CORRECTED and nothing more.
 */
export async function recoveryWorkflow(input: RecoveryInput): Promise<RecoveryState> {
  const act = watchIncidents({ caseKind: 'RECOVERY', caseId: input.recoveryId, countyCode: input.countyCode }).guard(
    activities,
  );
  const state: RecoveryState = {
    recoveryId: input.recoveryId,
    stage: 'FOUND',
    closure: null,
    totalCents: input.totalCents,
    repaidCents: 0,
    instalments: [],
    planFromCents: 0,
    overdueTask: null,
  };
  let changed = false;
  const record = (r: Omit<RecoveryStageRecord, 'recoveryId' | 'eventKey' | 'stage'>) =>
    act.recordRecoveryStage({
      recoveryId: input.recoveryId,
      eventKey: `${r.type}#${uuid4()}`,
      stage: state.stage,
      ...r,
    });

  setHandler(recoveryStateQuery, () => state);
  setHandler(
    recoveryActUpdate,
    async (acting: RecoveryActing) => {
      const { actor, requestId, command } = acting;
      // The notice's row reads NOTIFIED a moment before the workflow does: whoever saw it and
      // acted waits for the notice here instead of being refused.
      if (state.stage === 'FOUND') {
        await condition(() => state.stage !== 'FOUND', NOTICE_WAIT);
        validateRecoveryAction(state, input.countyCode, acting);
      }
      // The state moves before the next await: a second Update's validator already sees it.
      changed = true;
      switch (command.action) {
        case 'recordRepayment': {
          state.repaidCents += command.amountCents;
          state.stage = state.repaidCents >= state.totalCents ? 'CLOSED' : 'REPAYING';
          if (state.stage === 'CLOSED') state.closure = 'REPAID';
          await act.recordRepayment({
            recoveryId: input.recoveryId,
            repaymentId: command.repaymentId,
            amountCents: command.amountCents,
            paidOn: command.paidOn,
            reference: command.reference,
            stage: state.stage,
            closure: state.closure,
            actor,
            requestId,
          });
          break;
        }
        case 'setInstalmentPlan':
          state.instalments = command.instalments;
          state.planFromCents = state.repaidCents;
          state.stage = 'REPAYING';
          await record({
            type: 'INSTALMENT_PLAN_SET',
            reason: `分期 ${command.instalments.length} 期`,
            instalments: command.instalments,
            actor,
            requestId,
          });
          break;
        case 'writeOff':
          state.stage = 'CLOSED';
          state.closure = 'WRITTEN_OFF';
          await record({
            type: 'WRITTEN_OFF',
            closure: 'WRITTEN_OFF',
            reason: command.reason,
            writeOff: { reason: command.reason, decisionRef: command.decisionRef },
            actor,
            requestId,
          });
          break;
      }
      return state;
    },
    { validator: (acting) => validateRecoveryAction(state, input.countyCode, acting, { noticeMayFollow: true }) },
  );

  if (input.correction) {
    state.stage = 'CORRECTED';
    await record({ type: 'CORRECTED', reason: '工作人员失误已及时纠正（容错纠错），不向家庭追缴', actor: null });
    await condition(allHandlersFinished);
    return state;
  }

  await act.issueRecoveryNotice({ recoveryId: input.recoveryId });
  state.stage = 'NOTIFIED';

  while (state.closure === null) {
    const unpaid = firstUnpaidInstalment(state);
    const tasked = unpaid !== null && state.overdueTask?.instalment === unpaid.index;
    const wakeAt = unpaid !== null && !tasked ? overdueFrom(unpaid.dueOn) : null;
    const timedOut = !(await condition(() => changed, wakeAt === null ? undefined : Math.max(wakeAt - Date.now(), 1)));
    changed = false;
    await condition(allHandlersFinished);
    const now = firstUnpaidInstalment(state);
    // The overdue instalment is paid (or a new plan replaced it): its task is done.
    if (state.overdueTask !== null && (state.closure !== null || now?.index !== state.overdueTask.instalment)) {
      await act.closeTask({
        taskId: state.overdueTask.taskId,
        status: 'DONE',
        outcome: state.closure ?? 'INSTALMENT_PAID',
        completedBy: null,
        completedByRole: null,
      });
      state.overdueTask = null;
    }
    if (state.closure !== null) break;
    if (timedOut && now !== null && Date.now() >= overdueFrom(now.dueOn) && state.overdueTask === null) {
      const taskId = uuid4();
      state.overdueTask = { taskId, instalment: now.index };
      await act.openTask({
        taskId,
        taskKey: `RECOVERY_INSTALMENT_OVERDUE#${uuid4()}`,
        type: 'RECOVERY_INSTALMENT_OVERDUE',
        applicationId: null,
        caseKind: 'RECOVERY',
        caseId: input.recoveryId,
        workflowId: workflowInfo().workflowId,
        candidateRole: 'COUNTY_OFFICER',
        jurisdiction: input.countyCode,
        countyCode: input.countyCode,
        townshipCode: input.countyCode,
        priority: 1,
        dueAt: null,
        dueProvisional: false,
        reason: `追缴第 ${now.index + 1} 期（${now.dueOn} 到期）逾期未还`,
      });
      await record({
        type: 'INSTALMENT_OVERDUE',
        reason: `第 ${now.index + 1} 期（${now.dueOn} 到期）逾期未还`,
        actor: null,
      });
    }
  }
  if (state.closure === 'REPAID')
    await record({ type: 'REPAID', closure: 'REPAID', reason: '已全额退还', actor: null });
  await condition(allHandlersFinished);
  return state;
}

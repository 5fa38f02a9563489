import { uuid4 } from '@temporalio/workflow';
import type { Acting } from '../../src/core/contracts/determination';
import type { RecheckAction } from '../../src/core/contracts/enrolment';
import type { Role } from '../../src/core/contracts/roles';
import type { TaskSpec, TaskType } from '../../src/core/contracts/task';
import { CALENDAR_LOADED_REASON, deadlineOf } from '../shared/calendar-loads';
import { watchDeadline } from '../shared/deadline-watch';
import type { RecheckRun } from './run';

/** Opens a task and waits for its completing Update; reminds, then escalates once when overdue. */
export async function recheckStep(
  run: RecheckRun,
  type: TaskType,
  role: Role,
  jurisdiction: string,
  limitId: string,
): Promise<Acting<RecheckAction>> {
  const { input, act, state } = run;
  const opened = new Date().toISOString();
  const plan = { limitId, from: opened, county: input.countyCode };
  const due = await act.planDue(plan);
  const spec: TaskSpec = {
    taskId: uuid4(),
    taskKey: `${type}#${uuid4()}`,
    type,
    applicationId: input.applicationId,
    workflowId: run.workflowId,
    candidateRole: role,
    jurisdiction,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode,
    priority: input.reason === 'CHANGE' ? 1 : 0,
    dueAt: due.dueAt,
    dueProvisional: due.provisional,
  };
  run.completed = null;
  state.currentTask = { taskId: spec.taskId, type, candidateRole: role, jurisdiction, dueAt: due.dueAt };
  await act.openCaseTask(spec);
  const finished = () => state.currentTask?.taskId !== spec.taskId;
  const escalation = await watchDeadline({
    finished,
    openedAt: opened,
    deadline: deadlineOf(plan, due),
    reminderShare: due.reminderShare,
    loads: run.calendarLoads,
    planDue: act.planDue,
    remind: async () => void (await act.remindTask(spec.taskId)),
    escalate: async () => {
      state.overdueSteps++;
      const taskId = uuid4();
      await act.openCaseTask({
        ...spec,
        taskId,
        taskKey: `ESCALATION#${uuid4()}`,
        type: 'ESCALATION',
        candidateRole: 'COUNTY_SUPERVISOR',
        jurisdiction: input.countyCode,
        priority: 2,
        dueAt: null,
        dueProvisional: false,
        escalates: spec.taskId,
      });
      return taskId;
    },
    moved: async (next) => {
      if (state.currentTask?.taskId === spec.taskId) state.currentTask.dueAt = next.dueAt;
      await act.rescheduleTask({
        taskId: spec.taskId,
        dueAt: next.dueAt,
        dueProvisional: next.provisional,
        reason: CALENDAR_LOADED_REASON,
        cause: 'CALENDAR_LOADED',
      });
    },
    withdrawEscalation: (taskId) =>
      act.closeTask({
        taskId,
        status: 'DONE',
        outcome: 'DEADLINE_RECALCULATED',
        completedBy: null,
        completedByRole: null,
      }),
  });
  if (escalation !== null)
    await act.closeTask({
      taskId: escalation,
      status: 'DONE',
      outcome: 'STEP_COMPLETED',
      completedBy: null,
      completedByRole: null,
    });
  return run.completed!;
}

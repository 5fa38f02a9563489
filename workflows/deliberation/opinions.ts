import { deadlineOf } from '../shared/calendar-loads';
import { openStep } from '../shared/human-step';
import { watchOpinionsDeadline } from './opinions-deadline';
import { type DeliberationRun, LIMIT, record } from './run';

/**
 * OPINIONS: the deadline is planned from now, each member gets an OPINION task and the chair
 * the decision task; the deadline is watched until the chair decides or closes. The tasks
 * left open are then closed: opinions not given are cancelled.
 */
export async function opinions(run: DeliberationRun): Promise<void> {
  const { act, input, state } = run;
  const plan = { limitId: LIMIT.deliberation, from: new Date().toISOString(), county: input.countyCode };
  run.opinionsDeadline = deadlineOf(plan, await act.planDue(plan));
  state.deadlineAt = run.opinionsDeadline.dueAt;
  const provisional = run.opinionsDeadline.provisional;
  await record(run, 'CONVENED', run.convenedBy, {
    chairId: state.chairId,
    members: state.members,
    deadlineAt: state.deadlineAt,
  });
  for (const m of state.members) {
    const { spec } = await openStep(
      act,
      run.c,
      {
        type: 'OPINION',
        role: 'DEPARTMENT_LIAISON',
        jurisdiction: input.countyCode,
        dueAt: state.deadlineAt,
        dueProvisional: provisional,
        assignee: m.userId,
        escalate: false,
        escalationKind: 'DELIBERATION_STALLED',
        escalationReason: '',
      },
      () => undefined,
    );
    // Known to the opinion handler only once the row exists; an opinion given meanwhile closes it here.
    run.opinionTasks.set(m.userId, spec.taskId);
    const given = state.opinions[m.userId];
    if (given)
      await act.closeTask({
        taskId: spec.taskId,
        status: 'DONE',
        outcome: given.opinion,
        completedBy: m.userId,
        completedByRole: 'DEPARTMENT_LIAISON',
      });
  }
  await openStep(
    act,
    run.c,
    {
      type: 'DELIBERATION_DECIDE',
      role: 'COUNTY_SUPERVISOR',
      jurisdiction: input.countyCode,
      dueAt: state.deadlineAt,
      dueProvisional: provisional,
      assignee: state.chairId!,
      priority: 1,
      escalate: false,
      escalationKind: 'DELIBERATION_STALLED',
      escalationReason: '',
    },
    (spec) => (run.decideTaskId = spec.taskId),
  );
  const escalation = await watchOpinionsDeadline(run);
  for (const [userId, taskId] of run.opinionTasks) {
    if (!state.opinions[userId])
      await act.closeTask({
        taskId,
        status: 'CANCELLED',
        outcome: state.stage,
        completedBy: null,
        completedByRole: null,
      });
  }
  const decider = run.decidedBy ?? run.closedBy;
  await act.closeTask({
    taskId: run.decideTaskId,
    status: run.decidedBy ? 'DONE' : 'CANCELLED',
    outcome: state.outcome ?? state.stage,
    completedBy: decider?.actor.userId ?? null,
    completedByRole: decider?.actor.role ?? null,
  });
  if (escalation !== null)
    await act.closeTask({
      taskId: escalation,
      status: 'DONE',
      outcome: 'DECIDED',
      completedBy: null,
      completedByRole: null,
    });
}

import { condition, setHandler } from '@temporalio/workflow';
import type { Measure } from '../../src/core/contracts/deliberation';
import { deliberationActUpdate, deliberationStateQuery } from '../../src/core/messages';
import { tally, validateDeliberationAction } from './rules';
import { type DeliberationRun, openDeadlineTasks, record, todayCst } from './run';

/**
 * The matter's messages: its state, and the actions of the chair and the members. Opinions
 * (and their changes) are recorded at once; convening, the decision and the close move the
 * stage, which the workflow's loop follows; an extension waits for the loop to plan the new deadline.
 */
export function setDeliberationHandlers(run: DeliberationRun): void {
  const { act, input, state, opinionTasks } = run;
  setHandler(deliberationStateQuery, () => state);
  setHandler(
    deliberationActUpdate,
    async (acting) => {
      const { command, actor } = acting;
      switch (command.action) {
        case 'convene':
          state.chairId = actor.userId;
          state.members = command.members;
          if (command.question) state.question = command.question;
          state.stage = 'OPINIONS';
          run.convenedBy = acting;
          return state;
        case 'giveOpinion':
        case 'changeOpinion': {
          const version = (state.opinions[actor.userId]?.version ?? 0) + 1;
          state.opinions[actor.userId] = { opinion: command.opinion, comment: command.comment, version };
          state.tally = tally(state, input.rules);
          const member = state.members.find((m) => m.userId === actor.userId)!;
          await act.recordOpinion({
            deliberationId: input.deliberationId,
            member,
            opinion: command.opinion,
            comment: command.comment,
            version,
            actor,
            requestId: acting.requestId,
          });
          const taskId = opinionTasks.get(actor.userId);
          if (version === 1 && taskId)
            await act.closeTask({
              taskId,
              status: 'DONE',
              outcome: command.opinion,
              completedBy: actor.userId,
              completedByRole: actor.role,
            });
          return state;
        }
        case 'extend': {
          state.extended = true;
          state.deadlineMissed = false;
          run.deadlineVersion++;
          await condition(() => run.plannedVersion === run.deadlineVersion || state.stage !== 'OPINIONS'); // the loop plans the new deadline
          await record(run, 'EXTENDED', acting, {
            extended: true,
            deadlineAt: state.deadlineAt,
            reason: command.reason,
          });
          // The open tasks show the new deadline (their reminders re-armed).
          for (const taskId of openDeadlineTasks(run)) {
            await act.rescheduleTask({
              taskId,
              dueAt: state.deadlineAt!,
              dueProvisional: run.opinionsDeadline?.provisional ?? false,
              reason: command.reason,
              actor: { userId: actor.userId, role: actor.role },
              requestId: acting.requestId,
            });
          }
          return state;
        }
        case 'decide':
          state.outcome = command.outcome;
          state.measures = command.measures as Measure[];
          state.stage = 'DECIDED';
          run.decidedBy = acting;
          return state;
        case 'reportFollowUp': {
          const f = state.followUps.find((x) => x.taskId === command.taskId)!;
          f.report = { result: command.result, details: command.details, by: actor.userId };
          run.reporters.set(f.taskId, actor);
          return state;
        }
        case 'close':
          state.closedReason = command.reason;
          state.stage = 'CLOSED';
          run.closedBy = acting;
          return state;
      }
    },
    { validator: (acting) => validateDeliberationAction(state, input, acting, todayCst()) },
  );
}

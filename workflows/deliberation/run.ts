import { uuid4 } from '@temporalio/workflow';
import type { ApplicationActivities } from '../../src/applications/application.activities';
import type { Acting, ActorRef } from '../../src/core/contracts/determination';
import type { DeliberationActing, DeliberationInput, DeliberationState } from '../../src/core/contracts/deliberation';
import type { DeliberationActivities } from '../../src/deliberation/deliberation.activities';
import type { TaskActivities } from '../../src/tasks/task.activities';
import { cstDate } from '../../src/core/clock';
import type { Deadline } from '../shared/calendar-loads';
import type { StepCase } from '../shared/human-step';
import { P } from '../../src/core/parameter-ids';

// One 一事一议's run, shared by the stages of deliberation.workflow.ts.

export type DeliberationActs = DeliberationActivities &
  Pick<ApplicationActivities, 'planDue'> &
  Pick<TaskActivities, 'openTask' | 'closeTask' | 'remindTask' | 'rescheduleTask'>;

/** The time limits this workflow counts (parameter ids from src/core/parameter-ids.ts). */
export const LIMIT = {
  deliberation: P.TL_DELIBERATION,
  extension: P.TL_DELIBERATION_EXTENSION,
  escalation: P.TL_ESCALATION_RESPONSE,
} as const;

/** Everything the workflow keeps: `state` is what the query shows, the rest is what its handlers hand to the stages. */
export interface DeliberationRun {
  readonly input: DeliberationInput;
  readonly act: DeliberationActs;
  readonly c: StepCase;
  readonly state: DeliberationState;
  convenedBy: DeliberationActing | null;
  decidedBy: DeliberationActing | null;
  closedBy: DeliberationActing | null;
  /** Counts the chair's extensions; the deadline loop plans the new deadline and sets plannedVersion to it. */
  deadlineVersion: number;
  plannedVersion: number;
  /** The chair's decision task ('' until opened). */
  decideTaskId: string;
  /** Each member's OPINION task, by user id. */
  readonly opinionTasks: Map<string, string>;
  /** The opinions deadline as planned (planned again after a holiday-schedule load). */
  opinionsDeadline: Deadline | null;
  /** Who reported each FOLLOW_UP task, by task id. */
  readonly reporters: Map<string, ActorRef>;
}

export function newDeliberationRun(input: DeliberationInput, act: DeliberationActs, c: StepCase): DeliberationRun {
  const state: DeliberationState = {
    deliberationId: input.deliberationId,
    stage: 'CONVENING',
    chairId: null,
    members: [],
    question: input.question,
    deadlineAt: null,
    extended: false,
    deadlineMissed: false,
    opinions: {},
    tally: { approve: 0, reject: 0, abstain: 0, quorumReached: false, majorityApproves: false },
    outcome: null,
    measures: [],
    followUps: [],
    closedReason: null,
  };
  return {
    input,
    act,
    c,
    state,
    convenedBy: null,
    decidedBy: null,
    closedBy: null,
    deadlineVersion: 0,
    plannedVersion: 0,
    decideTaskId: '',
    opinionTasks: new Map(),
    opinionsDeadline: null,
    reporters: new Map(),
  };
}

/** The calendar date (CST) of the workflow's now, for due-date checks of measures. */
export const todayCst = () => cstDate(new Date().toISOString());

/** One row of the matter's record, at its current stage. */
export function record(
  run: DeliberationRun,
  event: string,
  acting: Acting<unknown> | null,
  extra: Partial<Parameters<DeliberationActivities['recordDeliberation']>[0]> = {},
): Promise<void> {
  const { input, state } = run;
  return run.act.recordDeliberation({
    deliberationId: input.deliberationId,
    workflowId: run.c.workflowId,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode,
    source: input.source,
    question: state.question,
    stage: state.stage,
    eventKey: `${event}#${uuid4()}`,
    event,
    actor: acting?.actor ?? null,
    requestId: acting?.requestId ?? null,
    ...extra,
  });
}

/** Opinion tasks still waiting, and the chair's decision task: they show the deadline. */
export function openDeadlineTasks(run: DeliberationRun): string[] {
  return [
    ...[...run.opinionTasks].filter(([userId]) => !run.state.opinions[userId]).map(([, taskId]) => taskId),
    ...(run.decideTaskId ? [run.decideTaskId] : []),
  ];
}

/** Convened with the start (by a county supervisor through the API): in OPINIONS with its chair. */
export function applyConvened(run: DeliberationRun, convened: NonNullable<DeliberationInput['convened']>): void {
  const { state } = run;
  state.chairId = convened.chair.userId;
  state.members = convened.members;
  state.stage = 'OPINIONS';
  run.convenedBy = {
    actor: convened.chair,
    requestId: convened.requestId,
    command: { action: 'convene', members: convened.members },
  };
}

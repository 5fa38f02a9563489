import { patched, proxyActivities, proxyLocalActivities, uuid4 } from '@temporalio/workflow';
import type { ApplicationActivities } from '../../src/applications/application.activities';
import type { DueRequest, PlannedDue } from '../../src/core/due';
import type { InvestigationRecord } from '../../src/core/contracts/determination';
import type { NoticeKind } from '../../src/core/notice-kinds';
import type {
  Acting,
  DeterminationAction,
  DeterminationInput,
  DeterminationState,
  OpenStage,
} from '../../src/core/contracts/determination';
import type { TaskActivities } from '../../src/tasks/task.activities';
import { LOCAL_RECORDING, RECORDING } from '../profiles';
import { type CalendarLoads, type Deadline, watchCalendarLoads } from '../shared/calendar-loads';
import type { DeadlineMove } from '../shared/deadline-watch';
import type { StepCase } from '../shared/human-step';
import { watchIncidents } from '../shared/incidents';
import { applicationWorkflowId } from '../../src/core/workflow-ids';

// One determination case as its stages see it: the input, the state the query returns, the
// recording activities and the deadline bookkeeping the stages and the Update handler share.

export type Recording = ApplicationActivities & TaskActivities;
const recordedAsTasks = proxyActivities<Recording>(RECORDING);
const recordedLocally = proxyLocalActivities<Recording>(LOCAL_RECORDING);

/**
 * Since this patch a case records its steps as local activities: once an action's task is
 * closed, the step's writes (timeline, read model, due date, next task) run in one workflow
 * task instead of one activity task and one more workflow task each.
 * Cases started before it keep their activity tasks (their histories replay unchanged).
 */
const LOCAL_RECORDING_PATCH = 'determination-local-recording';

/**
 * Since this patch each category keeps its own limits (domain.md §4.1): a 特困 case has its
 * 15-working-day investigation and confirmation limits and no 30-working-day whole-process
 * limit of 低保; delegated (township) confirmation applies to 低保 and 低保边缘 only, never
 * to 特困 (the county confirms) nor to 刚性支出 (civil affairs decides).
 */
const CATEGORY_LIMITS_PATCH = 'determination-category-limits';

/**
 * Since this patch a case's human steps run the loop the other workflows share
 * (shared/human-step.ts); cases started before it keep the determination's own loop
 * (legacy-step.ts) for their whole life, so no case changes loops halfway.
 */
const SHARED_STEP_PATCH = 'determination-shared-step';

export type { DeadlineMove };

export interface DeterminationCase {
  readonly input: DeterminationInput;
  readonly state: DeterminationState;
  readonly workflowId: string;
  /** The step's writes, guarded (an incident instead of a failed workflow). */
  readonly act: Recording;
  /** Closing a completed task: always an activity task (see humanStep). */
  readonly closing: Recording;
  /** Unguarded: a refused objection goes back to the public caller. */
  readonly recording: Recording;
  /** Confirmation delegated to the township (never for 特困 or 刚性支出 since the category-limits patch). */
  readonly delegated: boolean;
  /** 特困 has no whole-process limit of its own: its steps' limits are the whole of it. */
  readonly wholeProcessLimited: boolean;
  /** The steps run the shared human-step loop (patch determination-shared-step). */
  readonly sharedStep: boolean;
  readonly calendarLoads: CalendarLoads;
  /** The action that completed the open task, read by the stage to choose the next stage. */
  completed: Acting<DeterminationAction> | null;
  /** Bumped when a deadline moves, so timers waiting on the old one wake up. */
  deadlineVersion: number;
  deadlineMovedBy: DeadlineMove;
  /** The open step's due date and the whole-process one, as planned (planned again after a holiday-schedule load). */
  stepDeadline: Deadline | null;
  processDeadline: Deadline | null;
  acceptedAt: string | null;
  /** The county's limit for a flagged case, planned when the file reaches it (patch determination-county-file-limit). */
  countyFile: { plan: DueRequest; due: PlannedDue } | null;
}

/** The case at intake: the patches that decide its recording and limits are read here, once. */
export function openCase(input: DeterminationInput): DeterminationCase {
  const incidents = watchIncidents({
    caseKind: 'APPLICATION',
    caseId: input.applicationId,
    countyCode: input.countyCode,
  });
  const recording = patched(LOCAL_RECORDING_PATCH) ? recordedLocally : recordedAsTasks;
  const act = incidents.guard(recording);
  const closing = incidents.guard(recordedAsTasks);
  const ownLimits = patched(CATEGORY_LIMITS_PATCH);
  const sharedStep = patched(SHARED_STEP_PATCH);
  return {
    input,
    workflowId: applicationWorkflowId(input.applicationId),
    act,
    closing,
    recording,
    delegated:
      input.delegated && (!ownLimits || input.category === 'MINIMUM_LIVING' || input.category === 'NEAR_MINIMUM'),
    wholeProcessLimited: !ownLimits || input.category !== 'DESTITUTE',
    sharedStep,
    state: {
      applicationId: input.applicationId,
      category: input.category,
      stage: 'SUBMITTED',
      currentTask: null,
      publicityRound: 0,
      objectionsThisRound: 0,
      publicityEndsAt: null,
      engine: null,
      opinion: null,
      processDueAt: null,
      processExtended: false,
      processOverdue: false,
      overdueSteps: 0,
      outcome: null,
    },
    completed: null,
    deadlineVersion: 0,
    deadlineMovedBy: 'DEADLINE_EXTENDED',
    stepDeadline: null,
    processDeadline: null,
    calendarLoads: watchCalendarLoads(),
    acceptedAt: null,
    countyFile: null,
  };
}

/** The case as the shared human step sees it (its tasks carry the application's id). */
export function stepCase(c: DeterminationCase): StepCase {
  const { input } = c;
  return {
    workflowId: c.workflowId,
    caseKind: 'APPLICATION',
    caseId: input.applicationId,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode,
    calendarLoads: c.calendarLoads,
  };
}

export function isOpen(stage: DeterminationState['stage']): stage is OpenStage {
  return !['ENROLLED', 'REFUSED', 'WITHDRAWN', 'CLOSED', 'TERMINATED'].includes(stage);
}

/** A timeline event, at the stage the case is in. */
export function event(
  c: DeterminationCase,
  type: string,
  acting: Acting<unknown> | null,
  reason: string | null,
  key = `${type}#${uuid4()}`,
  record?: InvestigationRecord,
): Promise<void> {
  return c.act.recordApplicationEvent({
    applicationId: c.input.applicationId,
    eventKey: key,
    type,
    stage: c.state.stage,
    actor: acting?.actor ?? null,
    requestId: acting?.requestId ?? null,
    reason,
    ...(record ? { record } : {}),
  });
}

export async function moveTo(
  c: DeterminationCase,
  stage: OpenStage,
  extra: { processDueAt?: string } = {},
): Promise<void> {
  c.state.stage = stage;
  // A new step starts on time; only a passed whole-process limit keeps the case overdue.
  await c.act.updateReadModel({
    applicationId: c.input.applicationId,
    stage,
    overdue: c.state.processOverdue,
    ...extra,
  });
}

/** Closes the case without a decision, with a notice to the household and a timeline event. */
export async function closeWithNotice(
  c: DeterminationCase,
  stage: 'CLOSED' | 'WITHDRAWN' | 'TERMINATED',
  kind: NoticeKind,
  reasons: string[],
  acting: Acting<unknown> | null,
): Promise<void> {
  c.state.stage = stage;
  await c.act.issueNotice({ applicationId: c.input.applicationId, noticeKey: 'closing', kind, items: [], reasons });
  await c.act.updateReadModel({ applicationId: c.input.applicationId, stage });
  await event(c, kind, acting, reasons.join('；'));
}

import { uuid4 } from '@temporalio/workflow';
import type { ApplicationActivities } from '../../src/applications/application.activities';
import type { Acting } from '../../src/core/contracts/determination';
import type { DeliberationDecided, DeliberationResult } from '../../src/core/contracts/deliberation';
import type {
  EmergencyAction,
  EmergencyAidInput,
  EmergencyStage,
  EmergencyState,
} from '../../src/core/contracts/emergency';
import type { EmergencyActivities } from '../../src/emergency/emergency.activities';
import type { TaskActivities } from '../../src/tasks/task.activities';
import type { StepCase } from '../shared/human-step';
import { P } from '../../src/core/parameter-ids';

// One emergency case's run, shared by the stages of emergency-aid.workflow.ts.

export type EmergencyActs = EmergencyActivities &
  Pick<ApplicationActivities, 'planDue'> &
  Pick<TaskActivities, 'openTask' | 'closeTask' | 'remindTask' | 'rescheduleTask'>;

export type Acted = Acting<EmergencyAction>;

/** The time limits this workflow counts (parameter ids from src/core/parameter-ids.ts). */
export const LIMIT = {
  explanation: P.TL_EMERGENCY_EXPLANATION,
  paperwork: P.TL_EMERGENCY_PAPERWORK,
  step: P.TL_EMERGENCY_EXPENSE_STEP,
  escalation: P.TL_ESCALATION_RESPONSE,
} as const;

/** Everything the workflow keeps: `state` is what the query shows, the rest is what its handlers hand to the stages. */
export interface EmergencyRun {
  readonly input: EmergencyAidInput;
  readonly act: EmergencyActs;
  readonly c: StepCase;
  readonly state: EmergencyState;
  /** The action that completed the current human step (set by the update handler). */
  completed: Acted | null;
  /** The county supervisor's decision on a refused reserve-fund payment. */
  fundDecision: Acted | null;
  /** The 一事一议's decision, signalled by the child as soon as the chair decides. */
  decided: DeliberationDecided | null;
  /** The child 一事一议's result once it closed. */
  deliberation: DeliberationResult | null;
}

export function newEmergencyState(input: EmergencyAidInput): EmergencyState {
  return {
    caseId: input.caseId,
    path: input.path,
    stage: 'RECEIVED',
    currentTask: null,
    step: null,
    approvedAmount: null,
    paidAmount: 0,
    stages: [],
    eased: false,
    fundRefusal: null,
    incomeTest: null,
    opinion: null,
    deliberationId: null,
    outcome: null,
    overdueSteps: 0,
  };
}

/** One row of the case timeline, at the run's current stage. */
export function event(
  run: EmergencyRun,
  type: string,
  acting: Acted | null,
  extra: Partial<Parameters<EmergencyActivities['recordEmergencyEvent']>[0]> = {},
): Promise<void> {
  return run.act.recordEmergencyEvent({
    caseId: run.input.caseId,
    eventKey: `${type}#${uuid4()}`,
    type,
    stage: run.state.stage,
    actor: acting?.actor ?? null,
    requestId: acting?.requestId ?? null,
    ...extra,
  });
}

export async function moveTo(run: EmergencyRun, stage: EmergencyStage): Promise<void> {
  run.state.stage = stage;
  await event(run, 'STAGE', null);
}

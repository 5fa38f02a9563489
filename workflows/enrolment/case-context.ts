import { upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ApplicationActivities } from '../../src/applications/application.activities';
import type {
  EnrolledCaseInput,
  EnrolledCaseState,
  EnrolledStatus,
  RecheckResult,
} from '../../src/core/contracts/enrolment';
import type { AdjustmentCaseActivities } from '../../src/enrolment/adjustment.activities';
import type { EnrolmentActivities } from '../../src/enrolment/enrolment.activities';
import type { TaskActivities } from '../../src/tasks/task.activities';
import { CASE_STATUS } from '../../src/core/search-attributes';

/** The activities an enrolled case calls (guarded by its incidents). */
export type CaseActivities = EnrolmentActivities &
  AdjustmentCaseActivities &
  Pick<ApplicationActivities, 'planDue'> &
  Pick<TaskActivities, 'closeTask'>;

/** A status change and its timeline row. */
export interface StatusEvent {
  event: string;
  reason: string | null;
  actor?: { userId: string; role: string };
  requestId?: string;
  eventKey?: string;
}

/**
 * One enrolled case as its stages (workflows/enrolment/*) see it: its input, the state the
 * query shows and continue-as-new carries, its activities, and what the running recheck
 * child answered (set by the child's promise between awaits, read by the main loop).
 */
export interface EnrolledCase {
  readonly input: EnrolledCaseInput;
  readonly state: EnrolledCaseState;
  readonly act: CaseActivities;
  readonly recheck: { done: RecheckResult | null; failed: boolean };
  /** Keeps the status search attribute current (when the starter set it). */
  indexStatus(status: EnrolledStatus): void;
  /** The status, its search attribute and its timeline row. */
  setStatus(status: EnrolledStatus, e: StatusEvent): Promise<void>;
}

/** The state of a new case, or the one carried over a continue-as-new (fields added since default). */
export function initialState(input: EnrolledCaseInput): EnrolledCaseState {
  return input.carried
    ? {
        ...input.carried,
        deaths: input.carried.deaths ?? [],
        workRefusalsByMember: input.carried.workRefusalsByMember ?? {},
        generation: input.carried.generation + 1,
        generationStartedAt: new Date().toISOString(),
      }
    : {
        enrolledCaseId: input.enrolledCaseId,
        status: 'ACTIVE',
        category: input.category,
        monthlyAmount: input.monthlyAmount,
        membersIncluded: [...input.membersIncluded],
        nextPaymentMonth: input.startMonth,
        pendingAmount: null,
        nextRecheckAt: null,
        phaseOut: null,
        workRefusals: 0,
        workRefusalsByMember: {},
        currentRecheck: null,
        rechecksDone: 0,
        changeRecheckPending: false,
        changesReported: 0,
        deaths: [],
        suspension: null,
        paymentsWritten: 0,
        lastPaidMonth: null,
        exit: null,
        generation: 0,
        generationStartedAt: new Date().toISOString(),
      };
}

export function openCase(input: EnrolledCaseInput, act: CaseActivities): EnrolledCase {
  const state = initialState(input);
  // The status search attribute is kept current only when the starter set it (i.e. the
  // server has it registered); upserting an unregistered attribute fails the workflow task.
  const statusIndexed = workflowInfo().typedSearchAttributes.get(CASE_STATUS) !== undefined;
  const indexStatus = (status: EnrolledStatus) => {
    if (statusIndexed) upsertSearchAttributes([{ key: CASE_STATUS, value: status }]);
  };
  async function setStatus(status: EnrolledStatus, e: StatusEvent): Promise<void> {
    state.status = status;
    indexStatus(status);
    await act.recordCaseStatus({
      enrolledCaseId: input.enrolledCaseId,
      status,
      eventKey: e.eventKey ?? `${e.event}#${uuid4()}`,
      event: e.event,
      reason: e.reason,
      actor: e.actor ?? null,
      requestId: e.requestId ?? null,
      phaseOutEndsAt: state.phaseOut?.endsAt ?? null,
    });
  }
  return { input, state, act, recheck: { done: null, failed: false }, indexStatus, setStatus };
}

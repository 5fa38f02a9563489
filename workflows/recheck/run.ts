import type { Acting } from '../../src/core/contracts/determination';
import type { RecheckAction, RecheckInput, RecheckState } from '../../src/core/contracts/enrolment';
import type { EnrolmentActivities } from '../../src/enrolment/enrolment.activities';
import type { ApplicationActivities } from '../../src/applications/application.activities';
import type { TaskActivities } from '../../src/tasks/task.activities';
import type { CalendarLoads } from '../shared/calendar-loads';

export type RecheckActs = EnrolmentActivities &
  Pick<ApplicationActivities, 'planDue'> &
  Pick<TaskActivities, 'closeTask' | 'remindTask' | 'rescheduleTask'>;

/** Everything one recheck keeps: `state` is what the query shows, the rest is what the steps share. */
export interface RecheckRun {
  readonly input: RecheckInput;
  readonly act: RecheckActs;
  readonly state: RecheckState;
  readonly workflowId: string;
  readonly calendarLoads: CalendarLoads;
  /** The action that completed the current step (set by the Update handler). */
  completed: Acting<RecheckAction> | null;
}

/** What the investigation recorded about members refusing work without good reason. */
export interface WorkRefusals {
  count: number;
  byMember: Record<string, number>;
  acceptedBy: string[];
}

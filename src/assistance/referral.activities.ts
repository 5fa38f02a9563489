// What the referral workflow asks of the world (its side effects). The workflow imports only
// these types; the implementations (the referral and referral_event tables, the case
// timeline, starting next year's referral) are built by a factory for the worker.
import type { ActorRef } from '../core/contracts/determination';
import type { ReferralDelivery, ReferralInput, ReferralOutcome, ReferralStage } from '../core/contracts/referral';

export type ReferralEventType =
  'OPENED' | 'ACCEPTED' | 'INFO_REQUESTED' | 'INFO_ANSWERED' | 'ESCALATED' | 'DELIVERED' | 'DECLINED' | 'RENEWED';

/** One line of the referral's timeline (referral_event); `detail` is Chinese text without personal data. */
export interface ReferralEventRecord {
  referralId: string;
  /** Idempotency key of the write (the activity may run twice). */
  eventKey: string;
  type: ReferralEventType;
  stage: ReferralStage;
  actor: ActorRef | null;
  requestId: string | null;
  detail: string | null;
  dueAt?: string | null;
  delivery?: ReferralDelivery | null;
}

export interface ReferralActivities {
  recordReferralEvent(r: ReferralEventRecord): Promise<void>;
  /** The outcome on the enrolled case's timeline (a referral from an enrolment). */
  noteReferralOnCase(n: {
    referralId: string;
    enrolledCaseId: string;
    outcome: ReferralOutcome;
    summary: string;
  }): Promise<void>;
  /**
   * Opens next year's referral of a yearly entitlement (row and workflow); false when an open
   * referral of the same entitlement and person already exists (the open-key dedup).
   */
  openRenewalReferral(next: ReferralInput): Promise<boolean>;
}

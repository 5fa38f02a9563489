/** The notices a determination sends the household (their text is built in src/applications/notices.ts). */
export type NoticeKind =
  | 'SUPPLEMENT_REQUEST'
  | 'SUPPLEMENT_EXPIRED'
  | 'INADMISSIBLE'
  | 'WITHDRAWN'
  | 'TERMINATED_NON_COOPERATION'
  | 'DECISION_APPROVED'
  | 'DECISION_REFUSED';

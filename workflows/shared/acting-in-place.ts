// A county supervisor acts in a caseworker's or officer's place only when the step is theirs
// to take over: past its due date (which is when it is escalated to them), or the case as a
// whole escalated (its process limit passed). Before that the step belongs to its role, and
// the supervisor reassigns or extends instead. Validators call this with workflow time.

/** Whether a supervisor may complete the open step in its role's place. */
export function supervisorMayActInPlace(
  task: { dueAt: string | null } | null,
  now: number,
  caseEscalated = false,
): boolean {
  if (caseEscalated) return true;
  return task !== null && task.dueAt !== null && Date.parse(task.dueAt) <= now;
}

/** The refusal's reason, in Chinese. */
export function notOverdueReason(task: { dueAt: string | null } | null): string {
  const due = task?.dueAt ? `本环节办理期限为 ${task.dueAt}，尚未逾期` : '本环节没有逾期';
  return `县级主管只能代为办理已逾期或已升级的环节；${due}，请由本环节的经办人员办理，或改派、延长期限`;
}

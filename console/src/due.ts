/** Due within this many hours: shown as 即将到期 (the API's reminder comes at 80 % of a limit; a day ahead is what a person can still act on). */
const DUE_SOON_HOURS = 24;

export type DueState = 'overdue' | 'soon' | 'ok' | 'none';

export function dueState(task: { dueAt: string | null; overdue: boolean }, now = Date.now()): DueState {
  if (task.overdue) return 'overdue';
  if (!task.dueAt) return 'none';
  const left = new Date(task.dueAt).getTime() - now;
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_HOURS * 3600_000 ? 'soon' : 'ok';
}

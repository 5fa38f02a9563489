import { openEscalation as openEscalationTask } from '../shared/human-step';
import { type DeterminationCase, event, stepCase } from './case';

/**
 * An ESCALATION task for the county supervisor, who may reassign, extend the step or act in
 * its place; with no due date or kind (the determination's escalations never had them), and
 * its reason on the case's timeline.
 */
export async function openEscalation(c: DeterminationCase, escalates: string | null, reason: string): Promise<string> {
  const taskId = await openEscalationTask(c.act, stepCase(c), undefined, undefined, escalates, null);
  await event(c, 'ESCALATED', null, reason);
  return taskId;
}

import type { FollowUp, Measure } from '../../src/core/contracts/deliberation';
import { endOfDayCst } from '../../src/core/clock';
import { humanStep } from '../shared/human-step';
import { type DeliberationRun, LIMIT, record } from './run';

/** One measure's FOLLOW_UP task for its department; overdue → escalation; done when reported or the chair closes. */
export async function followUp(run: DeliberationRun, m: Measure, index: number): Promise<void> {
  const { act, input, state } = run;
  const assignee =
    state.members.find((x) => x.department === m.department)?.userId ??
    (await act.findLiaison({ countyCode: input.countyCode, department: m.department }));
  let entry: FollowUp | null = null;
  const { taskId } = await humanStep(
    act,
    run.c,
    {
      type: 'FOLLOW_UP',
      role: 'DEPARTMENT_LIAISON',
      jurisdiction: input.countyCode,
      dueAt: endOfDayCst(m.dueOn),
      ...(assignee ? { assignee } : {}),
      escalate: true,
      escalationKind: 'FOLLOW_UP_OVERDUE',
      escalationReason: `救助措施「${m.item}」逾期未反馈`,
    },
    (spec) => {
      entry = {
        taskId: spec.taskId,
        measureIndex: index,
        department: m.department,
        assignee,
        dueAt: spec.dueAt!,
        report: null,
        escalated: false,
      };
      state.followUps.push(entry);
    },
    () => entry!.report !== null || state.stage === 'CLOSED',
    LIMIT.escalation,
    () => (entry!.escalated = true),
  );
  const f = entry! as FollowUp;
  const by = run.reporters.get(taskId);
  if (f.report && by) {
    await act.closeTask({
      taskId,
      status: 'DONE',
      outcome: f.report.result,
      completedBy: by.userId,
      completedByRole: by.role,
    });
    await record(
      run,
      'FOLLOW_UP_REPORTED',
      { actor: by, requestId: '', command: null },
      { reason: `${m.item}：${f.report.result === 'DONE' ? '已落实' : '未能落实'}，${f.report.details}` },
    );
  } else {
    await act.closeTask({
      taskId,
      status: 'CANCELLED',
      outcome: 'CLOSED_BY_CHAIR',
      completedBy: null,
      completedByRole: null,
    });
  }
}

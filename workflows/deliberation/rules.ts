import type {
  DeliberationActing,
  DeliberationInput,
  DeliberationRules,
  DeliberationState,
} from '../../src/core/contracts/deliberation';
import { covers, refuse } from '../emergency/rules';

// Who may do what in a 一事一议 (processes.md §4); refusals map through DELIBERATION_REFUSAL_STATUS.

/** Quorum: more than quorumShare of the members gave an opinion; majority: approvals above majorityShare of approve + reject. */
export function tally(
  state: Pick<DeliberationState, 'opinions' | 'members'>,
  rules: DeliberationRules,
): DeliberationState['tally'] {
  const values = Object.values(state.opinions).map((o) => o.opinion);
  const approve = values.filter((v) => v === 'APPROVE').length;
  const reject = values.filter((v) => v === 'REJECT').length;
  const abstain = values.filter((v) => v === 'ABSTAIN').length;
  const quorumReached = state.members.length > 0 && values.length > rules.quorumShare * state.members.length;
  const majorityApproves = approve > rules.majorityShare * (approve + reject);
  return { approve, reject, abstain, quorumReached, majorityApproves };
}

const OPEN = ['CONVENING', 'OPINIONS', 'DECIDED', 'FOLLOW_UP'];

export function validateDeliberationAction(
  state: DeliberationState,
  input: DeliberationInput,
  acting: DeliberationActing,
  today: string,
): void {
  const { actor, command } = acting;
  if (!OPEN.includes(state.stage)) refuse('WRONG_STAGE', '一事一议已结束，不能再执行此操作');
  const chairOnly = () => {
    if (actor.role !== 'COUNTY_SUPERVISOR') refuse('ROLE_NOT_ALLOWED', '此操作须由召集人（县级主管）办理');
    if (!covers(actor.jurisdiction, input.countyCode))
      refuse('OUT_OF_JURISDICTION', `本事项不在您的辖区（${actor.jurisdiction}）内`);
    if (state.chairId !== null && state.chairId !== actor.userId)
      refuse('NOT_THE_CHAIR', '只有本次一事一议的召集人可以执行此操作');
  };
  switch (command.action) {
    case 'convene':
      if (state.stage !== 'CONVENING') refuse('WRONG_STAGE', '已召集，不能重复召集');
      chairOnly();
      return;
    case 'giveOpinion':
    case 'changeOpinion': {
      if (state.stage !== 'OPINIONS')
        refuse(
          'WRONG_STAGE',
          state.stage === 'CONVENING' ? '尚未召集，不能发表意见' : '已作出决定，不能再发表或更改意见',
        );
      if (!state.members.some((m) => m.userId === actor.userId))
        refuse('NOT_A_MEMBER', '您不是本次一事一议的成员单位联络员，不能发表意见');
      const mine = state.opinions[actor.userId];
      if (command.action === 'giveOpinion' && mine)
        refuse('OPINION_ALREADY_GIVEN', '您已发表过意见；如需更改，请明确提交更改意见（changeOpinion）');
      if (command.action === 'changeOpinion' && !mine) refuse('NO_OPINION_TO_CHANGE', '您尚未发表意见，无可更改');
      return;
    }
    case 'extend':
      chairOnly();
      if (state.stage !== 'OPINIONS') refuse('WRONG_STAGE', '只有征求意见阶段可以延期');
      if (state.extended) refuse('ALREADY_EXTENDED', '期限已延长过一次，不能再延长');
      if (!state.deadlineMissed) refuse('WRONG_STAGE', '期限届满且未达到法定人数后方可延期');
      return;
    case 'decide':
      chairOnly();
      if (state.stage !== 'OPINIONS') refuse('WRONG_STAGE', '只有征求意见阶段可以作出决定');
      if (!state.tally.quorumReached)
        refuse(
          'QUORUM_NOT_REACHED',
          `发表意见的成员 ${Object.keys(state.opinions).length}/${state.members.length}，未达到法定人数，不能作出决定`,
        );
      if (command.outcome === 'APPROVE' && !state.tally.majorityApproves)
        refuse(
          'MAJORITY_MISMATCH',
          `同意 ${state.tally.approve}、不同意 ${state.tally.reject}：未过半数，不能作出同意救助的决定`,
        );
      if (command.outcome === 'REJECT' && state.tally.majorityApproves)
        refuse(
          'MAJORITY_MISMATCH',
          `同意 ${state.tally.approve}、不同意 ${state.tally.reject}：多数同意，不能作出不予救助的决定`,
        );
      for (const m of command.measures) {
        if (m.dueOn < today) refuse('INVALID_MEASURE', `措施「${m.item}」的完成期限 ${m.dueOn} 早于今天`);
      }
      return;
    case 'reportFollowUp': {
      if (state.stage !== 'FOLLOW_UP') refuse('WRONG_STAGE', '当前没有待反馈的救助措施');
      const f = state.followUps.find((x) => x.taskId === command.taskId);
      if (!f || f.report !== null) refuse('FOLLOW_UP_NOT_OPEN', '该措施的反馈任务不存在或已反馈');
      if (actor.role === 'COUNTY_SUPERVISOR' && covers(actor.jurisdiction, input.countyCode)) return; // recorded on the department's behalf
      if (actor.role !== 'DEPARTMENT_LIAISON' || !covers(actor.jurisdiction, input.countyCode))
        refuse('NOT_THE_RESPONSIBLE_DEPARTMENT', '只有责任部门的联络员可以反馈此措施');
      if (f.assignee !== null && f.assignee !== actor.userId)
        refuse('NOT_THE_RESPONSIBLE_DEPARTMENT', '此措施由其他部门联络员负责反馈');
      return;
    }
    case 'close':
      chairOnly();
      return;
  }
}

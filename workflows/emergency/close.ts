import type { DeliberationResult } from '../../src/core/contracts/deliberation';
import type { Acted, EmergencyRun } from './run';

export type ClosingKind = 'PAID' | 'REFUSED' | 'DELIBERATED' | 'CLOSED_BY_SUPERVISOR';

const OUTCOME = {
  PAID: 'PAID',
  REFUSED: 'REFUSED',
  DELIBERATED: 'CLOSED_BY_DELIBERATION',
  CLOSED_BY_SUPERVISOR: 'CLOSED',
} as const;

/** The case's last stage, with its notice (a 一事一议's decision is put in words by the activity). */
export async function close(
  run: EmergencyRun,
  stage: 'CLOSED' | 'REFUSED',
  kind: ClosingKind,
  amount: number | null,
  reasons: string[],
  acting: Acted | null,
  decision?: Pick<DeliberationResult, 'outcome' | 'measures' | 'closedReason'>,
): Promise<void> {
  const { state, input } = run;
  state.stage = stage;
  state.currentTask = null;
  state.outcome = OUTCOME[kind];
  await run.act.closeEmergencyCase({
    caseId: input.caseId,
    stage,
    kind,
    amount,
    reasons,
    actor: acting?.actor ?? null,
    requestId: acting?.requestId ?? null,
    ...(decision ? { deliberation: decision } : {}),
  });
}

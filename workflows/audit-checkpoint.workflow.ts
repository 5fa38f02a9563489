import {
  ActivityFailure,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { AuditCheckpointActivities } from '../src/audit/audit-checkpoint.activities';
import type { AuditCheckpoint, AuditCheckpointInput, CheckpointFinding } from '../src/core/contracts/audit';
import { auditCheckpointQuery } from '../src/core/messages';
import { AUDIT_CHECKPOINT, AUDIT_CHECKPOINT_RETRY_DELAY } from './profiles';

const activities = proxyActivities<AuditCheckpointActivities>(AUDIT_CHECKPOINT);

/** Rounds per run before continue-as-new: two activity events and a timer each keep the history small. */
const ROUNDS_PER_RUN = 100;
/** Findings are rare (each one is tampering); a bound keeps a flood of them from growing the input without end. */
const FINDINGS_KEPT = 500;
/** The period parameter is validated at 5–1440 minutes; this floor only guards against a zero that would spin. */
const MIN_PERIOD_MINUTES = 1;

/**
 * Runs for good (started by the API on boot): every period it records the newest row of each
 * audit chain, and checks that the previous checkpoint's heads are still there unchanged. The
 * activity's results live in this history, outside PostgreSQL, so deleting the newest rows of
 * a chain (which leaves a shorter chain that still verifies) is found here or at the
 * verification's comparison with the newest checkpoint. A reading that fails after its
 * bounded retries is counted as missed (the verification shows it) and tried again a few
 * minutes later: the checkpoints must resume by themselves once the database is back.
 */
export async function auditCheckpointWorkflow(input: AuditCheckpointInput): Promise<void> {
  const { workflowId } = workflowInfo();
  let latest: AuditCheckpoint | null = input.latest;
  const findings: CheckpointFinding[] = [...input.findings];
  let missed = input.missed ?? 0;
  setHandler(auditCheckpointQuery, () => ({ workflowId, runId: workflowInfo().runId, latest, findings, missed }));

  for (let round = 0; ; round++) {
    try {
      const reading = await activities.recordAuditCheckpoint(latest ? { id: latest.id, heads: latest.heads } : null);
      findings.push(...reading.findings.slice(0, Math.max(FINDINGS_KEPT - findings.length, 0)));
      const number = (latest?.number ?? 0) + 1;
      latest = { id: `${workflowId}/${number}`, number, at: reading.at, heads: reading.heads };
      missed = 0;
      await sleep(Math.max(reading.periodMinutes, MIN_PERIOD_MINUTES) * 60_000);
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      missed++;
      log.warn('审计日志检查点未能记录，稍后重试', { missed });
      await sleep(AUDIT_CHECKPOINT_RETRY_DELAY);
    }
    if (round + 1 >= ROUNDS_PER_RUN || workflowInfo().continueAsNewSuggested)
      await continueAsNew<typeof auditCheckpointWorkflow>({ latest, findings, missed });
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { dataConverterFor } from '../../src/temporal/data-converter';

// Replay tier (architecture.md rule 10): histories recorded from every path of the
// determination, enrolled-case, recheck, recheck-campaign, emergency aid and deliberation workflows (RECORD_HISTORIES=1 npm run
// test:workflows) run against the current workflow code. A change that would break running
// cases fails here: patch it (workflow.patched) instead.

const DIR = join(__dirname, 'histories');
const histories = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('workflow replay', () => {
  it('has a recorded history for each path', () => {
    expect(histories.map((f) => f.replace('.json', ''))).toEqual(
      expect.arrayContaining([
        'approve', 'refuse', 'supplement', 'supplement-expired', 'objection-reinvestigate', 'objection-appraisal', 'overdue', 'process-limit', 'withdraw',
        'destitute', 'rigid', 'delegated', 'close-relative', 'calendar-loaded',
        // Recorded before the determination's steps became local activities (patch determination-local-recording).
        ...['approve', 'refuse', 'supplement', 'supplement-expired', 'objection-reinvestigate', 'objection-appraisal', 'overdue', 'process-limit', 'withdraw', 'destitute', 'rigid', 'delegated', 'close-relative'].map((path) => `${path}-pre-local`),
        'enrolled-case-twelve', 'enrolled-case-periodic', 'enrolled-case-phaseout', 'enrolled-case-renewed', 'enrolled-case-suspend', 'enrolled-case-can', 'enrolled-case-death-ok', 'enrolled-case-death-late', 'enrolled-case-refusals', 'recheck-of-refusals-2',
        'recheck-of-periodic-1', 'recheck-of-phaseout-1', 'enrolled-case-calendar-recheck', 'recheck-of-calendar-recheck-1',
        'enrolled-case-campaign', 'recheck-of-campaign-1', 'recheck-campaign-batches', 'recheck-campaign-scheduled',
        'emergency-small-paid', 'emergency-small-late', 'emergency-aid-first', 'emergency-aid-first-late', 'emergency-expense-approve', 'emergency-expense-refuse',
        'emergency-deliberation', 'deliberation-from-emergency', 'deliberation-extended', 'emergency-fund-refused', 'deliberation-calendar-loaded', 'holiday-schedule-loaded',
      ]),
    );
  });

  it.each(histories)('replays %s deterministically', async (file) => {
    // Stored as protobufjs' JSON (toJSON); fromObject is its exact inverse.
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>);
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, history, file.replace('.json', ''))).resolves.toBeUndefined();
  });

  it('replays every recorded history with the payload codec in place: payloads recorded in clear pass through it', async () => {
    const all = histories.map((file) => ({
      workflowId: file.replace('.json', ''),
      history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>),
    }));
    const dataConverter = dataConverterFor({ PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'), TEMPORAL_PAYLOAD_PREVIOUS_KEYS: [] });
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('../../workflows'), dataConverter }, all)) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });
});

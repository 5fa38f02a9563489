import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { dataConverterFor } from '../../src/temporal/data-converter';
import { HISTORIES_DIR, historyFiles, readHistoriesLock, sha256Of } from '../support/histories';

// Replay tier (architecture.md rule 10): histories recorded from every path of the
// determination, enrolled-case, recheck, recheck-campaign, emergency aid, deliberation, data batch, warning,
// parameter-change, policy-simulation, standard-adjustment, referral, audit-checkpoint, complaint, recovery, fund-check, crypto-migration and outreach-round workflows (RECORD_HISTORIES=1 npm run
// test:workflows) run against the current workflow code. A change that would break running
// cases fails here: patch it (workflow.patched) instead.

const DIR = HISTORIES_DIR;
const histories = historyFiles();

describe('workflow replay', () => {
  it('no committed history is ever rewritten or removed, and every history is locked', () => {
    // A re-recorded history would guard only its latest recording; a new path gets a new file
    // (and its line in histories.lock: `sha256sum name.json >> test/replay/histories.lock`).
    const lock = readHistoriesLock();
    expect([...lock.keys()].filter((f) => !histories.includes(f))).toEqual([]);
    expect(histories.filter((f) => !lock.has(f))).toEqual([]);
    expect(histories.filter((f) => sha256Of(f) !== lock.get(f))).toEqual([]);
  });

  it('has a recorded history for each path', () => {
    expect(histories.map((f) => f.replace('.json', ''))).toEqual(
      expect.arrayContaining([
        'approve',
        'refuse',
        'supplement',
        'supplement-expired',
        'objection-reinvestigate',
        'objection-appraisal',
        'overdue',
        'process-limit',
        'withdraw',
        'destitute',
        'rigid',
        'delegated',
        'close-relative',
        'calendar-loaded',
        // Recorded before the determination's steps became local activities (patch determination-local-recording).
        ...[
          'approve',
          'refuse',
          'supplement',
          'supplement-expired',
          'objection-reinvestigate',
          'objection-appraisal',
          'overdue',
          'process-limit',
          'withdraw',
          'destitute',
          'rigid',
          'delegated',
          'close-relative',
        ].map((path) => `${path}-pre-local`),
        'enrolled-case-twelve',
        'enrolled-case-periodic',
        'enrolled-case-phaseout',
        'enrolled-case-renewed',
        'enrolled-case-suspend',
        'enrolled-case-can',
        'enrolled-case-death-ok',
        'enrolled-case-death-late',
        'enrolled-case-refusals',
        'recheck-of-refusals-2',
        'recheck-of-periodic-1',
        'recheck-of-phaseout-1',
        'enrolled-case-calendar-recheck',
        'recheck-of-calendar-recheck-1',
        'enrolled-case-campaign',
        'recheck-of-campaign-1',
        'recheck-campaign-batches',
        'recheck-campaign-scheduled',
        'emergency-small-paid',
        'emergency-small-late',
        'emergency-aid-first',
        'emergency-aid-first-late',
        'emergency-expense-approve',
        'emergency-expense-refuse',
        'emergency-deliberation',
        'deliberation-from-emergency',
        'deliberation-extended',
        'emergency-fund-refused',
        'deliberation-calendar-loaded',
        'holiday-schedule-loaded',
        // Since the patches incidents and determination-category-limits.
        'incident-retried',
        'destitute-own-limits',
        'rigid-not-delegated',
        'close-relative-county-file',
        // Since the patches emergency-deliberated-amount and deliberation-decision-to-emergency: a 一事一议 decision's amount is approved and paid on the case.
        'emergency-deliberation-paid',
        'deliberation-from-emergency-paid',
        'emergency-aid-first-deliberated',
        'deliberation-from-aid-first',
        'emergency-deliberation-rejected',
        'deliberation-rejected-from-emergency',
        // Paths every stage can take, with their exact due dates.
        'inadmissible',
        'objection-dismissed',
        'appraisal-oppose',
        'refuse-after-publicity',
        'overdue-review',
        'overdue-confirm',
        'enrolled-case-exit',
        'recheck-of-exit-1',
        'enrolled-case-immaterial',
        'recheck-of-immaterial-1',
        'enrolled-case-decide-late',
        'recheck-of-decide-late-1',
        'enrolled-case-recheck-incident',
        'recheck-of-recheck-incident-1',
        'enrolled-case-plan-incident',
        'emergency-fund-county-budget',
        'emergency-fund-closed',
        'emergency-aid-first-deliberated-rejected',
        'deliberation-from-aid-first-rejected',
        'deliberation-follow-up-refused',
        'emergency-expense-overdue',
        // Since the patch deliberation-convened-at-start.
        'deliberation-closed-by-other-at-start',
        'deliberation-closed-by-chair-at-start',
        // Recorded on the code before the patch death-deadline (a DEATH report was an ordinary change).
        'enrolled-case-death-before-deadline-patch',
        'recheck-of-death-before-deadline-patch-1',
        // Since the patches no-zero-payments (低保边缘 and 刚性支出 are paid no monthly amount) and rigid-expense-validity.
        'enrolled-case-near-minimum-unpaid',
        'enrolled-case-rigid-expired',
        'recheck-of-rigid-expired-1',
        'enrolled-case-rigid-renewed-run-1',
        'enrolled-case-rigid-renewed',
        'recheck-of-rigid-renewed-1',
        'recheck-of-rigid-renewed-2',
        // Since the patch home-visit-records: the investigation steps' records go with their timeline events.
        'home-visit-records',
        // Since the patch determination-shared-step: every determination path on the human-step loop the other workflows share.
        ...[
          'approve',
          'refuse',
          'supplement',
          'supplement-expired',
          'objection-reinvestigate',
          'objection-appraisal',
          'overdue',
          'process-limit',
          'withdraw',
          'destitute',
          'rigid',
          'delegated',
          'close-relative',
          'calendar-loaded',
          'incident-retried',
          'destitute-own-limits',
          'rigid-not-delegated',
          'close-relative-county-file',
          'inadmissible',
          'objection-dismissed',
          'appraisal-oppose',
          'refuse-after-publicity',
          'overdue-review',
          'overdue-confirm',
          'home-visit-records',
        ].map((path) => `${path}@shared-step`),
        // Dynamic monitoring: a department batch matched, and a warning through each of its routes.
        'data-batch-matched',
        'warning-verification-escalated',
        'warning-stranger-referred',
        // A REFER that opens the department's referral (patch warning-opens-referral).
        'warning-stranger-referred@referral',
        // Class (a) (政策未落实): the education list's anti-join referred; the referral records' check escalated.
        'warning-policy-not-applied-referred',
        'warning-policy-not-applied-escalated',
        'warning-case-gone',
        // Class (c): the county's 一事一议 as a child, its decision closing the warning.
        'warning-deliberated',
        // Since the patch warning-starts-application: the household's application opened from the visit.
        'warning-application-started',
        // Since the patch investigation-start-measured: the 3 working days end at the start of the investigation, the home visit has its own limit.
        'investigation-start-measured',
        'investigation-start-late',
        'destitute-own-limits-start-measured',
        // Both patches together (determination-shared-step, investigation-start-measured): what a case started today records.
        ...[
          'appraisal-oppose',
          'approve',
          'calendar-loaded',
          'close-relative',
          'close-relative-county-file',
          'delegated',
          'destitute',
          'destitute-own-limits-start-measured',
          'home-visit-records',
          'inadmissible',
          'incident-retried',
          'investigation-start-late',
          'investigation-start-measured',
          'objection-appraisal',
          'objection-dismissed',
          'objection-reinvestigate',
          'overdue',
          'overdue-confirm',
          'overdue-review',
          'process-limit',
          'refuse',
          'refuse-after-publicity',
          'rigid',
          'rigid-not-delegated',
          'supplement',
          'supplement-expired',
          'withdraw',
        ].map((path) => `${path}@start-shared-step`),
        // Policy administration: a proposed parameter version approved (four eyes) or rejected.
        'parameter-change-approved',
        'parameter-change-rejected',
        // What-if over the registry: two pages of enrolled cases, then the open applications.
        'policy-simulation-completed',
        'policy-simulation-cancelled',
        // The yearly standard adjustment (调标), and an enrolled case that received one (the Update, its back pay).
        'standard-adjustment',
        'enrolled-case-adjusted',
        // Referrals to departments: overdue and escalated, declined, a yearly delivery renewed by timer.
        'referral-overdue',
        'referral-declined',
        'referral-periodic',
        // The audit trail's checkpoints: a full run, ended by continue-as-new, with a tail deletion found and missed rounds.
        'audit-checkpoint-run-1',
        // Complaints and reports: overdue and escalated, then answered; one about staff answered by the supervisor.
        'complaint-escalated',
        'complaint-staff',
        // Since the patch complaint-staff-to-city: a complaint about county staff is the city's.
        'complaint-staff-city',
        'complaint-home-visit',
        // Recovery of wrongly paid aid: an overdue instalment's task, then repaid; a staff error corrected in time.
        'recovery-instalment-overdue',
        'recovery-corrected',
        // The monthly fund check as the Schedule starts it: one county with discrepancies (its task opened), one without.
        'fund-check-scheduled',
        // Re-encryption to the national algorithms: the last run after continue-as-new, a batch retried after its commit.
        'crypto-migration-completed',
        // A county's outreach round as its Schedule starts it: due priority households paged, their visit tasks opened.
        'outreach-round-scheduled',
        // Since the daily class (a) check of the referral records (patch outreach-round-checks-entitlements).
        'outreach-round-scheduled@entitlement-check',
      ]),
    );
  });

  it.each(histories)('replays %s deterministically', async (file) => {
    // Stored as protobufjs' JSON (toJSON); fromObject is its exact inverse.
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>,
    );
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: require.resolve('../../workflows') },
        history,
        file.replace('.json', ''),
      ),
    ).resolves.toBeUndefined();
  });

  it('replays every recorded history with the payload codec in place: payloads recorded in clear pass through it', async () => {
    const all = histories.map((file) => ({
      workflowId: file.replace('.json', ''),
      history: temporal.api.history.v1.History.fromObject(
        JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>,
      ),
    }));
    const dataConverter = dataConverterFor({
      PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      TEMPORAL_PAYLOAD_PREVIOUS_KEYS: [],
    });
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath: require.resolve('../../workflows'), dataConverter },
      all,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });
});

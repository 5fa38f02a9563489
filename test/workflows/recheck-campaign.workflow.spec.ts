import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { CampaignProgress, RecheckCampaignInput } from '../../src/core/contracts/recheck-campaign';
import type { CampaignActivities, CampaignScope } from '../../src/recheck-campaigns/campaign.activities';
import { DAY_MS } from '../../src/core/months';
import { recordHistory } from '../support/histories';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the campaign workflow on the time-skipping server. Its activities are
// recorders over an in-memory county of cases (the database and signalling side is covered
// by the e2e test on the dev server); what is tested here is the batching, the cursor and
// counts across continue-as-new, a scheduled run opening its own record, and a failed batch
// being retried without counting a case twice.

const QUEUE = 'recheck-campaign-test';
const caseIds = (n: number) => Array.from({ length: n }, (_, i) => `case-${String(i).padStart(4, '0')}`);

interface Recorder {
  activities: CampaignActivities;
  opened: Array<CampaignScope & { scheduleId: string | null }>;
  batches: Array<{ cursor: string | null; limit: number }>;
  finished: CampaignProgress[];
}

/** A county of `cases`, paged by id like the real activity; `onBatch` may fail a call. */
function recorder(cases: string[], onBatch: (call: number) => void = () => undefined): Recorder {
  const r: Recorder = {
    opened: [],
    batches: [],
    finished: [],
    activities: {
      openCampaign: async (c) => void r.opened.push(c),
      runCampaignBatch: async (b) => {
        onBatch(r.batches.length);
        r.batches.push({ cursor: b.progress.cursor, limit: b.limit });
        const page = cases.filter((id) => b.progress.cursor === null || id > b.progress.cursor).slice(0, b.limit);
        if (page.length === 0) return b.progress;
        return {
          cursor: page[page.length - 1]!,
          selected: b.progress.selected + page.length,
          signalled: b.progress.signalled + page.length,
          skipped: b.progress.skipped,
          batches: b.progress.batches + 1,
        };
      },
      finishCampaign: async (f) => void r.finished.push(f.progress),
    },
  };
  return r;
}

describe('recheckCampaignWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  const recorded: Array<{ id: string; file: string }> = [];

  beforeAll(async () => {
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
    env = await startTimeSkipping();
  });
  afterAll(async () => {
    for (const { id, file } of recorded)
      await recordHistory(file, () => env.client.workflow.getHandle(id).fetchHistory());
    await env?.teardown();
  });

  const input = (over: Partial<RecheckCampaignInput> = {}): RecheckCampaignInput => ({
    campaignId: '00000000-0000-4000-8000-00000000c001',
    countyCode: '410502',
    categories: ['MINIMUM_LIVING'],
    dueFrom: '2027-01-01T00:00:00.000Z',
    dueTo: '2028-01-01T00:00:00.000Z',
    ratePerSecond: 100,
    ...over,
  });

  async function run(r: Recorder, workflowId: string, args: RecheckCampaignInput) {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: r.activities,
    });
    return worker.runUntil(
      env.client.workflow.execute('recheckCampaignWorkflow', { taskQueue: QUEUE, workflowId, args: [args] }),
    );
  }

  it('pages through the county in batches and finishes with the totals', async () => {
    const r = recorder(caseIds(7));
    const result = await run(r, 'campaign-batches', input({ batchSize: 3 }));
    recorded.push({ id: 'campaign-batches', file: 'recheck-campaign-batches' });
    expect(result).toEqual({
      campaignId: input().campaignId,
      cursor: 'case-0006',
      selected: 7,
      signalled: 7,
      skipped: 0,
      batches: 3,
    });
    expect(r.batches.map((b) => b.cursor)).toEqual([null, 'case-0002', 'case-0005', 'case-0006']);
    expect(r.opened).toEqual([]); // the API opened it
    expect(r.finished).toHaveLength(1);
  });

  it('carries cursor and counts over continue-as-new (100 batches per run)', async () => {
    const r = recorder(caseIds(230));
    const result = await run(r, 'campaign-long', input({ batchSize: 1 }));
    expect(result).toMatchObject({ selected: 230, signalled: 230, batches: 230, cursor: 'case-0229' });
    expect(r.finished).toHaveLength(1);
    // Every case exactly once, in order, although the history was cut (the last run was continued from another).
    expect(new Set(r.batches.map((b) => b.cursor)).size).toBe(r.batches.length);
    const history = await env.client.workflow.getHandle('campaign-long').fetchHistory();
    expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
  });

  it('a scheduled run opens its own record: the window starts at its start and lasts windowDays; a batch is a minute at the rate', async () => {
    const r = recorder(caseIds(2));
    const before = await env.currentTimeMs();
    const result = await run(r, 'recheck-campaign-annual-410502-2027', {
      countyCode: '410502',
      categories: ['DESTITUTE', 'MINIMUM_LIVING'],
      windowDays: 30,
      ratePerSecond: 2,
      scheduleId: 'recheck-campaign-annual-410502',
    });
    recorded.push({ id: 'recheck-campaign-annual-410502-2027', file: 'recheck-campaign-scheduled' });
    expect(r.opened).toHaveLength(1);
    const opened = r.opened[0]!;
    expect(opened).toMatchObject({
      campaignId: result.campaignId,
      countyCode: '410502',
      scheduleId: 'recheck-campaign-annual-410502',
      ratePerSecond: 2,
    });
    expect(Date.parse(opened.dueFrom)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(opened.dueTo) - Date.parse(opened.dueFrom)).toBe(30 * DAY_MS);
    expect(r.batches[0]!.limit).toBe(120);
    expect(result).toMatchObject({ selected: 2, signalled: 2, batches: 1 });
  });

  it('a batch that fails (the worker lost its database) is retried from the last recorded cursor: every case once', async () => {
    let failures = 0;
    const r = recorder(caseIds(5), (call) => {
      if (call === 1 && failures++ < 2) throw new Error('数据库连接丢失');
    });
    const result = await run(r, 'campaign-retry', input({ batchSize: 2 }));
    expect(failures).toBe(3); // two failed attempts, then the third ran
    expect(r.batches.map((b) => b.cursor)).toEqual([null, 'case-0001', 'case-0003', 'case-0004']);
    expect(result).toMatchObject({ selected: 5, signalled: 5, batches: 3 });
  });
});

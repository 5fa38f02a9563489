import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ApplicationActivities, ApplicationEventInput } from '../../src/applications/application.activities';
import type { ActorRef, DeterminationInput } from '../../src/contracts/determination';
import { acceptUpdate, determinationStateQuery } from '../../workflows/messages';
import { executable, temporalBinary } from '../support/temporal-binaries';

// Workflow tier (architecture.md rule 8): the real workflow code on the Java time-skipping
// server, activities replaced by recorders so the timers and messages are what is tested.

const DAY = 24 * 3600 * 1000;
const caseworker: ActorRef = { userId: 'u-caseworker', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502002' };

describe('determinationWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let events: ApplicationEventInput[];
  let intakes: DeterminationInput[];
  let worker: Worker;
  let running: Promise<void>;

  const activities: ApplicationActivities = {
    recordIntake: async (input) => void intakes.push(input),
    recordApplicationEvent: async (event) => void events.push(event),
  };

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: executable(temporalBinary('test-server')) } });
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'determination-test',
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });
  beforeEach(() => {
    events = [];
    intakes = [];
  });

  async function start(id: string, dueInDays: number) {
    const now = await env.currentTimeMs();
    const input: DeterminationInput = {
      applicationId: id,
      householdId: '00000000-0000-4000-8000-000000000001',
      category: 'MINIMUM_LIVING',
      channel: 'ON_BEHALF',
      countyCode: '410502',
      townshipCode: '410502002',
      submittedBy: { userId: 'u-village', role: 'VILLAGE_ASSISTANT', jurisdiction: '410502002001' },
      requestId: 'req-1',
      acceptanceDueAt: new Date(now + dueInDays * DAY).toISOString(),
    };
    return env.client.workflow.start('determinationWorkflow', { taskQueue: 'determination-test', workflowId: `application-${id}`, args: [input] });
  }

  it('sleeps through a 30-day acceptance limit in well under a second and records it overdue', async () => {
    const handle = await start('wf-overdue', 30);
    const wallStart = Date.now();
    const before = await env.currentTimeMs();
    await env.sleep(31 * DAY); // skips time on the test server
    const wall = Date.now() - wallStart;
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(31 * DAY);
    expect(wall).toBeLessThan(1000);

    expect(intakes.map((i) => i.applicationId)).toEqual(['wf-overdue']);
    expect(events).toEqual([expect.objectContaining({ eventKey: 'acceptance-overdue', type: 'ACCEPTANCE_OVERDUE', stage: 'SUBMITTED', actor: null })]);
    await expect(handle.query(determinationStateQuery)).resolves.toMatchObject({ stage: 'SUBMITTED', acceptanceOverdue: true });

    // Overdue is not closed: the township can still accept.
    const state = await handle.executeUpdate(acceptUpdate, { args: [{ actor: caseworker, requestId: 'req-2', command: {} }] });
    expect(state).toMatchObject({ stage: 'INVESTIGATION', acceptedBy: 'u-caseworker', acceptanceOverdue: true });
    await expect(handle.result()).resolves.toMatchObject({ stage: 'INVESTIGATION' });
  });

  it('accepts within the limit without an overdue record', async () => {
    const handle = await start('wf-on-time', 5);
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: caseworker, requestId: 'req-3', command: { note: '材料齐全' } }] });
    await handle.result();
    expect(events.map((e) => [e.type, e.stage, e.actor?.userId, e.reason])).toEqual([['ACCEPTED', 'INVESTIGATION', 'u-caseworker', '材料齐全']]);
  });

  it.each([
    ['a county officer', { userId: 'u-officer', role: 'COUNTY_OFFICER', jurisdiction: '410502' }, 'ROLE_NOT_ALLOWED'],
    ['a caseworker of another township', { userId: 'u-other', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502001' }, 'OUT_OF_JURISDICTION'],
    ['a caseworker of another county', { userId: 'u-far', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410581002' }, 'OUT_OF_JURISDICTION'],
  ] as const)('refuses acceptance by %s in the validator, leaving the state unchanged', async (_, actor, type) => {
    const handle = await start(`wf-refuse-${type}-${actor.userId}`, 5);
    const error = await handle.executeUpdate(acceptUpdate, { args: [{ actor: actor as ActorRef, requestId: 'r', command: {} }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toBeInstanceOf(ApplicationFailure);
    expect(((error as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(type);
    await expect(handle.query(determinationStateQuery)).resolves.toMatchObject({ stage: 'SUBMITTED', acceptedBy: null });
    expect(events).toEqual([]);
    await handle.terminate('test done');
  });

  it('lets exactly one of two simultaneous acceptances win', async () => {
    const handle = await start('wf-race', 5);
    const other: ActorRef = { ...caseworker, userId: 'u-caseworker-2' };
    const results = await Promise.allSettled([
      handle.executeUpdate(acceptUpdate, { args: [{ actor: caseworker, requestId: 'a', command: {} }] }),
      handle.executeUpdate(acceptUpdate, { args: [{ actor: other, requestId: 'b', command: {} }] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason as Error;
    // Refused by the validator, or (this slice ends after acceptance) too late for a closed workflow.
    if (loser instanceof WorkflowUpdateFailedError) expect((loser.cause as ApplicationFailure).type).toBe('WRONG_STAGE');
    else expect(loser).toBeInstanceOf(WorkflowNotFoundError);
    expect(events.filter((e) => e.type === 'ACCEPTED')).toHaveLength(1);
  });
});

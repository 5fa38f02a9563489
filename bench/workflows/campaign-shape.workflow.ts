import { condition, defineSignal, executeChild, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';

// The ceiling of npm run bench:campaign: bare Temporal with the shape of a campaign's work
// per case (a signal to a running case workflow, which starts a recheck child that runs
// the recheck's first activities), every activity a no-op. Its signal rate is the most a
// campaign of that shape could reach on this machine. Sandbox code: @temporalio/workflow only.

/** "Recheck now", naming the campaign: the enrolled case's recheckCampaign signal, bare. */
export const recheckShapeSignal = defineSignal<[string]>('benchRecheckShape');

const { benchNoopActivity } = proxyActivities<{ benchNoopActivity(): Promise<void> }>({
  startToCloseTimeout: '30 seconds',
});

/** A running enrolled case: waits for the campaign's signal, then runs its recheck child. */
export async function enrolledShapeWorkflow(recheckActivities: number): Promise<void> {
  let campaign: string | null = null;
  setHandler(recheckShapeSignal, (id) => {
    campaign ??= id;
  });
  await condition(() => campaign !== null);
  await executeChild(recheckShapeWorkflow, {
    workflowId: `${workflowInfo().workflowId}-recheck`,
    args: [recheckActivities],
  });
}

/** The recheck child's start: its activities (open the recheck, plan its due date, open the task). */
export async function recheckShapeWorkflow(activities: number): Promise<void> {
  for (let k = 0; k < activities; k++) await benchNoopActivity();
}

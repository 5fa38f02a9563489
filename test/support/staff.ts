import type request from 'supertest';

type Http = ReturnType<typeof request>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Staff driving cases through HTTP in e2e tests: wait (in real time) for the workflow to
 * open a task in a user's inbox, complete it, or see a case reach a stage.
 */
export function staffDriver(http: Http, as: (user: string) => Record<string, string>) {
  async function inboxTask(user: string, caseId: string, type: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const res = await http.get(`/api/v1/tasks?caseId=${caseId}&type=${type}`).set(as(user)).expect(200);
      const task = (res.body.items as Array<{ id: string; applicationId: string }>).find(
        (t) => t.applicationId === caseId,
      );
      if (task) return task.id;
      await sleep(100);
    }
    throw new Error(`${user} never saw a ${type} task for ${caseId}`);
  }

  async function complete(user: string, caseId: string, type: string, body: object) {
    const taskId = await inboxTask(user, caseId, type);
    return http.post(`/api/v1/tasks/${taskId}/complete`).set(as(user)).send(body);
  }

  /** The first investigation's two steps: the caseworker starts it (START_INVESTIGATION), then records the home visit. */
  async function investigate(user: string, caseId: string, homeVisit: object) {
    const started = await complete(user, caseId, 'START_INVESTIGATION', { action: 'startInvestigation' });
    if (started.status !== 200) return started;
    return complete(user, caseId, 'HOME_VISIT', homeVisit);
  }

  /** The case once its read model is in `stage` (and `ready`, for what the stage's first step writes after it). */
  async function stageOf(
    caseId: string,
    stage: string,
    timeoutMs = 20_000,
    ready: (body: { events: { type: string }[] }) => boolean = () => true,
  ) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200);
      if (res.body.stage === stage && ready(res.body)) return res.body;
      if (Date.now() > until) throw new Error(`case stayed in ${res.body.stage}, expected ${stage}`);
      await sleep(150);
    }
  }

  return { inboxTask, complete, investigate, stageOf };
}

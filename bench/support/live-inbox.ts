/**
 * A staff member's inbox as the console keeps it: one server-sent event stream (GET
 * /api/v1/events) per person; each task that opens is looked up once (GET /api/v1/tasks/:id,
 * as the console fetches what changed) and handed to whoever waits for its case and type.
 * Instead of asking the inbox again and again until a task shows up.
 */
export interface LiveInbox {
  /** Resolves with the id of the task of `type` on case `caseId`, once it is open (or at once if it already is). */
  next(caseId: string, type: string, timeoutMs: number): Promise<string>;
  /** GET /tasks/:id calls made so far (one per task opened in the person's reach). */
  readonly lookups: number;
  close(): Promise<void>;
}

interface TaskRow {
  id: string;
  type: string;
  applicationId: string | null;
  caseId: string | null;
}

export async function openLiveInbox(baseUrl: string, token: string): Promise<LiveInbox> {
  const abort = new AbortController();
  const headers = { authorization: `Bearer ${token}` };
  const res = await fetch(`${baseUrl}/api/v1/events`, { headers, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET /events: ${res.status}`);
  const opened = new Map<string, string>(); // `${caseId} ${type}` → task id, until someone takes it
  const waiting = new Map<string, { wake: (taskId: string) => void; fail: (e: Error) => void }>();
  let lookups = 0;
  let failure: Error | null = null;

  const arrived = (key: string, taskId: string) => {
    const waiter = waiting.get(key);
    if (waiter) {
      waiting.delete(key);
      waiter.wake(taskId);
    } else opened.set(key, taskId);
  };
  const lookUp = async (taskId: string) => {
    lookups++;
    const r = await fetch(`${baseUrl}/api/v1/tasks/${taskId}`, { headers });
    if (r.status !== 200) return; // not (or no longer) the person's: nothing to wait for
    const t = (await r.json()) as TaskRow;
    arrived(`${t.applicationId ?? t.caseId} ${t.type}`, t.id);
  };

  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event === 'resync') throw new Error('实时推送要求重新同步（事件可能丢失）');
        if (event !== 'task' || !data) continue;
        const signal = JSON.parse(data) as { id: string; kind: string };
        if (signal.kind === 'TASK_OPENED') void lookUp(signal.id).catch(() => undefined);
      }
    }
    throw new Error('实时推送的事件流已结束');
  })().catch((e: unknown) => {
    if (abort.signal.aborted) return;
    // A bench must not pass on missed events: every waiter fails, and so does every later wait.
    failure = e as Error;
    for (const w of waiting.values()) w.fail(failure);
    waiting.clear();
  });

  return {
    get lookups() {
      return lookups;
    },
    next(caseId, type, timeoutMs) {
      const key = `${caseId} ${type}`;
      if (failure) return Promise.reject(failure);
      const taskId = opened.get(key);
      if (taskId) {
        opened.delete(key);
        return Promise.resolve(taskId);
      }
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(key);
          reject(new Error(`${timeoutMs / 1000} 秒内未收到案件 ${caseId} 的 ${type} 任务`));
        }, timeoutMs);
        waiting.set(key, {
          wake: (id) => {
            clearTimeout(timer);
            resolve(id);
          },
          fail: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}

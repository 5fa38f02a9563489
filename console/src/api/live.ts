import { ref } from 'vue';

/**
 * The API's event stream (`GET /api/v1/events`), read with fetch() so the bearer token goes in
 * the Authorization header like every other call (EventSource cannot send headers, and a token
 * in the URL would end up in logs). Events carry ids and kinds only; a screen that hears of a
 * change fetches what it shows again. After a dropped connection it reconnects with back-off
 * and announces `resync`, since events may have been missed meanwhile.
 */
export type LiveTopic = 'task' | 'notification' | 'resync';
export interface LiveEvent {
  topic: LiveTopic;
  id?: string;
  kind: string;
}

/** True while the stream is open (the inbox shows 实时更新). */
export const liveConnected = ref(false);

const listeners = new Set<(e: LiveEvent) => void>();
let running: AbortController | null = null;

export function onLive(listener: (e: LiveEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const emit = (e: LiveEvent) => {
  for (const l of [...listeners]) l(e);
};

export function startLive(token: string): void {
  if (running) return;
  running = new AbortController();
  void run(token, running.signal);
}

export function stopLive(): void {
  running?.abort();
  running = null;
  liveConnected.value = false;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

async function run(token: string, signal: AbortSignal): Promise<void> {
  let delay = 1000;
  let opened = false;
  while (!signal.aborted) {
    try {
      const res = await fetch('/api/v1/events', {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal,
      });
      // The session ended (signed out elsewhere, idle, disabled): the screens fetch again, and
      // that call's 401 takes the person to the login page (登录已过期). A 403: no stream for this role.
      if (res.status === 401) emit({ topic: 'resync', kind: 'RESYNC' });
      if (res.status === 401 || res.status === 403) return;
      if (res.ok && res.body) {
        liveConnected.value = true;
        if (opened) emit({ topic: 'resync', kind: 'RESYNC' });
        opened = true;
        delay = 1000;
        await read(res.body);
      }
    } catch {
      // dropped or aborted: retried below unless stopped
    }
    liveConnected.value = false;
    if (signal.aborted) return;
    await sleep(delay, signal);
    delay = Math.min(delay * 2, 30_000);
  }
}

async function read(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let topic = '';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) topic = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (topic !== 'task' && topic !== 'notification' && topic !== 'resync') continue;
      try {
        const parsed = JSON.parse(data) as { id?: string; kind?: string };
        emit({ topic, id: parsed.id, kind: parsed.kind ?? '' });
      } catch {
        // not ours to show
      }
    }
  }
}

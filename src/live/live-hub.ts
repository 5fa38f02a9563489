import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { refuse } from '../common/refusals';
import type { Actor } from '../core/contracts/roles';
import { reaches, type LiveSignal } from './live-signal';
import { PgChannel } from './pg-channel';
import { StreamSession } from './stream-session';

/** Open streams per API process: each holds a socket, none a database connection. */
export const MAX_STREAMS = 500;
/** A person's open streams (tabs); a further one closes their oldest. */
export const MAX_STREAMS_PER_USER = 4;
/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 20_000;
/** How often each open stream's session is checked (signed out, idle, disabled: the stream ends). */
export const SESSION_CHECK_MS = 60_000;

export interface LiveStream {
  actor: Actor;
  /** The session (SHA-256 of the bearer token) the stream was opened in. */
  sessionKey: string;
  /** Writes raw text/event-stream lines. */
  write(chunk: string): void;
  end(): void;
}

/**
 * Fans the database's signals out to the open event streams, each only what its person may
 * see (`reaches`). Sends ids and kinds, never a name: the console fetches what changed.
 */
@Injectable()
export class LiveHub implements OnApplicationShutdown {
  private readonly streams = new Set<LiveStream>();
  private timer: NodeJS.Timeout | null = null;
  private checker: NodeJS.Timeout | null = null;
  private seq = 0;

  constructor(
    @Inject(PgChannel) private readonly channel: PgChannel,
    @Inject(StreamSession) private readonly sessions: StreamSession,
  ) {
    channel.listen(
      (s) => this.publish(s),
      () => this.broadcast('resync', { kind: 'RESYNC' }),
    );
  }

  get size(): number {
    return this.streams.size;
  }

  /** Registers a stream once the LISTEN connection is up; returns its removal. 503 when full. */
  async open(stream: LiveStream): Promise<() => void> {
    if (this.streams.size >= MAX_STREAMS) refuse('TOO_MANY_STREAMS');
    await this.channel.ensure();
    const own = [...this.streams].filter((s) => s.actor.userId === stream.actor.userId);
    if (own.length >= MAX_STREAMS_PER_USER) this.close(own[0]!);
    this.streams.add(stream);
    this.timer ??= setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
    this.checker ??= setInterval(() => void this.checkSessions(), SESSION_CHECK_MS);
    this.checker.unref();
    return () => this.remove(stream);
  }

  /** Ends the streams whose session may not go on; the console's reconnection then meets the guard's 401. */
  async checkSessions(): Promise<void> {
    for (const s of [...this.streams]) {
      const alive = await this.sessions.alive(s.actor, s.sessionKey).catch(() => true);
      if (!alive) this.close(s);
    }
  }

  publish(signal: LiveSignal): void {
    const data = { id: signal.id, kind: signal.kind };
    for (const s of this.streams) if (reaches(s.actor, signal)) this.send(s, signal.topic, data);
  }

  private broadcast(event: string, data: object): void {
    for (const s of this.streams) this.send(s, event, data);
  }

  private send(s: LiveStream, event: string, data: object): void {
    this.seq += 1;
    s.write(`id: ${this.seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private heartbeat(): void {
    for (const s of this.streams) s.write(': heartbeat\n\n');
  }

  private close(s: LiveStream): void {
    this.remove(s);
    s.end();
  }

  private remove(s: LiveStream): void {
    this.streams.delete(s);
    if (this.streams.size > 0) return;
    if (this.timer) clearInterval(this.timer);
    if (this.checker) clearInterval(this.checker);
    this.timer = this.checker = null;
  }

  onApplicationShutdown(): void {
    for (const s of [...this.streams]) this.close(s);
  }
}

import { createServer, type Server, type Socket } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { temporalDidNotAnswer, withTemporalDeadline } from '../../src/temporal/temporal-deadline';
import { freePort } from '../support/postgres';

// A Temporal server that accepts connections and never answers (paused, overloaded, cut off
// by a firewall that drops packets): a request must end within its deadline, as a 503.

describe('Temporal calls under a deadline', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let client: Client;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket); // accepted, never read from or written to
      socket.on('close', () => sockets.delete(socket));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    client = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${port}` }) });
  });
  afterAll(async () => {
    await client.connection.close().catch(() => undefined);
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a call to a Temporal that never answers ends at the deadline, as an error the API answers with 503', async () => {
    const started = Date.now();
    const error = await withTemporalDeadline(client, 1_500, () =>
      client.workflow.getHandle('application-any').describe(),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    const took = Date.now() - started;
    expect(error).not.toBeNull();
    expect(temporalDidNotAnswer(error)).toBe(true);
    expect(took).toBeGreaterThanOrEqual(1_000);
    expect(took).toBeLessThan(15_000);
  });

  it('other errors are not taken for Temporal not answering', () => {
    expect(temporalDidNotAnswer(new Error('boom'))).toBe(false);
    expect(temporalDidNotAnswer({ code: 5, details: 'not found' })).toBe(false);
    expect(temporalDidNotAnswer({ code: 'P2002' })).toBe(false);
  });
});

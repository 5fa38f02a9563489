import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[",\r\n\\]/;

/**
 * A CSV field for COPY … (FORMAT csv): null is the unquoted empty field, so an empty string is
 * quoted; so is any text with a quote, comma, line break or backslash. Ids, hashes, codes and
 * dates (most fields) go as they are: quoting them cost more than the row's COPY.
 */
const field = (v: string | number | null): string => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (v === '') return '""';
  return SPECIAL.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** One row as a line of COPY … (FORMAT csv). */
export function copyLine(values: readonly (string | number | null)[]): string {
  let line = field(values[0] ?? null);
  for (let i = 1; i < values.length; i++) line += `,${field(values[i] ?? null)}`;
  return `${line}\n`;
}

/** Rows are sent to the server in chunks of about this many characters: one socket write per row cost more than the row. */
const CHUNK_CHARS = 256 * 1024;

/**
 * A COPY into `table` that rows are added to synchronously and sent in chunks: `add` the rows
 * at hand, then `flush`, which sends what reached a chunk and waits when the server is behind
 * (memory stays flat however long the file). `end` finishes it and returns the count.
 */
export function copyWriter(client: PoolClient, table: string, columns: readonly string[]) {
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`),
  );
  let count = 0;
  let pending = '';
  return {
    add(values: readonly (string | number | null)[]): void {
      count += 1;
      pending += copyLine(values);
    },
    async flush(): Promise<void> {
      if (pending.length < CHUNK_CHARS) return;
      const chunk = pending;
      pending = '';
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    /** Given up on (the caller drops the connection): later errors of the stream are expected, not unhandled. */
    abort(): void {
      stream.on('error', () => undefined);
      stream.destroy();
    },
    async end(): Promise<number> {
      stream.end(pending);
      pending = '';
      await finished(stream);
      return count;
    },
  };
}

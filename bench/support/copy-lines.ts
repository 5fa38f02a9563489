import { once } from 'node:events';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Streams generated CSV/text lines into one COPY … FROM STDIN, in chunks of about 1 MB. */
export async function copyLines(pool: Pool, sql: string, lines: Iterable<string>): Promise<number> {
  const client = await pool.connect();
  let count = 0;
  try {
    const stream = client.query(copyFrom(sql));
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      count++;
      if (chunk.length > 1 << 20) {
        if (!stream.write(chunk)) await once(stream, 'drain');
        chunk = '';
      }
    }
    stream.end(chunk);
    await once(stream, 'finish');
    return count;
  } finally {
    client.release();
  }
}

/** A CSV field: quoted, or empty for null. */
export const csvField = (v: string | null): string => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

import { request as httpRequest } from 'node:http';

/** A multipart/form-data body built by hand: the tests need file names and cut-off bodies no client library sends. */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; content: Buffer; contentType?: string } | null,
  boundary = `----safetynet${Date.now()}`,
): { body: Buffer; contentType: string } {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface RawResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends a body in chunks over a real socket: without content-length (chunked), so only the
 * server's streaming count can stop an oversized file; or cut off (the socket closed
 * mid-body), when `abortAfterBytes` is given (then the answer is null: the client is gone).
 */
export function rawPost(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  options: { abortAfterBytes?: number; chunkBytes?: number } = {},
): Promise<RawResponse | null> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', (e) => (options.abortAfterBytes !== undefined ? resolve(null) : reject(e)));
    const step = options.chunkBytes ?? 64 * 1024;
    const limit = options.abortAfterBytes ?? body.length;
    let sent = 0;
    const pump = () => {
      while (sent < limit) {
        const chunk = body.subarray(sent, Math.min(limit, sent + step));
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (options.abortAfterBytes !== undefined) {
        // Let the bytes reach the server, then drop the connection mid-file.
        setTimeout(() => {
          req.destroy();
          resolve(null);
        }, 200);
      } else req.end();
    };
    req.on('response', () => undefined);
    pump();
  });
}

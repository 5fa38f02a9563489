import busboy from 'busboy';
import type { Request } from 'express';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import { refusal } from '../common/refusals';
import { ContentMeter, FileTooLargeError, STREAM_HWM } from './content-meter';
import { sealStream, type ArchiveKey } from './sealing';
import type { ArchiveStore } from './store/archive-store';

/** What one streamed multipart upload left: its form fields and the file, sealed under a temporary key. */
export interface ReceivedUpload {
  fields: Record<string, string>;
  file: { temporaryKey: string; fileName: string; size: number; hash: string; head: Buffer } | null;
}

export interface UploadLimits {
  maxFileBytes: number;
  /** Shown in the 413 message. */
  maxFileMb: number;
  hashAlgorithm: string;
}

/** Room for the form fields and part headers around the file. */
const ENVELOPE_BYTES = 64 * 1024;

const tooLarge = (mb: number) =>
  refusal('DOCUMENT_TOO_LARGE', `文件超过单个材料 ${mb} MB 的上限（参数 archive.file_max_mb）`);
const cutOff = () => refusal('DOCUMENT_UPLOAD_INCOMPLETE');

/**
 * Streams one multipart request (field `file` plus form fields) through hash, size limit and
 * encryption into the store: never buffered whole. On any failure the temporary object is
 * removed and the error is a refusal (413 too large, 400 cut off or malformed).
 */
export async function receiveUpload(
  req: Request,
  store: ArchiveStore,
  key: ArchiveKey,
  limits: UploadLimits,
): Promise<ReceivedUpload> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limits.maxFileBytes + ENVELOPE_BYTES) {
    req.resume();
    throw tooLarge(limits.maxFileMb);
  }
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? ''))
    throw refusal('UNSUPPORTED_MEDIA_TYPE', '须以 multipart/form-data 上传，文件放在表单字段 file 中');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Busboy reads a file name as latin1 unless told: Chinese names would arrive garbled.
      defParamCharset: 'utf8',
      // Keep the name as sent: a path in it is refused, not silently cut to its last part.
      preservePath: true,
      limits: { files: 1, fields: 8, fieldSize: 4096, parts: 9 },
      highWaterMark: STREAM_HWM,
      fileHwm: STREAM_HWM,
    });
  } catch {
    throw refusal('BAD_REQUEST', 'multipart 请求格式有误（缺少 boundary）');
  }

  const fields: Record<string, string> = {};
  // Set by the parser's file handler (a holder: the compiler cannot see the callback assign it).
  const slot: { stored: Promise<ReceivedUpload['file']> | null; stream: Readable | null } = {
    stored: null,
    stream: null,
  };
  let extraFile = false;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || slot.stored) {
        extraFile = true;
        stream.resume();
        return;
      }
      slot.stream = stream;
      const meter = new ContentMeter(limits.hashAlgorithm, limits.maxFileBytes);
      const sealed = new PassThrough({ highWaterMark: STREAM_HWM });
      // The store reads the sealed bytes while the meter and cipher run: one pass, bounded memory.
      const writing = store.putTemporary(sealed);
      const flowing = pipeline(stream, meter, sealStream(key), sealed);
      const stored = Promise.all([writing, flowing]).then(
        ([temporaryKey]) => ({
          temporaryKey,
          fileName: info.filename ?? '',
          size: meter.size,
          hash: meter.hash,
          head: meter.head,
        }),
        async (e: unknown) => {
          sealed.destroy();
          // The store removes what it wrote when its input fails; wait for that before answering.
          const key = await writing.catch(() => null);
          if (key) await store.remove(key);
          const failure = e instanceof FileTooLargeError ? tooLarge(limits.maxFileMb) : cutOff();
          // The parser may wait on a file stream that is gone: stop waiting for it.
          reject(failure);
          throw failure;
        },
      );
      stored.catch(() => undefined);
      slot.stored = stored;
    });
    parser.on('partsLimit', () => reject(refusal('BAD_REQUEST', '表单字段过多')));
    parser.on('fieldsLimit', () => reject(refusal('BAD_REQUEST', '表单字段过多')));
    parser.on('filesLimit', () => {
      extraFile = true;
    });
    parser.on('error', () => reject(cutOff()));
    parser.on('close', () => resolve());
    // The client went away mid-body: the parser never sees the end of the form.
    req.on('close', () => {
      if (!req.complete) reject(cutOff());
    });
  });
  req.pipe(parser);

  let file: ReceivedUpload['file'] = null;
  try {
    await parsed;
  } catch (e) {
    req.unpipe(parser);
    req.resume();
    // A file part still waiting for bytes that will not come fails now; its handler removes the temporary object.
    slot.stream?.destroy(new Error('aborted'));
    await slot.stored?.catch(() => undefined);
    throw e;
  }
  file = slot.stored ? await slot.stored : null;
  if (extraFile) {
    if (file) await store.remove(file.temporaryKey);
    throw refusal('BAD_REQUEST', '每次只能上传一个文件，且须放在表单字段 file 中');
  }
  return { fields, file };
}

import type { DocumentContentType } from '../core/contracts/case-document';

// A small magic-byte check instead of the `file-type` package (ESM-only in its current
// versions, and the door knows three types): the name says nothing, the first bytes do.

/** Bytes needed to tell the known types apart. */
export const HEAD_BYTES = 8;

export function contentTypeOf(head: Buffer): DocumentContentType | null {
  const starts = (...bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

/** What the name's extension claims, when it names a known type. */
export function contentTypeOfName(fileName: string): DocumentContentType | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'pdf') return 'application/pdf';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  return null;
}

export const CONTENT_TYPE_NAMES: Record<DocumentContentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
};

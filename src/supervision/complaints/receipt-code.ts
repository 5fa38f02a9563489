import { createHash } from 'node:crypto';

/** A complaint's receipt code (src/common/receipt-code.ts) is stored as its hash only: a complainant may be a whistle-blower. */
export { newReceiptCode } from '../../common/receipt-code';

export const receiptHash = (code: string): string => createHash('sha256').update(code).digest('hex');

/** The same submission from the same client: what the repeat check compares (no clear IP stored). */
export const submissionHash = (client: string, parts: readonly (string | undefined)[]): string =>
  createHash('sha256')
    .update(JSON.stringify([client, ...parts.map((p) => p ?? null)]))
    .digest('hex');

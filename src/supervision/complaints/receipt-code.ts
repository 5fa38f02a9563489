import { createHash, randomInt } from 'node:crypto';
import { RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../../core/contracts/complaint';

/**
 * The code whoever filed a complaint looks it up with: 12 characters from 31 (about 59 bits,
 * from the CSPRNG), so it cannot be guessed; only its hash is stored.
 */
export function newReceiptCode(): string {
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) code += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return code;
}

export const receiptHash = (code: string): string => createHash('sha256').update(code).digest('hex');

/** The same submission from the same client: what the repeat check compares (no clear IP stored). */
export const submissionHash = (client: string, parts: readonly (string | undefined)[]): string =>
  createHash('sha256')
    .update(JSON.stringify([client, ...parts.map((p) => p ?? null)]))
    .digest('hex');

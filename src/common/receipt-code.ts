import { randomInt } from 'node:crypto';
import { RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../core/contracts/complaint';

/**
 * A receipt code (受理编号) handed to whoever filed something, to look it up without login:
 * 12 characters from 31 unambiguous ones (about 59 bits, from the CSPRNG), so it cannot be guessed.
 */
export function newReceiptCode(): string {
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) code += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return code;
}

import { createHash } from 'node:crypto';

/** A UUID-shaped id from stable parts (sha256), so every retry names the same referral (or change report). */
export function derivedReferralId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

import { DomainError } from '../common/domain-error';
import { divisionCovers } from '../contracts/division';
import type { Actor } from '../contracts/roles';

/** City-wide roles read everything; everyone else acts only inside their jurisdiction. */
export function assertJurisdiction(actor: Actor, divisionCode: string): void {
  if (!divisionCovers(actor.jurisdiction, divisionCode)) {
    throw new DomainError(403, 'OUT_OF_JURISDICTION', `区划 ${divisionCode} 不在您的辖区（${actor.jurisdiction}）内`);
  }
}

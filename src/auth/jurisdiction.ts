import { divisionCovers } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { refuse } from '../common/refusals';

/** City-wide roles read everything; everyone else acts only inside their jurisdiction. */
export function assertJurisdiction(actor: Actor, divisionCode: string): void {
  if (!divisionCovers(actor.jurisdiction, divisionCode)) {
    refuse('OUT_OF_JURISDICTION', `区划 ${divisionCode} 不在您的辖区（${actor.jurisdiction}）内`);
  }
}

import type { Department, Measure } from './contracts/deliberation';

// What a 一事一议 decision grants the emergency case that referred it. Plain code with type
// imports only: the workflow pays it, the notice builder (worker side) names it.

/** 临时救助 is civil affairs' own aid; the other departments carry out their measures through their follow-ups. */
export const EMERGENCY_AID_DEPARTMENT: Department = 'CIVIL_AFFAIRS';

/** The measures that are the case's temporary assistance: civil affairs' measures with an amount. */
export const isEmergencyAid = (m: Measure): boolean => m.department === EMERGENCY_AID_DEPARTMENT && m.amount !== null;

/** The amount the case approves and pays (yuan, to the cent); null when the decision names none. */
export function deliberatedAmount(measures: readonly Measure[]): number | null {
  const aid = measures.filter(isEmergencyAid);
  if (aid.length === 0) return null;
  return Math.round(aid.reduce((sum, m) => sum + m.amount! * 100, 0)) / 100;
}

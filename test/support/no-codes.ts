// What a person reads names things in Chinese: a code (CIVIL_AFFAIRS, MINIMUM_LIVING, RURAL…)
// in a notice or a reason is a defect. Tests run every text they produce through this.

/** An enum-style code: two capitals joined by an underscore, or a run of four capitals. */
export const CODE_PATTERN = /[A-Z]{2,}_[A-Z_]+|\b[A-Z]{4,}\b/g;

/** The codes a text shows (none expected). */
export const codesIn = (text: string): string[] => text.match(CODE_PATTERN) ?? [];

// A parameter's line: its versions for one division and area, one after the other. Rows in
// the database are immutable, so a version approved later does not rewrite the one before:
// the store closes each version at the next one's validFrom when it loads (an explicit
// validTo, as some shipped versions carry, still ends it earlier).
import type { ParameterVersion } from './types';

/** A version as read from the database: approved ones win over a shipped one starting the same day. */
export interface StoredVersion {
  record: ParameterVersion;
  approved: boolean;
}

export const lineKey = (r: Pick<ParameterVersion, 'id' | 'division' | 'area'>): string =>
  `${r.id}|${r.division}|${r.area ?? ''}`;

/** The records with each line's validTo derived from the next version's validFrom. */
export function closeLines(stored: readonly StoredVersion[]): ParameterVersion[] {
  const lines = new Map<string, StoredVersion[]>();
  for (const s of stored) {
    const key = lineKey(s.record);
    let line = lines.get(key);
    if (line === undefined) lines.set(key, (line = []));
    line.push(s);
  }
  const out: ParameterVersion[] = [];
  for (const line of lines.values()) {
    line.sort((a, b) =>
      a.record.validFrom < b.record.validFrom ? -1 : a.record.validFrom > b.record.validFrom ? 1 : 0,
    );
    const kept: ParameterVersion[] = [];
    for (const s of line) {
      const last = kept[kept.length - 1];
      if (last !== undefined && last.validFrom === s.record.validFrom) {
        // Same first day: an approved version replaces a shipped one (a later release shipping the same figure).
        if (s.approved) kept[kept.length - 1] = s.record;
        continue;
      }
      kept.push(s.record);
    }
    kept.forEach((r, i) => {
      const next = kept[i + 1];
      if (next !== undefined && (r.validTo === undefined || next.validFrom < r.validTo)) {
        out.push({ ...r, validTo: next.validFrom });
      } else out.push(r);
    });
  }
  return out;
}

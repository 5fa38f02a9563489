// Statistical disclosure control for the public statistics: a count under the threshold could
// point at a household, so it is suppressed (primary); and because every published line adds
// up to its total, a line with exactly one suppressed entry would give it back by subtraction,
// so a second entry of that line is suppressed too (secondary), until no line has exactly one.
// The heuristic of the classic "small cell plus complement" rule: the complement is the
// line's smallest non-zero entry, so as little as possible is hidden.

/** A published line: the entries `parts` add up to the entry `total`. */
export interface SumLine {
  parts: readonly number[];
  total: number;
}

/**
 * Which entries to suppress. `values[i]` is a count; an entry is primary-suppressed when
 * 0 < value < threshold (a zero is published: it identifies no one).
 */
export function suppressedEntries(values: readonly number[], lines: readonly SumLine[], threshold: number): boolean[] {
  const hidden = values.map((v) => v > 0 && v < threshold);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const members = [...line.parts, line.total];
      if (members.filter((i) => hidden[i]).length !== 1) continue;
      const complement = pickComplement(values, hidden, line.parts) ?? pickComplement(values, hidden, [line.total]);
      if (complement === undefined) continue;
      hidden[complement] = true;
      changed = true;
    }
  }
  return hidden;
}

/** The smallest non-zero open entry among `candidates`, else an open zero; undefined when none is open. */
function pickComplement(values: readonly number[], hidden: readonly boolean[], candidates: readonly number[]) {
  const open = candidates.filter((i) => !hidden[i]);
  const nonZero = open.filter((i) => values[i]! > 0).sort((a, b) => values[a]! - values[b]!);
  return nonZero[0] ?? open[0];
}

/**
 * A rows × columns table of counts with its row totals, column totals and grand total, laid
 * out as one vector: cells row by row, then row totals, then column totals, then the grand
 * total. Returns what to suppress in the same shape.
 */
export function suppressTable(
  cells: readonly (readonly number[])[],
  threshold: number,
): { cells: boolean[][]; rowTotals: boolean[]; columnTotals: boolean[]; grandTotal: boolean } {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const cell = (r: number, c: number) => r * columns + c;
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const grand = rows * columns + rows + columns;
  const values: number[] = [];
  for (const row of cells) values.push(...row);
  for (const row of cells) values.push(row.reduce((s, v) => s + v, 0));
  for (let c = 0; c < columns; c++) values.push(cells.reduce((s, row) => s + row[c]!, 0));
  values.push(values.slice(0, rows * columns).reduce((s, v) => s + v, 0));
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines: SumLine[] = [
    ...range(rows).map((r) => ({ parts: range(columns).map((c) => cell(r, c)), total: rowTotal(r) })),
    ...range(columns).map((c) => ({ parts: range(rows).map((r) => cell(r, c)), total: columnTotal(c) })),
    { parts: range(rows).map(rowTotal), total: grand },
    { parts: range(columns).map(columnTotal), total: grand },
  ];
  const hidden = suppressedEntries(values, lines, threshold);
  return {
    cells: range(rows).map((r) => range(columns).map((c) => hidden[cell(r, c)]!)),
    rowTotals: range(rows).map((r) => hidden[rowTotal(r)]!),
    columnTotals: range(columns).map((c) => hidden[columnTotal(c)]!),
    grandTotal: hidden[grand]!,
  };
}

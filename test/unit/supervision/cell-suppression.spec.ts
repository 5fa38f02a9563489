import { suppressedEntries, suppressTable } from '../../../src/supervision/disclosure/cell-suppression';

/** Every published line has zero or at least two hidden entries: no hidden figure comes back by subtraction. */
function noLoneHidden(t: ReturnType<typeof suppressTable>) {
  const rows = t.cells.map((row, r) => [...row, t.rowTotals[r]!]);
  const columns = t.columnTotals.map((total, c) => [...t.cells.map((row) => row[c]!), total]);
  const margins = [
    [...t.rowTotals, t.grandTotal],
    [...t.columnTotals, t.grandTotal],
  ];
  return [...rows, ...columns, ...margins].every((line) => line.filter(Boolean).length !== 1);
}

describe('cell suppression of the public statistics', () => {
  it('publishes a table with no small cell as it is', () => {
    const t = suppressTable(
      [
        [10, 0],
        [7, 12],
      ],
      5,
    );
    expect(t.cells).toEqual([
      [false, false],
      [false, false],
    ]);
    expect([...t.rowTotals, ...t.columnTotals, t.grandTotal]).not.toContain(true);
  });

  it('hides a small cell and the smallest complement in its row and its column', () => {
    const t = suppressTable(
      [
        [3, 20, 40],
        [9, 30, 8],
        [50, 60, 70],
      ],
      5,
    );
    // 3 is small; its row's complement is 20, its column's 9; the column of 20 then needs 30,
    // which also closes the row of 9: four cells in a rectangle, the rest published.
    expect(t.cells[0]).toEqual([true, true, false]);
    expect(t.cells[1]).toEqual([true, true, false]);
    expect(t.cells[2]).toEqual([false, false, false]);
    expect(noLoneHidden(t)).toBe(true);
  });

  it('publishes a zero, and hides a county total that is itself small', () => {
    const t = suppressTable(
      [
        [2, 0],
        [30, 40],
      ],
      5,
    );
    expect(t.cells[0]).toEqual([true, false]);
    expect(t.rowTotals[0]).toBe(true);
    expect(t.cells[1]![0]).toBe(true);
    expect(noLoneHidden(t)).toBe(true);
  });

  it('keeps every line free of a lone hidden entry on random tables', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 12;
    for (let n = 0; n < 200; n++) {
      const cells = Array.from({ length: 4 }, () => Array.from({ length: 3 }, next));
      const t = suppressTable(cells, 5);
      expect(noLoneHidden(t)).toBe(true);
      cells.forEach((row, r) => row.forEach((v, c) => v > 0 && v < 5 && expect(t.cells[r]![c]).toBe(true)));
    }
  });

  it('one column per county: a small county hides the next smallest beside it', () => {
    const hidden = suppressedEntries([2, 9, 30, 41], [{ parts: [0, 1, 2], total: 3 }], 5);
    expect(hidden).toEqual([true, true, false, false]);
  });
});

// RFC 4180 records from decoded text arriving in chunks: quoted fields may hold commas,
// quotes ("") and line breaks, so a record is not a line. Memory stays at one record.

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export interface RawRecord {
  /** The record's number in the file, the header being 1 (as a spreadsheet numbers rows). */
  row: number;
  cells: string[];
}

export class CsvRecordSplitter {
  private cells: string[] = [];
  private cell = '';
  private quoted = false;
  /** Inside quotes the previous character was a quote: either the closing one or the first of "". */
  private quotePending = false;
  private cellStarted = false;
  private row = 0;
  private lastWasCr = false;

  /** Feeds a chunk; returns the records it completed. Plain runs of a cell are sliced, not added a character at a time. */
  push(text: string): RawRecord[] {
    const out: RawRecord[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            this.cell += '"';
            i++;
            continue;
          }
          this.quoted = false; // that quote closed the field; fall through to read c unquoted
        } else {
          const q = text.indexOf('"', i);
          this.cell += text.slice(i, q === -1 ? n : q);
          if (q === -1) return out;
          this.quotePending = true;
          i = q + 1;
          continue;
        }
      }
      if (c === QUOTE && !this.cellStarted) {
        this.quoted = true;
        this.cellStarted = true;
        i++;
      } else if (c === COMMA) {
        this.endCell();
        i++;
      } else if (c === LF || c === CR) {
        this.lastWasCr = c === CR;
        const record = this.endRecord();
        if (record) out.push(record);
        i++;
      } else {
        let j = i + 1;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
        }
        this.cell += text.slice(i, j);
        this.cellStarted = true;
        i = j;
      }
    }
    return out;
  }

  /** The last record when the file does not end with a line break. */
  end(): RawRecord[] {
    if (this.quoted && !this.quotePending) {
      // An unclosed quote: keep what was read so the row is refused on its cells, not lost silently.
      this.quoted = false;
    }
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.cellStarted = false;
    this.quoted = false;
    this.quotePending = false;
  }

  private endRecord(): RawRecord | null {
    this.endCell();
    const cells = this.cells;
    this.cells = [];
    // Blank lines are not records, but keep their number so rows match what a spreadsheet shows.
    this.row += 1;
    if (cells.length === 1 && cells[0] === '') return null;
    return { row: this.row, cells };
  }
}

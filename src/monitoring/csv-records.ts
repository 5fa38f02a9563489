// RFC 4180 records from decoded text arriving in chunks: quoted fields may hold commas,
// quotes ("") and line breaks, so a record is not a line. Memory stays at one record.

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

  /** Feeds a chunk; returns the records it completed. */
  push(text: string): RawRecord[] {
    const out: RawRecord[] = [];
    for (const ch of text) {
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === '"') {
            this.cell += '"';
            continue;
          }
          this.quoted = false; // that quote closed the field; fall through to read ch unquoted
        } else if (ch === '"') {
          this.quotePending = true;
          continue;
        } else {
          this.cell += ch;
          continue;
        }
      }
      if (ch === '"' && !this.cellStarted) {
        this.quoted = true;
        this.cellStarted = true;
      } else if (ch === ',') {
        this.endCell();
      } else if (ch === '\n' || ch === '\r') {
        this.lastWasCr = ch === '\r';
        const record = this.endRecord();
        if (record) out.push(record);
      } else {
        this.cell += ch;
        this.cellStarted = true;
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

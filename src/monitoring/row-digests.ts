/**
 * The good rows of one file by digest, to refuse a repeated row: 96 bits of each row's
 * SHA-256 and its row number in typed arrays (16 bytes a row, open addressing), instead of a
 * Map of digest strings (≈ 150 bytes a row: a million-row file held 150 MB of them). Two
 * different rows share 96 bits with a probability of about 10⁻¹⁷ in a million-row file.
 */
export class RowDigests {
  private keys = new Uint32Array(3 * 1024);
  private rows = new Int32Array(1024);
  private size = 0;

  /** The row an equal digest was first seen on, or undefined after recording this one as `row` (> 0). */
  firstOrAdd(digest: Buffer, row: number): number | undefined {
    const a = digest.readUInt32LE(0);
    const b = digest.readUInt32LE(4);
    const c = digest.readUInt32LE(8);
    const mask = this.rows.length - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const seen = this.rows[i]!;
      if (seen === 0) break;
      if (this.keys[3 * i] === a && this.keys[3 * i + 1] === b && this.keys[3 * i + 2] === c) return seen;
    }
    if (2 * (this.size + 1) > this.rows.length) this.grow();
    this.put(a, b, c, row);
    this.size++;
    return undefined;
  }

  private put(a: number, b: number, c: number, row: number): void {
    const mask = this.rows.length - 1;
    let i = a & mask;
    while (this.rows[i] !== 0) i = (i + 1) & mask;
    this.keys[3 * i] = a;
    this.keys[3 * i + 1] = b;
    this.keys[3 * i + 2] = c;
    this.rows[i] = row;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i++)
      if (rows[i] !== 0) this.put(keys[3 * i]!, keys[3 * i + 1]!, keys[3 * i + 2]!, rows[i]!);
  }
}

// Finding a glossary name (income type, relation) in its list without hashing the text:
// the names of each list differ by length or first letter, so one array read gives the
// only candidate and one comparison confirms it. Texts JSON.parse leaves uninternalised
// (longer than 10 characters) would otherwise be hashed anew on every Map lookup.

const key = (length: number, first: number): number => (length << 7) | (first & 127);

export class NameIndex {
  private readonly byKey: Int8Array;

  constructor(
    private readonly names: readonly string[],
    what: string,
  ) {
    if (names.length > 127) throw new Error(`${what}: too many names for a NameIndex`);
    this.byKey = new Int8Array(key(Math.max(...names.map((n) => n.length)), 127) + 1).fill(-1);
    for (let i = 0; i < names.length; i++) {
      const k = key(names[i].length, names[i].charCodeAt(0));
      if (this.byKey[k] !== -1)
        throw new Error(`${what} ${names[this.byKey[k]]} and ${names[i]} share a length and first letter`);
      this.byKey[k] = i;
    }
  }

  /** Position of the name in the list, -1 for anything else (a text outside the schema). */
  indexOf(name: unknown): number {
    if (typeof name !== 'string' || name.length === 0) return -1;
    const k = key(name.length, name.charCodeAt(0));
    const i = k < this.byKey.length ? this.byKey[k] : -1;
    return i >= 0 && this.names[i] === name ? i : -1;
  }
}

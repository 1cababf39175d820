// Ordered, deduplicated list of X account ids kept compactly: an id that fits 64 bits and has no
// leading zero is stored as two uint32 halves (8 bytes instead of a ~50-byte string); the rare rest
// (leading zeros, 20-digit values beyond 2^64) falls back to strings. An open-addressing hash over the
// halves gives deduplication without a Set of millions of strings.

export interface IdList extends Iterable<string> {
  readonly size: number;
  has(id: string): boolean;
  toArray(): string[];
  /** Consecutive slices of at most `size` ids, in order, for bulk inserts. */
  batches(size: number): Iterable<string[]>;
  /** The packed halves (hi = FALLBACK_HI: the id is `fallback[lo]`), without a string per id. */
  packed(): { hi: Uint32Array; lo: Uint32Array; fallback: readonly string[] };
}

const TWO_32 = 4294967296;
/** hi value marking a slot whose id lives in the string fallback; lo is then its index there. */
const FALLBACK = 0xffffffff;
export const FALLBACK_HI = FALLBACK;
const INITIAL_CAPACITY = 1024;

export type Halves = { hi: number; lo: number };

/** Parses a string of digits into 64-bit halves; false if not digits or not round-tripping. */
export function textToHalves(text: string, out: Halves): boolean {
  if (text.length === 0 || (text.length > 1 && text.charCodeAt(0) === 48)) return false;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    lo = lo * 10 + digit;
    const carry = Math.floor(lo / TWO_32);
    lo -= carry * TWO_32;
    hi = hi * 10 + carry;
    if (hi >= FALLBACK) return false;
  }
  out.hi = hi;
  out.lo = lo;
  return true;
}

/** Exact decimal text of hi * 2^32 + lo without BigInt: one long division by 1e9 in 16-bit steps. */
export function halvesToString(hi: number, lo: number): string {
  if (hi < 0x200000) return String(hi * TWO_32 + lo);
  const hiQuotient = Math.floor(hi / 1e9);
  const rem1 = (hi - hiQuotient * 1e9) * 65536 + (lo >>> 16);
  const q1 = Math.floor(rem1 / 1e9);
  const rem2 = (rem1 - q1 * 1e9) * 65536 + (lo & 0xffff);
  const q2 = Math.floor(rem2 / 1e9);
  const low9 = rem2 - q2 * 1e9;
  const high = hiQuotient * TWO_32 + q1 * 65536 + q2;
  return high > 0 ? `${high}${String(low9).padStart(9, '0')}` : String(low9);
}

/**
 * The hash table stores the halves themselves, interleaved (hi, lo) per slot, so a probe touches
 * one cache line; hi = FALLBACK marks an empty slot (no packed id has that hi).
 */
function newTable(slots: number): Uint32Array {
  return new Uint32Array(slots * 2).fill(FALLBACK);
}

/** Inserts into the table; false if already present. */
function insertHalves(table: Uint32Array, hi: number, lo: number): boolean {
  const mask = (table.length >>> 1) - 1;
  for (let slot = hashHalves(hi, lo) & mask; ; slot = (slot + 1) & mask) {
    const at = slot << 1;
    const storedHi = table[at] as number;
    if (storedHi === FALLBACK) {
      table[at] = hi;
      table[at + 1] = lo;
      return true;
    }
    if (storedHi === hi && table[at + 1] === lo) return false;
  }
}

function tableHas(table: Uint32Array, hi: number, lo: number): boolean {
  const mask = (table.length >>> 1) - 1;
  for (let slot = hashHalves(hi, lo) & mask; ; slot = (slot + 1) & mask) {
    const at = slot << 1;
    const storedHi = table[at] as number;
    if (storedHi === FALLBACK) return false;
    if (storedHi === hi && table[at + 1] === lo) return true;
  }
}

function hashHalves(hi: number, lo: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ (lo >>> 15), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

function grow(array: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(capacity);
  grown.set(array);
  return grown;
}

export class IdListBuilder {
  private hi = new Uint32Array(INITIAL_CAPACITY);
  private lo = new Uint32Array(INITIAL_CAPACITY);
  private count = 0;
  private table = newTable(INITIAL_CAPACITY * 2);
  private readonly fallback: string[] = [];
  private readonly fallbackIndex = new Map<string, number>();
  private readonly scratch: Halves = { hi: 0, lo: 0 };
  /** Number of ids refused because already present. */
  duplicates = 0;

  get size(): number {
    return this.count;
  }

  /** Adds ASCII digits bytes[start..end) (validated by the caller); false if it was a duplicate. */
  addDigits(bytes: Uint8Array, start: number, end: number): boolean {
    // Parsed inline as head * 1e9 + tail so every intermediate is an exact double (< 2^53), and
    // without writing the halves to an object (which would box them on this hot path).
    const length = end - start;
    if (length === 1 || bytes[start] !== 48) {
      const split = Math.max(start, end - 9);
      let head = 0;
      for (let i = start; i < split; i++) head = head * 10 + ((bytes[i] as number) - 48);
      let tail = 0;
      for (let i = split; i < end; i++) tail = tail * 10 + ((bytes[i] as number) - 48);
      if (length <= 15) {
        const value = head * 1e9 + tail;
        const hi = Math.floor(value / TWO_32);
        return this.addHalves(hi, value - hi * TWO_32);
      }
      const headHigh = Math.floor(head / 65536);
      const low = (head - headHigh * 65536) * 1e9 + tail; // < 2^46
      const high = headHigh * 1e9; // < 2^51 since head < 1e11
      const highTop = Math.floor(high / 65536);
      const sum = (high - highTop * 65536) * 65536 + low;
      const carry = Math.floor(sum / TWO_32);
      const hi = highTop + carry;
      if (hi < FALLBACK) return this.addHalves(hi, sum - carry * TWO_32);
    }
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] as number);
    return this.addFallback(text);
  }

  /** Adds an id given as a string of 1 to 20 digits; false if it was a duplicate. */
  add(id: string): boolean {
    if (!/^\d{1,20}$/.test(id)) throw new RangeError(`not an X account id: ${id.slice(0, 32)}`);
    if (textToHalves(id, this.scratch)) {
      return this.addHalves(this.scratch.hi, this.scratch.lo);
    }
    return this.addFallback(id);
  }

  /** Makes room for `count` ids up front, sparing the rehashes of a growing table. */
  reserve(count: number): void {
    if (count > this.hi.length) {
      const capacity = 2 ** Math.ceil(Math.log2(count));
      this.hi = grow(this.hi, capacity);
      this.lo = grow(this.lo, capacity);
    }
    // One table of the final size: doubling step by step would leave every smaller one as garbage.
    let slots = this.table.length >>> 1;
    while (count * 4 > slots * 2) slots *= 2;
    if (slots * 2 > this.table.length) this.rehash(slots);
  }

  /** The finished list. It shares this builder's storage: do not add to the builder afterwards. */
  build(): IdList {
    // Views, not copies: copying would double the peak memory for the largest lists.
    return new PackedIdList(
      this.hi.subarray(0, this.count),
      this.lo.subarray(0, this.count),
      this.table,
      this.fallback,
      this.fallbackIndex,
    );
  }

  private addHalves(hi: number, lo: number): boolean {
    if (!insertHalves(this.table, hi, lo)) {
      this.duplicates++;
      return false;
    }
    this.append(hi, lo);
    if (this.count * 4 > this.table.length) this.growTable();
    return true;
  }

  private addFallback(id: string): boolean {
    if (this.fallbackIndex.has(id)) {
      this.duplicates++;
      return false;
    }
    this.fallbackIndex.set(id, this.fallback.length);
    this.append(FALLBACK, this.fallback.length);
    this.fallback.push(id);
    return true;
  }

  private append(hi: number, lo: number): void {
    if (this.count === this.hi.length) {
      this.hi = grow(this.hi, this.hi.length * 2);
      this.lo = grow(this.lo, this.lo.length * 2);
    }
    this.hi[this.count] = hi;
    this.lo[this.count] = lo;
    this.count++;
  }

  private growTable(): void {
    this.rehash(this.table.length);
  }

  private rehash(slots: number): void {
    const table = newTable(slots);
    for (let index = 0; index < this.count; index++) {
      const hi = this.hi[index] as number;
      if (hi !== FALLBACK) insertHalves(table, hi, this.lo[index] as number);
    }
    this.table = table;
  }
}

class PackedIdList implements IdList {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly table: Uint32Array;
  private readonly fallback: string[];
  private readonly fallbackIndex: Map<string, number>;

  constructor(
    hi: Uint32Array,
    lo: Uint32Array,
    table: Uint32Array,
    fallback: string[],
    fallbackIndex: Map<string, number>,
  ) {
    this.hi = hi;
    this.lo = lo;
    this.table = table;
    this.fallback = fallback;
    this.fallbackIndex = fallbackIndex;
  }

  get size(): number {
    return this.hi.length;
  }

  has(id: string): boolean {
    if (!/^\d{1,20}$/.test(id)) return false;
    const halves: Halves = { hi: 0, lo: 0 };
    if (!textToHalves(id, halves)) return this.fallbackIndex.has(id);
    return tableHas(this.table, halves.hi, halves.lo);
  }

  at(index: number): string {
    const hi = this.hi[index] as number;
    const lo = this.lo[index] as number;
    return hi === FALLBACK ? (this.fallback[lo] as string) : halvesToString(hi, lo);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let index = 0; index < this.hi.length; index++) yield this.at(index);
  }

  toArray(): string[] {
    const out = new Array<string>(this.hi.length);
    for (let index = 0; index < out.length; index++) out[index] = this.at(index);
    return out;
  }

  packed(): { hi: Uint32Array; lo: Uint32Array; fallback: readonly string[] } {
    return { hi: this.hi, lo: this.lo, fallback: this.fallback };
  }

  *batches(size: number): Iterable<string[]> {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer');
    for (let start = 0; start < this.hi.length; start += size) {
      const end = Math.min(start + size, this.hi.length);
      const batch = new Array<string>(end - start);
      for (let index = start; index < end; index++) batch[index - start] = this.at(index);
      yield batch;
    }
  }
}

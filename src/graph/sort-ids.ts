// X ids in the order PostgreSQL keeps the text column (byte order, as Array.prototype.sort gives),
// several times faster than sorting a million strings: ids of one length order as numbers, so each
// length is sorted as 64-bit integers in a typed array, then the few per-length runs are merged as
// strings, lazily, a chunk at a time. A packed id list (src/archive/id-list.ts) hands over its
// halves without a string.
import { FALLBACK_HI, type Halves, halvesToString, textToHalves } from '../archive/id-list.ts';

/**
 * An id list in text order, kept compact and transferable between threads: per digit count, a
 * run of 64-bit values (two uint32 words each, in the machine's order, sorted as uint64), and
 * the ids kept as strings, sorted. `textOrderChunks` turns it into strings a chunk at a time, so
 * a list of millions never exists as millions of strings at once.
 */
export interface SortedIds {
  size: number;
  groups: Uint32Array[];
  others: string[];
}

/** Digit strings in byte order (ids that are not 64-bit numbers sort as strings). */
export function sortIdsAsText(ids: readonly string[]): string[] {
  return allOf(sortedIds(ids));
}

/** The sorted runs of a list of id strings (duplicates kept). */
export function sortedIds(ids: Iterable<string>, count?: number): SortedIds {
  const n = count ?? (Array.isArray(ids) ? ids.length : undefined);
  let hi = new Uint32Array(n ?? 1024);
  let lo = new Uint32Array(n ?? 1024);
  const others: string[] = [];
  const halves: Halves = { hi: 0, lo: 0 };
  let packed = 0;
  for (const id of ids) {
    if (!textToHalves(id, halves)) {
      others.push(id);
      continue;
    }
    if (packed === hi.length) {
      hi = grown(hi);
      lo = grown(lo);
    }
    hi[packed] = halves.hi;
    lo[packed++] = halves.lo;
  }
  return sortedIdsOfHalves(hi.subarray(0, packed), lo.subarray(0, packed), others);
}

function grown(array: Uint32Array): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(array.length * 2);
  out.set(array);
  return out;
}

/**
 * Ids given as 64-bit halves, in byte order of their decimal text. A packed id list marks the ids
 * it keeps as strings with hi = FALLBACK_HI (no 64-bit value has it): those sort from `others`.
 */
export function sortHalvesAsText(hi: Uint32Array, lo: Uint32Array, others: readonly string[] = []): string[] {
  return allOf(sortedIdsOfHalves(hi, lo, others));
}

/** Sorts each digit count's run as uint64 and the string ids as strings. */
export function sortedIdsOfHalves(
  hi: Uint32Array,
  lo: Uint32Array,
  others: readonly string[] = [],
): SortedIds {
  const groups = groupByDigits(hi, lo);
  for (const group of groups) new BigUint64Array(group.buffer, group.byteOffset, group.length / 2).sort();
  const strings = [...others].sort();
  return { size: groups.reduce((n, g) => n + g.length / 2, 0) + strings.length, groups, others: strings };
}

/**
 * The ids in text order, `size` at a time: the runs are merged lazily (ids of one digit count are
 * in text order already; runs of different counts interleave as text).
 */
export function* textOrderChunks(sorted: SortedIds, size: number): Generator<string[]> {
  const runs = [...sorted.groups.map(groupCursor), stringCursor(sorted.others)].filter(
    (r) => r.head !== null,
  );
  let chunk: string[] = [];
  while (runs.length > 0) {
    let best = 0;
    for (let r = 1; r < runs.length; r++)
      if ((runs[r]?.head as string) < (runs[best]?.head as string)) best = r;
    const run = runs[best] as Cursor;
    chunk.push(run.head as string);
    if (!run.next()) runs.splice(best, 1);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

interface Cursor {
  head: string | null;
  /** Moves to the next id; false at the end. */
  next(): boolean;
}

function groupCursor(words: Uint32Array): Cursor {
  const n = words.length / 2;
  let i = 0;
  const at = (k: number) =>
    LITTLE_ENDIAN
      ? halvesToString(words[2 * k + 1] as number, words[2 * k] as number)
      : halvesToString(words[2 * k] as number, words[2 * k + 1] as number);
  const cursor: Cursor = {
    head: n > 0 ? at(0) : null,
    next() {
      i += 1;
      cursor.head = i < n ? at(i) : null;
      return cursor.head !== null;
    },
  };
  return cursor;
}

function stringCursor(ids: readonly string[]): Cursor {
  let i = 0;
  const cursor: Cursor = {
    head: ids[0] ?? null,
    next() {
      i += 1;
      cursor.head = ids[i] ?? null;
      return cursor.head !== null;
    },
  };
  return cursor;
}

function allOf(sorted: SortedIds): string[] {
  const out: string[] = [];
  for (const chunk of textOrderChunks(sorted, 65_536)) for (const id of chunk) out.push(id);
  return out;
}

const TWO_32 = 4294967296;
/** 10^k as halves, k = 0…19: the digit count of a 64-bit value is found exactly, without text. */
const POWERS = Array.from({ length: 20 }, (_, k) => {
  const value = 10n ** BigInt(k);
  return { hi: Number(value / BigInt(TWO_32)), lo: Number(value % BigInt(TWO_32)) };
});

function digitsOf(hi: number, lo: number): number {
  let digits = 1;
  while (digits < 20) {
    const p = POWERS[digits] as Halves;
    if (hi < p.hi || (hi === p.hi && lo < p.lo)) break;
    digits++;
  }
  return digits;
}

/** Two words per id, by digit count, in the order that makes each pair one uint64 on this machine. */
function groupByDigits(hi: Uint32Array, lo: Uint32Array): Uint32Array[] {
  const counts = new Uint32Array(21);
  const digits = new Uint8Array(hi.length);
  for (let i = 0; i < hi.length; i++) {
    if (hi[i] === FALLBACK_HI) continue; // digits[i] stays 0: in no group
    const d = digitsOf(hi[i] as number, lo[i] as number);
    digits[i] = d;
    counts[d] = (counts[d] as number) + 1;
  }
  const groups = Array.from(counts, (n) => new Uint32Array(n * 2));
  const filled = new Uint32Array(21);
  for (let i = 0; i < hi.length; i++) {
    const d = digits[i] as number;
    if (d === 0) continue;
    const at = (filled[d] as number) * 2;
    const group = groups[d] as Uint32Array;
    group[at] = (LITTLE_ENDIAN ? lo[i] : hi[i]) as number;
    group[at + 1] = (LITTLE_ENDIAN ? hi[i] : lo[i]) as number;
    filled[d] = (filled[d] as number) + 1;
  }
  return groups.filter((g) => g.length > 0);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// X ids in the order PostgreSQL keeps the text column (byte order, as Array.prototype.sort gives),
// several times faster than sorting a million strings: ids of one length order as numbers, so each
// length is sorted as 64-bit integers in a typed array, then the few per-length runs are merged as
// strings. A packed id list (src/archive/id-list.ts) hands over its halves without a string.
import { FALLBACK_HI, type Halves, halvesToString, textToHalves } from '../archive/id-list.ts';

/** Digit strings in byte order (ids that are not 64-bit numbers sort as strings). */
export function sortIdsAsText(ids: readonly string[]): string[] {
  const hi = new Uint32Array(ids.length);
  const lo = new Uint32Array(ids.length);
  const others: string[] = [];
  const halves: Halves = { hi: 0, lo: 0 };
  let count = 0;
  for (const id of ids) {
    if (textToHalves(id, halves)) {
      hi[count] = halves.hi;
      lo[count++] = halves.lo;
    } else others.push(id);
  }
  return sortHalvesAsText(hi.subarray(0, count), lo.subarray(0, count), others);
}

/**
 * Ids given as 64-bit halves, in byte order of their decimal text. A packed id list marks the ids
 * it keeps as strings with hi = FALLBACK_HI (no 64-bit value has it): those sort from `others`.
 */
export function sortHalvesAsText(hi: Uint32Array, lo: Uint32Array, others: readonly string[] = []): string[] {
  const runs: string[][] = [];
  for (const group of groupByDigits(hi, lo)) runs.push(sortGroup(group));
  if (others.length > 0) runs.push([...others].sort());
  return mergeRuns(runs);
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

/** [lo, hi] words per id, by digit count: on a little-endian machine each is one uint64. */
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
    group[at] = lo[i] as number;
    group[at + 1] = hi[i] as number;
    filled[d] = (filled[d] as number) + 1;
  }
  return groups.filter((g) => g.length > 0);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function sortGroup(words: Uint32Array): string[] {
  const n = words.length / 2;
  if (LITTLE_ENDIAN) new BigUint64Array(words.buffer, words.byteOffset, n).sort();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = halvesToString(words[2 * i + 1] as number, words[2 * i] as number);
  // Big-endian machines: same order through a string sort (the group has one length).
  return LITTLE_ENDIAN ? out : out.sort();
}

function mergeRuns(runs: string[][]): string[] {
  let level = runs;
  while (level.length > 1) {
    const next: string[][] = [];
    for (let i = 0; i < level.length; i += 2) {
      const b = level[i + 1];
      next.push(b ? mergeSorted(level[i] as string[], b) : (level[i] as string[]));
    }
    level = next;
  }
  return level[0] ?? [];
}

function mergeSorted(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] = (a[i] as string) <= (b[j] as string) ? (a[i++] as string) : (b[j++] as string);
  while (i < a.length) out[k++] = a[i++] as string;
  while (j < b.length) out[k++] = b[j++] as string;
  return out;
}

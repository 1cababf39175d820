// X ids in the order PostgreSQL keeps the text column (byte order, as Array.prototype.sort gives),
// several times faster than sorting a million strings: ids of one length order as numbers, so each
// length is sorted in a typed array, then the few per-length runs are merged as strings.
import { type Halves, halvesToString, textToHalves } from '../archive/id-list.ts';

/** Digit strings in byte order (ids that are not 64-bit numbers sort as strings). */
export function sortIdsAsText(ids: readonly string[]): string[] {
  const byLength = new Map<number, string[]>();
  for (const id of ids) {
    const run = byLength.get(id.length);
    if (run) run.push(id);
    else byLength.set(id.length, [id]);
  }
  let runs = [...byLength.values()].map(sortSameLength);
  while (runs.length > 1) {
    const next: string[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const b = runs[i + 1];
      next.push(b ? mergeSorted(runs[i] as string[], b) : (runs[i] as string[]));
    }
    runs = next;
  }
  return runs[0] ?? [];
}

/** On a little-endian machine a BigUint64Array sorts [lo, hi] pairs written through a Uint32Array. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Ids of one length order as numbers: their 64-bit halves go into one buffer, sorted natively as
 * unsigned 64-bit integers (no BigInt per id), and come back as text. Ids that do not round-trip
 * (a leading zero, 2^64 or more) keep the string sort.
 */
function sortSameLength(ids: string[]): string[] {
  if (!LITTLE_ENDIAN) return ids.sort();
  const words = new Uint32Array(ids.length * 2);
  const halves: Halves = { hi: 0, lo: 0 };
  for (let i = 0; i < ids.length; i++) {
    if (!textToHalves(ids[i] as string, halves)) return ids.sort();
    words[2 * i] = halves.lo;
    words[2 * i + 1] = halves.hi;
  }
  new BigUint64Array(words.buffer).sort();
  const out = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++)
    out[i] = halvesToString(words[2 * i + 1] as number, words[2 * i] as number);
  return out;
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

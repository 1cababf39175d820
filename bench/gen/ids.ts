// Deterministic synthetic X account ids. Each id class walks a permutation of its range, so ids
// are unique within a list by construction (no Set of millions of strings needed) yet look random.

export type IdOptions = {
  seed: number;
  /** Share of old short ids (7 to 9 digits). */
  shortShare?: number;
  /** Share of 16-digit ids (below and above 2^53). */
  midShare?: number;
  /** Also emit some 20-digit ids, including values past 2^64. */
  twentyDigit?: boolean;
  /** Share of entries that repeat an id already emitted. */
  duplicateShare?: number;
};

/** mulberry32: small, fast, good enough for synthetic data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** (k * factor + offset) mod modulus without leaving exact double range (factor < 2^32). */
function permute(k: number, factor: number, offset: number, modulus: number): number {
  const high = Math.floor(factor / 65536);
  const low = factor % 65536;
  const part = ((k * high) % modulus) * 65536;
  return ((((part % modulus) + k * low + offset) % modulus) + modulus) % modulus;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Prime multipliers, so coprime with the 10^n and 9·10^8 moduli: the maps are permutations. */
const FACTOR_A = 2_654_435_761;
const FACTOR_B = 2_246_822_519;

export type IdClass = 'long' | 'mid' | 'short' | 'twenty';

export function idOfClass(kind: IdClass, k: number, offset: number, random: () => number): string {
  const tail = pad(Math.floor(random() * 1e9), 9);
  switch (kind) {
    case 'short':
      return String(1_000_000 + permute(k, FACTOR_B, offset, 900_000_000));
    case 'mid':
      return `${1 + (k % 9)}${pad(permute(Math.floor(k / 9), FACTOR_A, offset, 1e6), 6)}${tail}`;
    case 'twenty':
      return `${k % 2 === 0 ? '1' : '9'}${pad(permute(k, FACTOR_A, offset, 1e9), 9)}${pad(Math.floor(random() * 1e9), 9)}${k % 10}`;
    default:
      return `1${pad(permute(k, FACTOR_A, offset, 1e9), 9)}${tail}`;
  }
}

/**
 * The ids of one list, in file order, duplicates included. Same options, same sequence.
 * 20-digit ids starting with 1 can collide with nothing else; those starting with 9 pass 2^64.
 */
export function* idSequence(count: number, options: IdOptions): Generator<string> {
  const random = createRandom(options.seed);
  const offset = Math.floor(random() * 1e6);
  const shortShare = options.shortShare ?? 0.2;
  const midShare = options.midShare ?? 0.1;
  const duplicateShare = options.duplicateShare ?? 0;
  const counters: Record<IdClass, number> = { long: 0, mid: 0, short: 0, twenty: 0 };
  const recent: string[] = [];
  for (let index = 0; index < count; index++) {
    const roll = random();
    if (duplicateShare > 0 && recent.length > 0 && roll < duplicateShare) {
      yield recent[Math.floor(random() * recent.length)] as string;
      continue;
    }
    const pick = random();
    let kind: IdClass = 'long';
    if (options.twentyDigit && pick < 0.02) kind = 'twenty';
    else if (pick < 0.02 + shortShare) kind = 'short';
    else if (pick < 0.02 + shortShare + midShare) kind = 'mid';
    const id = idOfClass(kind, counters[kind]++, offset, random);
    if (duplicateShare > 0) {
      if (recent.length < 1024) recent.push(id);
      else recent[index % 1024] = id;
    }
    yield id;
  }
}

/** The ids readArchive should return for a sequence: first occurrence kept, order preserved. */
export function uniqueInOrder(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

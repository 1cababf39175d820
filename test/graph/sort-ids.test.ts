// sortIdsAsText gives exactly the order of a string sort (PostgreSQL's text order for digits),
// whatever the mix of lengths, leading zeros, 20-digit ids and duplicates.
import { expect, it } from 'vitest';
import { FALLBACK_HI, IdListBuilder } from '../../src/archive/id-list.ts';
import { sortedIds, sortHalvesAsText, sortIdsAsText, textOrderChunks } from '../../src/graph/sort-ids.ts';

/** A small deterministic generator: the same ids on every run. */
function seeded(start: number): () => number {
  let seed = start;
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function randomId(random: () => number): string {
  const kind = random();
  if (kind < 0.05) return `0${Math.floor(random() * 1e6)}`; // leading zero
  if (kind < 0.1)
    return `1${String(Math.floor(random() * 1e9)).padStart(9, '0')}${String(Math.floor(random() * 1e10)).padStart(10, '0')}`; // 20 digits
  const length = 1 + Math.floor(random() * 19);
  let id = String(1 + Math.floor(random() * 9));
  while (id.length < length) id += String(Math.floor(random() * 10));
  return id;
}

it('orders like a string sort on every kind of id', () => {
  const random = seeded(42);
  const ids = Array.from({ length: 50_000 }, () => randomId(random));
  ids.push(...ids.slice(0, 100), '1', '10', '100', '9', '99', '9007199254740993', '18446744073709551615');
  expect(sortIdsAsText(ids)).toEqual([...ids].sort());
});

it('keeps the edge cases of number conversion exact', () => {
  // Above 2^53 a double rounds; a leading zero would be dropped by Number.
  const ids = ['9007199254740993', '9007199254740992', '0012', '0011', '12', '1e3', ''].filter((id) =>
    /^\d+$/.test(id),
  );
  expect(sortIdsAsText(ids)).toEqual([...ids].sort());
  expect(sortIdsAsText([])).toEqual([]);
  // Not digits: returned untouched (the ingest guard refuses them), never turned into a number.
  expect(sortIdsAsText(['12', '3\t4\n5', '11'])).toEqual(['11', '12', '3\t4\n5']);
});

it('sorts a packed id list from its halves, fallback ids included', () => {
  const builder = new IdListBuilder();
  const ids = [
    '9',
    '10',
    '0123',
    '18446744073709551616',
    '1844674407370955161',
    '99999999999999999',
    '100000000000000000',
    '5',
  ];
  for (const id of ids) builder.add(id);
  const { hi, lo, fallback } = builder.build().packed();
  expect([...hi].filter((h) => h === FALLBACK_HI)).toHaveLength(2); // '0123' and 2^64 stay strings
  expect(sortHalvesAsText(hi, lo, fallback)).toEqual([...ids].sort());
});

it('hands the sorted ids over a chunk at a time, whatever the chunk size', () => {
  const random = seeded(7);
  const ids = Array.from({ length: 5_000 }, () => randomId(random));
  const expected = [...ids].sort();
  for (const size of [1, 7, 1_000, 4_999, 5_000, 100_000]) {
    const chunks = [...textOrderChunks(sortedIds(ids), size)];
    expect(chunks.every((c) => c.length <= size && c.length > 0)).toBe(true);
    expect(chunks.length).toBe(Math.ceil(ids.length / size));
    expect(chunks.flat()).toEqual(expected);
  }
  expect([...textOrderChunks(sortedIds([]), 10)]).toEqual([]);
});

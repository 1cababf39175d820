import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArchiveSpec, generateArchive } from '../../bench/gen/archive.ts';
import { halvesToString, IdListBuilder } from '../../src/archive/id-list.ts';
import { expectMatchesSpec, readPaths, tempDir } from './helpers.ts';

const EDGE_IDS = [
  '0',
  '7',
  '9007199254740991', // 2^53 - 1
  '9007199254740993', // 2^53 + 1: a JS number would round it
  '1234567890123456789',
  '4294967295',
  '4294967296',
  '18446744069414584319', // largest value kept packed
  '18446744069414584320', // hi half all ones: string fallback
  '18446744073709551615', // 2^64 - 1
  '18446744073709551616', // 2^64
  '99999999999999999999',
  '00042', // leading zeros survive as written
  '42',
];

function build(ids: string[]): { list: ReturnType<IdListBuilder['build']>; duplicates: number } {
  const builder = new IdListBuilder();
  const bytes = new TextEncoder();
  for (const id of ids) {
    const encoded = bytes.encode(id);
    builder.addDigits(encoded, 0, encoded.length);
  }
  return { list: builder.build(), duplicates: builder.duplicates };
}

describe('IdList', () => {
  it('keeps 1 to 20 digit ids exactly, as strings', () => {
    const { list } = build(EDGE_IDS);
    expect(list.toArray()).toEqual(EDGE_IDS);
    for (const id of EDGE_IDS) expect(list.has(id)).toBe(true);
    expect(list.has('9007199254740992')).toBe(false);
    expect(list.has('not-an-id')).toBe(false);
  });

  it('drops duplicates and keeps the first occurrence order', () => {
    const { list, duplicates } = build([
      '5',
      '3',
      '5',
      '1234567890123456789',
      '3',
      '00042',
      '00042',
      '1234567890123456789',
      '1',
    ]);
    expect(list.toArray()).toEqual(['5', '3', '1234567890123456789', '00042', '1']);
    expect(list.size).toBe(5);
    expect(duplicates).toBe(4);
  });

  it('iterates, converts and batches the same sequence', () => {
    const ids = Array.from({ length: 2500 }, (_, index) =>
      String(1_500_000_000_000_000_000n + BigInt(index) * 7_777_777n),
    );
    const { list } = build(ids);
    expect([...list]).toEqual(ids);
    const batches = [...list.batches(1000)];
    expect(batches.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(ids);
    expect(() => [...list.batches(0)]).toThrow(RangeError);
  });

  it('survives growth of its storage with many ids', () => {
    const ids = Array.from({ length: 100_000 }, (_, index) =>
      String(BigInt(index) * 184_467_440_737_095n + 3n),
    );
    const { list } = build([...ids, ...ids.slice(0, 1000)]);
    expect(list.size).toBe(ids.length);
    expect(list.toArray()).toEqual(ids);
  });

  it('adds ids given as strings and refuses what is not an id', () => {
    const builder = new IdListBuilder();
    expect(builder.add('18446744073709551616')).toBe(true);
    expect(builder.add('18446744073709551616')).toBe(false);
    expect(() => builder.add('12a')).toThrow(RangeError);
    expect(() => builder.add('123456789012345678901')).toThrow(RangeError);
  });

  it('turns 64-bit halves into exact decimal text', () => {
    for (const value of [0n, 1n, (1n << 53n) + 1n, (1n << 64n) - (1n << 32n) - 1n, 1234567890123456789n]) {
      expect(halvesToString(Number(value >> 32n), Number(value & 0xffffffffn))).toBe(value.toString());
    }
  });

  it('reads 19 and 20 digit ids and duplicates from an archive', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 31,
      following: 3000,
      followers: 3000,
      ids: { twentyDigit: true, duplicateShare: 0.1, shortShare: 0.3 },
    };
    const archive = await generateArchive(join(dir, 'ids.zip'), spec);
    const result = await readPaths(archive.paths);
    expectMatchesSpec(result, spec, archive.owner.accountId);
    const all = result.followers.toArray();
    expect(all.some((id) => id.length === 20 && BigInt(id) > 2n ** 64n)).toBe(true);
    expect(all.some((id) => id.length === 19)).toBe(true);
    const codes = result.warnings.map((warning) => warning.code);
    expect(codes).toEqual(['DUPLICATE_IDS', 'DUPLICATE_IDS']);
    expect(result.warnings[1]?.params.list).toBe('followers');
    expect(Number(result.warnings[1]?.params.count)).toBe(3000 - result.followers.size);
  });
});

import { describe, expect, it } from 'vitest';
import { listFileText } from '../../bench/gen/content.ts';
import { idSequence } from '../../bench/gen/ids.ts';
import { ArchiveError } from '../../src/archive/errors.ts';
import { IdListBuilder } from '../../src/archive/id-list.ts';
import { ListScanner, type ListType } from '../../src/archive/scanner.ts';

function scan(bytes: Uint8Array, chunkSizes: number[] | number, type: ListType = 'following') {
  const builder = new IdListBuilder();
  const scanner = new ListScanner(`data/${type}.js`, type, builder);
  const sizes = Array.isArray(chunkSizes) ? chunkSizes : [chunkSizes];
  for (let offset = 0, index = 0; offset < bytes.length; index++) {
    const size = sizes[index % sizes.length] as number;
    scanner.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  scanner.end();
  return { ids: builder.build().toArray(), entries: scanner.entries, layout: scanner.layout };
}

const encode = (text: string) => new TextEncoder().encode(text);

const UNUSUAL = `\uFEFFwindow.YTD.following.part0 = [ {\r
  "following" : {\r
    "note" : { "nested" : [ 1, -2.5e3, true, false, null, "a \\"quoted\\" \\\\ \\u00e9 string" ] },\r
    "accountId" : "1234567890123456789",\r
    "userLink" : "https://twitter.com/intent/user?user_id=1234567890123456789"\r
  },\r
  "extra" : [ { "accountId" : "999" } ]\r
}, {"following":{"userLink":"x","accountId":"18446744073709551616"}},{"following":{"accountId":"7"}} ];\r
`;

describe('ListScanner', () => {
  it('skips unknown fields of any JSON type and any key order', () => {
    const result = scan(encode(UNUSUAL), 1 << 16);
    expect(result.ids).toEqual(['1234567890123456789', '18446744073709551616', '7']);
    expect(result.entries).toBe(3);
    expect(result.layout).toBe('compact');
  });

  it('gives the same result whatever the split, including at every single offset', () => {
    const bytes = encode(UNUSUAL);
    const expected = scan(bytes, bytes.length);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(scan(bytes, [cut || bytes.length, bytes.length]).ids).toEqual(expected.ids);
    }
    for (const size of [1, 2, 3, 7, 13]) expect(scan(bytes, size)).toEqual(expected);
  });

  it('streams a list far larger than one chunk, split at odd sizes', () => {
    for (const layout of ['compact', 'expanded'] as const) {
      const ids = [...idSequence(20_000, { seed: 3, twentyDigit: true })];
      const bytes = encode(listFileText('follower', 0, ids, { layout, crlf: layout === 'compact' }));
      expect(bytes.length).toBeGreaterThan(2_000_000);
      for (const sizes of [[1 << 16], [7, 1 << 20, 1], [4093]]) {
        const result = scan(bytes, sizes, 'follower');
        expect(result.ids).toEqual(ids);
        expect(result.layout).toBe(layout);
      }
    }
  });

  it('takes the fast path and the general path to the same ids with 1 and 7 byte chunks', () => {
    const ids = [...idSequence(500, { seed: 4 })];
    const bytes = encode(listFileText('following', 0, ids, { layout: 'expanded', bom: true }));
    expect(scan(bytes, 1).ids).toEqual(ids);
    expect(scan(bytes, 7).ids).toEqual(ids);
    expect(scan(bytes, bytes.length).ids).toEqual(ids);
  });

  it('accepts both empty list spellings', () => {
    expect(scan(encode('window.YTD.following.part0 = [ ]'), 1)).toEqual({
      ids: [],
      entries: 0,
      layout: 'empty',
    });
    expect(scan(encode('window.YTD.following.part2 = []\n'), 3)).toEqual({
      ids: [],
      entries: 0,
      layout: 'empty',
    });
  });

  it('reports the entry, byte offset and line of a syntax error', () => {
    const text =
      'window.YTD.following.part0 = [\n  {\n    "following" : { "accountId" : "1" }\n  },\n  {\n    "following" : { "accountId" : "2" ]\n  }\n]';
    for (const size of [1, 5, 1000]) {
      try {
        scan(encode(text), size);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ArchiveError);
        const { code, params } = error as ArchiveError;
        expect(code).toBe('MALFORMED_ENTRY');
        expect(params).toMatchObject({
          file: 'data/following.js',
          entry: 2,
          line: 6,
          offset: text.indexOf(']'),
        });
      }
    }
  });

  it('refuses ids that are not 1 to 20 digits, wherever the chunks split', () => {
    for (const bad of ['', '12a', '-5', '123456789012345678901', ' 12']) {
      const text = `window.YTD.follower.part0 = [ {"follower":{"accountId":"${bad}"}} ]`;
      for (const size of [1, 4, 100]) {
        expect(() => scan(encode(text), size, 'follower')).toThrow(
          expect.objectContaining({ code: 'INVALID_ID' }),
        );
      }
    }
    const numeric = 'window.YTD.follower.part0 = [ {"follower":{"accountId":12}} ]';
    expect(() => scan(encode(numeric), 100, 'follower')).toThrow(
      expect.objectContaining({ code: 'INVALID_ID' }),
    );
  });

  it('refuses a file that stops before its list is closed', () => {
    const text = 'window.YTD.following.part0 = [ {"following":{"accountId":"1"}}, {"following":{"accou';
    expect(() => scan(encode(text), 8)).toThrow(expect.objectContaining({ code: 'MALFORMED_ENTRY' }));
  });
});

import { crc32, deflateRawSync } from 'node:zlib';
import {
  ERR_INVALID_COMPRESSED_DATA,
  ERR_INVALID_CRC32,
  ERR_INVALID_UNCOMPRESSED_SIZE,
} from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { type ExpectedData, inflateEntryData } from '../../src/archive/wasm-inflate.ts';

async function* pieces(data: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  // One reused buffer, as the file reader hands them out.
  const buffer = new Uint8Array(size);
  for (let i = 0; i < data.length; i += size) {
    const piece = data.subarray(i, i + size);
    buffer.set(piece);
    yield buffer.subarray(0, piece.length);
  }
}

async function inflate(data: Uint8Array, expected: ExpectedData, size = 4096): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of inflateEntryData(pieces(data, size), expected)) out.push(Buffer.from(chunk));
  return Buffer.concat(out);
}

const text = Buffer.from(
  Array.from({ length: 40_000 }, (_, i) => `{"follower":{"accountId":"${i * 7919}"}},`).join('\n'),
);
const noise = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24));
const expect_ = (plain: Buffer): ExpectedData => ({ size: plain.length, crc32: crc32(plain) });

describe('inflateEntryData', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', text],
    ['incompressible', noise],
    ['highly compressible', Buffer.alloc(20_000_000, 'a')],
  ])('inflates %s data fed in pieces of any size', async (_, plain) => {
    const compressed = deflateRawSync(plain);
    for (const size of [7, 65_536, 1 << 20]) {
      if (size === 7 && compressed.length > 100_000) continue;
      expect((await inflate(compressed, expect_(plain), size)).equals(plain)).toBe(true);
    }
  });

  it('fails as zip.js does on sizes, checksums, cut and trailing data', async () => {
    const compressed = deflateRawSync(text);
    const ok = expect_(text);
    await expect(inflate(compressed, { ...ok, size: ok.size - 1 })).rejects.toThrow(
      ERR_INVALID_UNCOMPRESSED_SIZE,
    );
    await expect(inflate(compressed, { ...ok, size: ok.size + 1 })).rejects.toThrow(ERR_INVALID_CRC32);
    await expect(inflate(compressed, { ...ok, crc32: ok.crc32 ^ 1 })).rejects.toThrow(ERR_INVALID_CRC32);
    await expect(inflate(compressed.subarray(0, compressed.length - 3), ok)).rejects.toThrow(
      ERR_INVALID_CRC32,
    );
    await expect(inflate(Buffer.concat([compressed, Buffer.from([1, 2, 3])]), ok)).rejects.toThrow(
      ERR_INVALID_CRC32,
    );
    await expect(inflate(Buffer.from([0xff, 0xff, 0xff, 0xff]), { size: 10, crc32: 0 })).rejects.toThrow(
      ERR_INVALID_COMPRESSED_DATA,
    );
  });

  it('frees its stream when the reader stops early, and inflates again afterwards', async () => {
    const compressed = deflateRawSync(Buffer.alloc(5_000_000, 'b'));
    for (let i = 0; i < 50; i++) {
      for await (const _ of inflateEntryData(pieces(compressed, 1024), { size: 5_000_000, crc32: 0 })) break;
    }
    expect((await inflate(deflateRawSync(text), expect_(text))).equals(text)).toBe(true);
  });
});

import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NodeDecompressionStream } from '../../src/archive/node-inflate.ts';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('NodeDecompressionStream', () => {
  it('inflates only as fast as it is read: a write waits for the reader', async () => {
    // 64 MiB of text compresses to a few hundred kilobytes: one write inflates to 64 MiB.
    const plain = Buffer.alloc(64 * 1024 * 1024, 'abcdefgh');
    const stream = new NodeDecompressionStream('deflate-raw');
    const writer = stream.writable.getWriter();
    let written = false;
    const writing = writer.write(deflateRawSync(plain)).then(() => {
      written = true;
    });
    await turns(20);
    expect(written).toBe(false); // nothing read yet: zlib stopped after its first chunks

    const closing = writing.then(() => writer.close());
    const reader = stream.readable.getReader();
    let total = 0;
    let same = true;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      same &&= Buffer.from(value).equals(plain.subarray(total, total + value.length));
      total += value.length;
    }
    await closing;
    expect(total).toBe(plain.length);
    expect(same).toBe(true);
  });

  it('rejects corrupt data on both sides', async () => {
    const stream = new NodeDecompressionStream('deflate-raw');
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const reading = reader.read();
    const writing = writer.write(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    await expect(reading).rejects.toThrow();
    await expect(writing.then(() => writer.close())).rejects.toThrow();
  });

  it('stops inflating when the reader cancels', async () => {
    const plain = Buffer.alloc(8 * 1024 * 1024, 'xyz');
    const stream = new NodeDecompressionStream('gzip');
    const writer = stream.writable.getWriter();
    const { gzipSync } = await import('node:zlib');
    writer.write(gzipSync(plain)).catch(() => {});
    const reader = stream.readable.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBeGreaterThan(0);
    await reader.cancel();
    await turns(5);
    await expect(writer.close()).rejects.toBeDefined();
  });

  it('refuses an unknown format', () => {
    expect(() => new NodeDecompressionStream('brotli')).toThrow(TypeError);
  });
});

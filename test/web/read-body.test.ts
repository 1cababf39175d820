// The upload's body is read into one buffer of its announced size, giving the event loop turns
// on the way: other requests are answered while a large body that has already arrived is read.
import { describe, expect, it } from 'vitest';
import { readBody } from '../../src/web/upload/read-body.ts';

const MiB = 1024 * 1024;

/** A body that has fully arrived: every chunk is queued before anyone reads. */
function arrivedBody(bytes: Uint8Array, chunk: number): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.slice(at, at + chunk));
      controller.close();
    },
  });
}

function requestOf(bytes: Uint8Array, announce: boolean): Request {
  const headers = announce ? { 'content-length': String(bytes.length) } : undefined;
  return new Request('http://localhost/api/archive', {
    method: 'POST',
    headers,
    body: arrivedBody(bytes, 64 * 1024),
    duplex: 'half',
  } as RequestInit);
}

function pattern(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 31) % 251;
  return bytes;
}

describe('readBody', () => {
  it('reads a body of announced length into a buffer of exactly that length', async () => {
    const bytes = pattern(3 * MiB + 17);
    const read = await readBody(requestOf(bytes, true), 64 * MiB);
    expect(read.byteLength).toBe(bytes.length);
    expect(Buffer.from(read).equals(bytes)).toBe(true);
  });

  it('reads a body without a length, growing its buffer up to the bound', async () => {
    const bytes = pattern(5 * MiB + 3);
    const read = await readBody(requestOf(bytes, false), 6 * MiB);
    expect(Buffer.from(read).equals(bytes)).toBe(true);
  });

  it('refuses a body without a length past the bound', async () => {
    await expect(readBody(requestOf(pattern(2 * MiB), false), MiB)).rejects.toThrow(RangeError);
  });

  it('reads an empty body', async () => {
    const read = await readBody(new Request('http://localhost/', { method: 'POST' }), MiB);
    expect(read.byteLength).toBe(0);
  });

  it('lets a callback queued on the event loop run before a large arrived body is read', async () => {
    const order: string[] = [];
    const reading = readBody(requestOf(pattern(8 * MiB), true), 64 * MiB).then(() => order.push('body read'));
    setImmediate(() => order.push('other request'));
    await reading;
    expect(order).toEqual(['other request', 'body read']);
  });
});

// Reads an upload's body into one buffer without holding the event loop. `arrayBuffer()` reads a
// body that has already arrived in one run of microtasks, then copies it all once more: over a
// second for 64 MiB, with every other request waiting. Here each chunk is copied into a buffer of
// the announced size (no second copy) and the loop gets a turn after every mebibyte.

/** Bytes read between two turns of the event loop. */
const BYTES_PER_TURN = 1024 * 1024;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The body of `request` in one ArrayBuffer of exactly its length. `maxBytes` bounds it (the body
 * limit in front of the route refuses more; this only bounds the buffer's growth).
 */
export async function readBody(request: Request, maxBytes: number): Promise<ArrayBuffer> {
  const announced = Number(request.headers.get('content-length'));
  const exact = Number.isSafeInteger(announced) && announced >= 0 && announced <= maxBytes;
  let buffer: Uint8Array<ArrayBuffer> = new Uint8Array(exact ? announced : Math.min(maxBytes, 1024 * 1024));
  let length = 0;
  let sinceTurn = 0;
  const reader = request.body?.getReader();
  if (!reader) return new ArrayBuffer(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > buffer.length) buffer = grown(buffer, length + value.length, maxBytes);
    buffer.set(value, length);
    length += value.length;
    sinceTurn += value.length;
    if (sinceTurn >= BYTES_PER_TURN) {
      sinceTurn = 0;
      await yieldTurn();
    }
  }
  return length === buffer.length ? (buffer.buffer as ArrayBuffer) : buffer.slice(0, length).buffer;
}

/** A larger buffer holding what was read so far (doubling, never past `maxBytes`). */
function grown(buffer: Uint8Array, needed: number, maxBytes: number): Uint8Array<ArrayBuffer> {
  if (needed > maxBytes) throw new RangeError(`the body exceeds ${maxBytes} bytes`);
  const next = new Uint8Array(Math.min(maxBytes, Math.max(needed, buffer.length * 2)));
  next.set(buffer);
  return next;
}

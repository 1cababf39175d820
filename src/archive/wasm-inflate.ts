// Inflates a zip entry's raw deflate data with the zlib build that zip.js ships as WebAssembly,
// into one output window that is reused for every chunk. node:zlib and zip.js's stream stages
// allocate each chunk anew, and V8 collects those buffers only once tens of megabytes have piled
// up: for a 150 MB follower.js that garbage, not the data kept, set the peak memory of
// `archive inspect`. Here nothing is allocated per chunk: each chunk handed out is a view of the
// window, valid until the next one is asked for. Node only (CRC-32 from node:zlib).
//
// The module's exports are zip.js's own interface to it (lib/core/streams/zlib-wasm): a call to
// inflate_process returns the zlib status in its top byte and the bytes produced below.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import {
  ERR_INVALID_COMPRESSED_DATA,
  ERR_INVALID_CRC32,
  ERR_INVALID_UNCOMPRESSED_SIZE,
} from '@zip.js/zip.js';

type ZlibModule = {
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  free(pointer: number): void;
  inflate_new(): number;
  inflate_init_raw(stream: number): number;
  inflate_process(
    stream: number,
    input: number,
    inputBytes: number,
    output: number,
    outputBytes: number,
    flush: number,
  ): number;
  inflate_last_consumed(stream: number): number;
  inflate_end(stream: number): number;
  _initialize?: () => void;
};

const INPUT_BYTES = 64 * 1024;
const OUTPUT_BYTES = 256 * 1024;
const Z_FINISH = 4;
const Z_STREAM_END = 1;
const Z_BUF_ERROR = -5;

let zlib: ZlibModule | undefined;

function loadZlib(): ZlibModule {
  if (zlib) return zlib;
  const path = createRequire(import.meta.url).resolve('@zip.js/zip.js/dist/zip-module.wasm');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {});
  const loaded = instance.exports as unknown as ZlibModule;
  loaded._initialize?.();
  zlib = loaded;
  return loaded;
}

export type ExpectedData = { size: number; crc32: number };

/** One inflate stream with its input and output windows in the module's memory. */
class RawInflate {
  readonly #z = loadZlib();
  readonly #stream: number;
  readonly #input: number;
  readonly #output: number;
  ended = false;

  constructor() {
    const z = this.#z;
    this.#stream = z.inflate_new();
    this.#input = z.malloc(INPUT_BYTES);
    this.#output = z.malloc(OUTPUT_BYTES);
    if (!this.#stream || !this.#input || !this.#output || z.inflate_init_raw(this.#stream) !== 0) {
      this.close();
      throw new Error(ERR_INVALID_COMPRESSED_DATA);
    }
  }

  /** Inflates `data`; each view yielded is overwritten by the next. */
  *push(data: Uint8Array): Generator<Uint8Array> {
    for (let offset = 0; offset < data.length; ) {
      // Bytes after the end of the deflate stream (a wrong compressed size).
      if (this.ended) throw new Error(ERR_INVALID_CRC32);
      const length = Math.min(INPUT_BYTES, data.length - offset);
      new Uint8Array(this.#z.memory.buffer, this.#input, length).set(data.subarray(offset, offset + length));
      offset += length;
      yield* this.#run(length, 0);
    }
  }

  /** Inflates what zlib still holds; the deflate stream must end here. */
  *finish(): Generator<Uint8Array> {
    if (!this.ended) yield* this.#run(0, Z_FINISH);
    if (!this.ended) throw new Error(ERR_INVALID_CRC32); // cut short
  }

  /** Calls inflate until this input is used up and the output window no longer fills. */
  *#run(length: number, flush: number): Generator<Uint8Array> {
    const z = this.#z;
    let consumed = 0;
    for (;;) {
      const result = z.inflate_process(
        this.#stream,
        this.#input + consumed,
        length - consumed,
        this.#output,
        OUTPUT_BYTES,
        flush,
      );
      const status = result >> 24; // signed zlib status
      const produced = result & 0xffffff;
      if (status < 0 && status !== Z_BUF_ERROR) throw new Error(ERR_INVALID_COMPRESSED_DATA);
      consumed += z.inflate_last_consumed(this.#stream);
      if (status === Z_STREAM_END) this.ended = true;
      if (produced > 0) yield new Uint8Array(z.memory.buffer, this.#output, produced);
      if (this.ended) {
        if (consumed < length) throw new Error(ERR_INVALID_CRC32); // bytes after the end
        return;
      }
      // No progress possible (more input needed), or all input used without filling the window.
      // (With Z_FINISH a full window is also reported as Z_BUF_ERROR: go on while it produces.)
      if (produced === 0 || (flush === 0 && produced < OUTPUT_BYTES)) return;
    }
  }

  close(): void {
    const z = this.#z;
    if (this.#stream) z.inflate_end(this.#stream);
    if (this.#input) z.free(this.#input);
    if (this.#output) z.free(this.#output);
  }
}

/**
 * Inflates an entry's compressed chunks and checks the result as zip.js does: more bytes than
 * declared fail at once (ERR_INVALID_UNCOMPRESSED_SIZE), a short or altered result fails on its
 * CRC-32 (ERR_INVALID_CRC32, as do bytes after the end of the deflate data), broken deflate data
 * fails as ERR_INVALID_COMPRESSED_DATA.
 */
export async function* inflateEntryData(
  compressed: AsyncIterable<Uint8Array>,
  expected: ExpectedData,
): AsyncGenerator<Uint8Array> {
  const inflate = new RawInflate();
  let size = 0;
  let crc = 0;
  const checked = function* (chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
    for (const chunk of chunks) {
      size += chunk.length;
      if (size > expected.size) throw new Error(ERR_INVALID_UNCOMPRESSED_SIZE);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  };
  try {
    for await (const data of compressed) yield* checked(inflate.push(data));
    yield* checked(inflate.finish());
  } finally {
    inflate.close();
  }
  if (size !== expected.size || crc >>> 0 !== expected.crc32 >>> 0) throw new Error(ERR_INVALID_CRC32);
}

// Node's built-in DecompressionStream hands out 16 KB chunks through several web-stream adapter
// layers and inflates about 5x slower than node:zlib itself. This stream pair wraps node:zlib
// directly with large output chunks; node.ts gives it to zip.js. Browsers keep their native one.
//
// It inflates only as fast as the reader reads: each pull takes one chunk, and zlib is paused in
// between, so it stops once its own small buffer is full and a write waits until the reader has
// caught up. At most a chunk or two of inflated data is held whatever the zip's compression ratio.

import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';

const OUTPUT_CHUNK_BYTES = 512 * 1024;

function createInflater(format: string) {
  const options = { chunkSize: OUTPUT_CHUNK_BYTES };
  if (format === 'gzip') return createGunzip(options);
  if (format === 'deflate') return createInflate(options);
  if (format === 'deflate-raw') return createInflateRaw(options);
  throw new TypeError(`unsupported compression format: ${format}`);
}

export class NodeDecompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;

  constructor(format: string) {
    const inflater = createInflater(format);
    let output: ReadableStreamDefaultController<Uint8Array> | undefined;
    let input: WritableStreamDefaultController | undefined;
    const ended = new Promise<void>((resolve, reject) => {
      inflater.once('end', resolve);
      inflater.once('error', reject);
      // Destroyed before its end (the reader cancelled): a pending write must not wait forever.
      inflater.once('close', () => reject(new Error('decompression stopped before the end')));
    });
    ended.catch(() => {}); // reported through the readable, write() and close()
    this.readable = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          output = controller;
          inflater.on('data', (data: Buffer) => {
            try {
              controller.enqueue(data);
            } catch {
              inflater.destroy(); // the reader went away (cancelled or errored): stop inflating
              return;
            }
            // Nobody is waiting for more: stop until the next pull.
            if ((controller.desiredSize ?? 0) <= 0) inflater.pause();
          });
          inflater.once('end', () => {
            try {
              controller.close();
            } catch {} // already cancelled
          });
          inflater.once('error', (error) => controller.error(error));
          inflater.pause();
        },
        pull() {
          inflater.resume();
        },
        cancel(reason) {
          input?.error(reason); // as a TransformStream does: the writer learns it too
          inflater.destroy(); // the reader went away: stop inflating
        },
      },
      { highWaterMark: 0 },
    );
    this.writable = new WritableStream<Uint8Array>({
      start(controller) {
        input = controller;
      },
      write(chunk) {
        // The callback comes once zlib has inflated the chunk, which waits for the reader when
        // zlib's buffer is full. After an inflate error it may never come: `ended` rejects instead.
        const written = new Promise<void>((resolve, reject) => {
          inflater.write(chunk, (error) => (error ? reject(error) : resolve()));
        });
        return Promise.race([written, ended]);
      },
      close() {
        inflater.end();
        return ended;
      },
      abort(reason) {
        output?.error(reason);
        inflater.destroy();
      },
    });
  }
}

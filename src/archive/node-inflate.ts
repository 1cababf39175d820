// Node's built-in DecompressionStream hands out 16 KB chunks through several web-stream adapter
// layers and inflates about 5x slower than node:zlib itself. This TransformStream wraps node:zlib
// directly with large output chunks; node.ts gives it to zip.js. Browsers keep their native one.

import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';

const OUTPUT_CHUNK_BYTES = 512 * 1024;

function createInflater(format: string) {
  const options = { chunkSize: OUTPUT_CHUNK_BYTES };
  if (format === 'gzip') return createGunzip(options);
  if (format === 'deflate') return createInflate(options);
  if (format === 'deflate-raw') return createInflateRaw(options);
  throw new TypeError(`unsupported compression format: ${format}`);
}

export class NodeDecompressionStream extends TransformStream<Uint8Array, Uint8Array> {
  constructor(format: string) {
    const inflater = createInflater(format);
    let ended: Promise<void> = Promise.resolve();
    super({
      start(controller) {
        inflater.on('data', (data: Buffer) => {
          try {
            controller.enqueue(data);
          } catch {
            inflater.destroy(); // the reader went away (cancelled or errored): stop inflating
          }
        });
        ended = new Promise((resolve, reject) => {
          inflater.once('end', resolve);
          inflater.once('error', reject);
        });
        ended.catch(() => {}); // reported through transform() or flush()
      },
      transform(chunk) {
        const written = new Promise<void>((resolve, reject) => {
          inflater.write(chunk, (error) => (error ? reject(error) : resolve()));
        });
        // After an inflate error Node may never call the write callback: `ended` rejects instead.
        return Promise.race([written, ended]);
      },
      flush() {
        inflater.end();
        return ended;
      },
    });
  }
}

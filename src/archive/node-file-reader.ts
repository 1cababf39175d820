// A zip.js Reader over a Node file handle: reads only the byte ranges zip.js asks for (the central
// directory, then the entries wanted) and counts them, so a 5 GB zip is never read whole.

import type { FileHandle } from 'node:fs/promises';
import { Reader } from '@zip.js/zip.js';

const RANGE_CHUNK_BYTES = 256 * 1024;

export class FileHandleReader extends Reader<FileHandle> {
  private readonly handle: FileHandle;
  /** Bytes read from the file so far. */
  bytesRead = 0;

  constructor(handle: FileHandle, size: number) {
    super(handle);
    this.handle = handle;
    this.size = size;
  }

  override async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.size - index));
    const buffer = new Uint8Array(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(buffer, filled, wanted - filled, index + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    this.bytesRead += filled;
    return filled === wanted ? buffer : buffer.subarray(0, filled);
  }

  /**
   * Streams [offset, offset + length) through one buffer: each chunk is overwritten by the next,
   * so a large entry's data leaves no garbage behind (zip.js allocates every chunk it reads).
   */
  async *readRange(offset: number, length: number, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    const buffer = new Uint8Array(Math.min(length, RANGE_CHUNK_BYTES));
    for (let done = 0; done < length; ) {
      signal?.throwIfAborted();
      const { bytesRead } = await this.handle.read(
        buffer,
        0,
        Math.min(buffer.length, length - done),
        offset + done,
      );
      if (bytesRead === 0) return;
      this.bytesRead += bytesRead;
      done += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  }
}

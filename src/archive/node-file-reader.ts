// A zip.js Reader over a Node file handle: reads only the byte ranges zip.js asks for (the central
// directory, then the entries wanted) and counts them, so a 5 GB zip is never read whole.

import type { FileHandle } from 'node:fs/promises';
import { Reader } from '@zip.js/zip.js';

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
}

// A small streaming zip writer for the synthetic archives: stored or deflated entries, zip64 when
// sizes or offsets pass 4 GiB, and deliberate lies (declared size, CRC) for the bad-input tests.
// Entries are streamed from async iterables, so a multi-GB filler is never held in memory.

import { type FileHandle, open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

const MAX_32 = 0xffffffff;
const FLAG_UTF8 = 0x0800;
const DOS_TIME = (12 << 11) | (0 << 5); // 12:00:00
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1; // 2024-01-01

export type ZipEntryOptions = {
  compress: boolean;
  /** Deflate level, 1 (fast) to 9 (small). */
  level?: number;
  /** Expected size: entries of 4 GiB or more need zip64 fields from their local header on. */
  sizeHint?: number;
  /** Uncompressed size written in the headers instead of the real one (zip bomb tests). */
  declaredSize?: number;
  /** CRC-32 written instead of the real one (corrupt zip tests). */
  declaredCrc?: number;
};

export type ZipEntryRecord = {
  name: string;
  headerOffset: number;
  dataOffset: number;
  compressedSize: number;
  size: number;
  crc: number;
  method: number;
  zip64: boolean;
  declaredSize: number;
  declaredCrc: number;
};

export type ZipContent = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

function localHeader(name: Buffer, method: number, zip64: boolean): Buffer {
  const extra = zip64 ? 20 : 0;
  const header = Buffer.alloc(30 + name.length + extra);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(zip64 ? 45 : 20, 4);
  header.writeUInt16LE(FLAG_UTF8, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  // CRC and sizes (offsets 14..25) are patched in once the data is written.
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(extra, 28);
  name.copy(header, 30);
  if (zip64) {
    header.writeUInt16LE(0x0001, 30 + name.length);
    header.writeUInt16LE(16, 32 + name.length);
  }
  return header;
}

function centralHeader(entry: ZipEntryRecord, name: Buffer): Buffer {
  const bigSize = entry.declaredSize >= MAX_32 || entry.compressedSize >= MAX_32;
  const bigOffset = entry.headerOffset >= MAX_32;
  const zip64Values = [
    ...(bigSize ? [entry.declaredSize, entry.compressedSize] : []),
    ...(bigOffset ? [entry.headerOffset] : []),
  ];
  const extra = zip64Values.length > 0 ? 4 + 8 * zip64Values.length : 0;
  const header = Buffer.alloc(46 + name.length + extra);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE((3 << 8) | 45, 4); // made by Unix, spec 4.5
  header.writeUInt16LE(entry.zip64 || extra > 0 ? 45 : 20, 6);
  header.writeUInt16LE(FLAG_UTF8, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.declaredCrc, 16);
  header.writeUInt32LE(bigSize ? MAX_32 : entry.compressedSize, 20);
  header.writeUInt32LE(bigSize ? MAX_32 : entry.declaredSize, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt16LE(extra, 30);
  header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
  header.writeUInt32LE(bigOffset ? MAX_32 : entry.headerOffset, 42);
  name.copy(header, 46);
  if (extra > 0) {
    header.writeUInt16LE(0x0001, 46 + name.length);
    header.writeUInt16LE(extra - 4, 48 + name.length);
    for (const [index, value] of zip64Values.entries()) {
      header.writeBigUInt64LE(BigInt(value), 50 + name.length + 8 * index);
    }
  }
  return header;
}

function endRecords(count: number, directoryOffset: number, directorySize: number): Buffer {
  const needs64 = count >= 0xffff || directoryOffset >= MAX_32 || directorySize >= MAX_32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(needs64 ? 0xffff : count, 8);
  end.writeUInt16LE(needs64 ? 0xffff : count, 10);
  end.writeUInt32LE(needs64 ? MAX_32 : directorySize, 12);
  end.writeUInt32LE(needs64 ? MAX_32 : directoryOffset, 16);
  if (!needs64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE((3 << 8) | 45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

export class ZipFileWriter {
  private readonly handle: FileHandle;
  private position = 0;
  readonly entries: ZipEntryRecord[] = [];

  private constructor(handle: FileHandle) {
    this.handle = handle;
  }

  static async create(path: string): Promise<ZipFileWriter> {
    return new ZipFileWriter(await open(path, 'w'));
  }

  private async write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(
        bytes,
        done,
        bytes.length - done,
        this.position + done,
      );
      done += bytesWritten;
    }
    this.position += bytes.length;
  }

  async add(path: string, content: ZipContent, options: ZipEntryOptions): Promise<ZipEntryRecord> {
    const name = Buffer.from(path, 'utf8');
    const method = options.compress ? 8 : 0;
    const zip64 = (options.sizeHint ?? 0) >= MAX_32 || (options.declaredSize ?? 0) >= MAX_32;
    const headerOffset = this.position;
    const header = localHeader(name, method, zip64);
    await this.write(header);
    const dataOffset = this.position;
    let crc = 0;
    let size = 0;
    const counted = async function* () {
      for await (const chunk of content) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
      }
    };
    const output = options.compress
      ? Readable.from(counted()).pipe(createDeflateRaw({ level: options.level ?? 6 }))
      : counted();
    for await (const chunk of output) await this.write(chunk as Uint8Array);
    const compressedSize = this.position - dataOffset;
    if (!zip64 && (size >= MAX_32 || compressedSize >= MAX_32)) {
      throw new Error(`${path} passed 4 GiB: give a sizeHint so its local header gets zip64 fields`);
    }
    const entry: ZipEntryRecord = {
      name: path,
      headerOffset,
      dataOffset,
      compressedSize,
      size,
      crc,
      method,
      zip64,
      declaredSize: options.declaredSize ?? size,
      declaredCrc: options.declaredCrc ?? crc,
    };
    await this.patchLocalHeader(entry, header.length - (zip64 ? 20 : 0));
    this.entries.push(entry);
    return entry;
  }

  private async patchLocalHeader(entry: ZipEntryRecord, zip64At: number): Promise<void> {
    const fields = Buffer.alloc(12);
    fields.writeUInt32LE(entry.declaredCrc, 0);
    fields.writeUInt32LE(entry.zip64 ? MAX_32 : entry.compressedSize, 4);
    fields.writeUInt32LE(entry.zip64 ? MAX_32 : entry.declaredSize, 8);
    await this.handle.write(fields, 0, 12, entry.headerOffset + 14);
    if (!entry.zip64) return;
    const sizes = Buffer.alloc(16);
    sizes.writeBigUInt64LE(BigInt(entry.declaredSize), 0);
    sizes.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
    await this.handle.write(sizes, 0, 16, entry.headerOffset + zip64At + 4);
  }

  /** Writes the central directory and closes the file; returns the zip's size. */
  async finish(): Promise<number> {
    const directoryOffset = this.position;
    for (const entry of this.entries) await this.write(centralHeader(entry, Buffer.from(entry.name, 'utf8')));
    await this.write(endRecords(this.entries.length, directoryOffset, this.position - directoryOffset));
    await this.handle.close();
    return this.position;
  }
}

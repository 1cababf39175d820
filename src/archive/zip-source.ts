// Zip input through @zip.js/zip.js, shared by the browser (BlobReader on the File) and Node (a
// Reader over a file handle): zip.js reads the central directory and then only the byte ranges of
// the entries asked for, and inflates them as a stream.

import {
  configure,
  type Entry,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  type FileEntry,
  type Reader,
  ZipReader,
} from '@zip.js/zip.js';
import { ArchiveError, corruptZip, zipBomb } from './errors.ts';
import { isDataFileName } from './layout.ts';
import type { ArchiveSource, OpenOptions, SourceEntry } from './source.ts';

configure({ useWebWorkers: false });

export type ZipSource = ArchiveSource & { close(): Promise<void> };

type ListedEntries = { light: Map<string, SourceEntry>; data: Map<string, FileEntry> };

function isFileEntry(entry: Entry): entry is FileEntry {
  return !entry.directory;
}

/** Turns a zip.js failure into the matching ArchiveError; abort reasons pass through untouched. */
function toArchiveError(error: unknown, label: string, entry?: FileEntry, signal?: AbortSignal): unknown {
  if (error instanceof ArchiveError) return error;
  if (signal?.aborted) return signal.reason;
  const message = error instanceof Error ? error.message : String(error);
  if (entry && message === ERR_INVALID_UNCOMPRESSED_SIZE) {
    // zip.js stops as soon as the inflated data passes the declared size: a lying header.
    const detail = `it inflates to more than the ${entry.uncompressedSize} bytes it declares`;
    return zipBomb(entry.filename, detail, { size: entry.uncompressedSize });
  }
  return corruptZip(entry ? `${label} (${entry.filename})` : label, message, error);
}

/** Feeds getData into a stream and yields its chunks as they come, with backpressure. */
async function* streamEntry(
  entry: FileEntry,
  label: string,
  signal?: AbortSignal,
): AsyncIterable<Uint8Array> {
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  let failure: unknown;
  const writing = entry.getData(pipe.writable, { checkSignature: true, signal }).catch((error: unknown) => {
    failure = error;
  });
  const reader = pipe.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    await writing;
  } catch (error) {
    await writing;
    throw toArchiveError(failure ?? error, label, entry, signal);
  } finally {
    reader.releaseLock();
    pipe.readable.cancel().catch(() => {});
  }
  if (failure !== undefined) throw toArchiveError(failure, label, entry, signal);
}

/**
 * Reads and inflates a plain deflated entry without zip.js's stream stages, which allocate every
 * chunk anew (Node: the file handle and wasm-inflate.ts). Chunks may be views of reused buffers.
 */
export type DirectEntryReader = {
  /** The stored bytes [offset, offset + length) of the zip, in chunks. */
  readStored(offset: number, length: number, signal?: AbortSignal): AsyncIterable<Uint8Array>;
  /** Inflates raw deflate data, failing with zip.js's errors on a size or CRC-32 mismatch. */
  inflate(
    compressed: AsyncIterable<Uint8Array>,
    expected: { size: number; crc32: number },
  ): AsyncIterable<Uint8Array>;
};

const DEFLATE = 8;

function canReadDirectly(entry: FileEntry): entry is FileEntry & { crc32: number } {
  return entry.compressionMethod === DEFLATE && !entry.encrypted && entry.crc32 !== undefined;
}

/**
 * zip.js checks the entry's local header (signature, bounds, encryption, method) without reading
 * its data, and says where the data starts; the direct reader takes it from there. zip.js's
 * "only check" option also refuses a data file whose bytes overlap another one read before
 * (ERR_OVERLAPPING_ENTRY, a crafted zip): no archive from X has overlapping entries.
 */
async function* streamEntryDirectly(
  entry: FileEntry & { crc32: number },
  label: string,
  options: OpenOptions,
  direct: DirectEntryReader,
): AsyncIterable<Uint8Array> {
  const { signal, transient } = options;
  let chunks: AsyncIterable<Uint8Array>;
  try {
    await entry.getData(new WritableStream(), {
      checkSignature: true,
      passThrough: 'compressed',
      checkOverlappingEntryOnly: true,
      signal,
    });
    const dataOffset = entry.localDirectory?.dataOffset;
    if (dataOffset === undefined) throw new Error('the local header of the entry was not read');
    const stored = direct.readStored(dataOffset, entry.compressedSize, signal);
    chunks = direct.inflate(stored, { size: entry.uncompressedSize, crc32: entry.crc32 });
  } catch (error) {
    throw toArchiveError(error, label, entry, signal);
  }
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw toArchiveError(error, label, entry, signal);
      }
      if (next.done) return;
      yield transient ? next.value : next.value.slice();
    }
  } finally {
    await iterator.return?.();
  }
}

export function createZipSource(
  reader: Reader<unknown>,
  label: string,
  onClose?: () => Promise<void>,
  direct?: DirectEntryReader,
): ZipSource {
  const zip = new ZipReader(reader);
  let listed: Promise<ListedEntries> | undefined;

  /**
   * One pass over the central directory. zip.js entries weigh several kilobytes each and an
   * archive holds thousands of media files: only the data files keep theirs, the rest keep a
   * name and two sizes. Later entries of the same name replace earlier ones.
   */
  async function listEntries(): Promise<ListedEntries> {
    const light = new Map<string, SourceEntry>();
    const data = new Map<string, FileEntry>();
    try {
      for await (const entry of zip.getEntriesGenerator()) {
        if (!isFileEntry(entry)) continue;
        light.set(entry.filename, {
          name: entry.filename,
          size: entry.uncompressedSize,
          compressedSize: entry.compressedSize,
        });
        if (isDataFileName(entry.filename)) data.set(entry.filename, entry);
      }
    } catch (error) {
      throw toArchiveError(error, label);
    }
    return { light, data };
  }

  async function loadEntries(): Promise<ListedEntries> {
    listed ??= listEntries();
    try {
      return await listed;
    } catch (error) {
      listed = undefined; // as before: a later call reads the directory again
      throw error;
    }
  }

  /** An entry that is not a data file: read the directory again for it (no reader does this). */
  async function findEntry(name: string): Promise<FileEntry | undefined> {
    let found: FileEntry | undefined;
    try {
      for await (const entry of zip.getEntriesGenerator()) {
        if (isFileEntry(entry) && entry.filename === name) found = entry;
      }
    } catch (error) {
      throw toArchiveError(error, label);
    }
    return found;
  }

  return {
    kind: 'zip',
    label,
    async list(): Promise<SourceEntry[]> {
      return [...(await loadEntries()).light.values()];
    },
    async *open(name: string, options: OpenOptions = {}): AsyncIterable<Uint8Array> {
      const { light, data } = await loadEntries();
      const entry = data.get(name) ?? (light.has(name) ? await findEntry(name) : undefined);
      if (!entry) throw corruptZip(label, `no entry named ${name}`);
      if (direct && canReadDirectly(entry)) yield* streamEntryDirectly(entry, label, options, direct);
      else yield* streamEntry(entry, label, options.signal);
    },
    async close(): Promise<void> {
      await zip.close().catch(() => {});
      await onClose?.();
    },
  };
}

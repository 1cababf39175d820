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
import type { ArchiveSource, OpenOptions, SourceEntry } from './source.ts';

configure({ useWebWorkers: false });

export type ZipSource = ArchiveSource & { close(): Promise<void> };

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

export function createZipSource(
  reader: Reader<unknown>,
  label: string,
  onClose?: () => Promise<void>,
): ZipSource {
  const zip = new ZipReader(reader);
  let entries: Map<string, FileEntry> | undefined;

  async function loadEntries(): Promise<Map<string, FileEntry>> {
    if (entries) return entries;
    try {
      const all = await zip.getEntries();
      entries = new Map(all.filter(isFileEntry).map((entry) => [entry.filename, entry]));
      return entries;
    } catch (error) {
      throw toArchiveError(error, label);
    }
  }

  return {
    kind: 'zip',
    label,
    async list(): Promise<SourceEntry[]> {
      const map = await loadEntries();
      return [...map.values()].map((entry) => ({
        name: entry.filename,
        size: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
      }));
    },
    async *open(name: string, options: OpenOptions = {}): AsyncIterable<Uint8Array> {
      const entry = (await loadEntries()).get(name);
      if (!entry) throw corruptZip(label, `no entry named ${name}`);
      yield* streamEntry(entry, label, options.signal);
    },
    async close(): Promise<void> {
      await zip.close().catch(() => {});
      await onClose?.();
    },
  };
}

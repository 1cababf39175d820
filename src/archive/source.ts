// What readArchive needs from an input: the names and sizes of its files, and a way to stream one.
// The zip, folder and loose-files sources (Node and browser) all implement it.

export type SourceKind = 'zip' | 'folder' | 'files';

export type SourceEntry = {
  /** Path inside the archive with "/" separators, e.g. "data/following.js" or "following.js". */
  name: string;
  /** Uncompressed size in bytes, as declared by the zip or the file system. */
  size: number;
  /** Stored size in the zip; absent for plain files. */
  compressedSize?: number;
};

export type OpenOptions = {
  signal?: AbortSignal;
  /**
   * The caller is done with each chunk once it asks for the next one, so the source may hand out
   * views of one reused buffer (no garbage per chunk). Without it every chunk is the caller's.
   */
  transient?: boolean;
};

export interface ArchiveSource {
  readonly kind: SourceKind;
  /** Name of the input for messages: the zip's file name, the folder, or the first loose file. */
  readonly label: string;
  list(): Promise<SourceEntry[]>;
  /** Streams one listed entry as chunks of bytes; never holds the whole entry in memory. */
  open(name: string, options?: OpenOptions): AsyncIterable<Uint8Array>;
}

/** Entries that macOS adds when it zips a folder (resource forks); never part of the archive. */
export function isJunkEntry(name: string): boolean {
  return name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name) || name.endsWith('/.DS_Store');
}

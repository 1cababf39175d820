// readArchive: the one reader shared by the browser and Node. It locates the data files, reads
// account.js and manifest.js whole (they are tiny) and streams every list file through the byte
// scanner. Any problem throws an ArchiveError before anything is returned, so callers that write
// the result somewhere never write half an archive.

import {
  type ArchiveParams,
  type ArchiveWarning,
  type ArchiveWarningCode,
  malformedEntry,
  missingFile,
  zipBomb,
} from './errors.ts';
import { type IdList, IdListBuilder } from './id-list.ts';
import { baseName, type DataFolder, listFilesByName, locateDataFolder } from './layout.ts';
import { type ListLayout, ListScanner, type ListType } from './scanner.ts';
import {
  type ArchiveOwner,
  type Manifest,
  parseAccount,
  parseManifest,
  SMALL_FILE_CAP,
} from './small-files.ts';
import type { ArchiveSource, SourceEntry, SourceKind } from './source.ts';

export type ArchiveLimits = {
  /** Largest uncompressed size accepted for one zip entry. */
  maxEntryBytes: number;
  /** Largest uncompressed / compressed ratio accepted for a zip entry over 1 MiB. */
  maxRatio: number;
};

/** 32 GiB fits a list of ~200 million followers; real list files compress about 10:1. */
export const DEFAULT_LIMITS: ArchiveLimits = { maxEntryBytes: 32 * 1024 ** 3, maxRatio: 200 };
const RATIO_CHECK_FROM = 1024 * 1024;

export type ArchiveProgress = {
  /** Entry being read, e.g. "data/follower.js". */
  file: string;
  /** Bytes read so far (uncompressed), over all the files to read. */
  bytesDone: number;
  /** Total uncompressed bytes of all the files to read. */
  bytesTotal: number;
  fileBytesDone: number;
  fileBytesTotal: number;
};

export type ReadArchiveOptions = {
  onProgress?: (progress: ArchiveProgress) => void;
  signal?: AbortSignal;
  limits?: Partial<ArchiveLimits>;
};

export type ArchiveResult = {
  owner: ArchiveOwner;
  following: IdList;
  followers: IdList;
  /** Accounts the owner blocked on X (data/block.js; empty when the archive has none). */
  blocking: IdList;
  /** Accounts the owner muted on X (data/mute.js; empty when the archive has none). */
  muting: IdList;
  warnings: ArchiveWarning[];
  layout: ListLayout;
  source: SourceKind;
  /** Entries read, in order, as named in the source. */
  files: string[];
};

type Reading = {
  source: ArchiveSource;
  options: ReadArchiveOptions;
  limits: ArchiveLimits;
  bytesDone: number;
  bytesTotal: number;
  warnings: ArchiveWarning[];
};

function warn(reading: Reading, code: ArchiveWarningCode, message: string, params: ArchiveParams): void {
  reading.warnings.push({ code, message, params });
}

/** Refuses entries whose declared size or compression ratio no genuine archive has. */
function checkDeclaredSize(reading: Reading, entry: SourceEntry): void {
  if (reading.source.kind !== 'zip') return;
  const { maxEntryBytes, maxRatio } = reading.limits;
  if (entry.size > maxEntryBytes) {
    throw zipBomb(
      entry.name,
      `it declares ${entry.size} bytes uncompressed, over the ${maxEntryBytes}-byte limit`,
      {
        size: entry.size,
        limit: maxEntryBytes,
      },
    );
  }
  const compressed = entry.compressedSize ?? entry.size;
  if (entry.size >= RATIO_CHECK_FROM && entry.size > compressed * maxRatio) {
    const ratio = Math.round(entry.size / Math.max(compressed, 1));
    throw zipBomb(entry.name, `it would inflate ${ratio} times (limit ${maxRatio})`, {
      ratio,
      limit: maxRatio,
    });
  }
}

/** Streams an entry, counting the bytes actually inflated against its declared size and the cap. */
async function* readEntry(
  reading: Reading,
  entry: SourceEntry,
  transient = false,
): AsyncIterable<Uint8Array> {
  const { signal, onProgress } = reading.options;
  signal?.throwIfAborted();
  const cap = Math.min(entry.size, reading.limits.maxEntryBytes);
  let done = 0;
  for await (const chunk of reading.source.open(entry.name, { signal, transient })) {
    signal?.throwIfAborted();
    done += chunk.length;
    if (reading.source.kind === 'zip' && done > cap) {
      throw zipBomb(entry.name, `it inflates to more than the ${cap} bytes it declares`, {
        size: entry.size,
      });
    }
    reading.bytesDone += chunk.length;
    onProgress?.({
      file: entry.name,
      bytesDone: reading.bytesDone,
      bytesTotal: Math.max(reading.bytesTotal, reading.bytesDone),
      fileBytesDone: done,
      fileBytesTotal: entry.size,
    });
    yield chunk;
  }
}

async function readSmallText(reading: Reading, entry: SourceEntry): Promise<string> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of readEntry(reading, entry)) {
    length += chunk.length;
    if (length > SMALL_FILE_CAP) {
      const at = { file: entry.name, entry: 1, offset: SMALL_FILE_CAP, line: 0 };
      throw malformedEntry(at, `the file is over ${SMALL_FILE_CAP} bytes, a real one is a few kilobytes`);
    }
    chunks.push(chunk);
  }
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(whole);
}

async function readManifest(reading: Reading, folder: DataFolder): Promise<Manifest | undefined> {
  const entry = folder.files.get('manifest.js');
  if (!entry) return undefined;
  const text = await readSmallText(reading, entry);
  try {
    return parseManifest(text);
  } catch (error) {
    const reason = (error as Error).message;
    warn(
      reading,
      'MANIFEST_UNREADABLE',
      `${entry.name} could not be read (${reason}); list files found by name.`,
      {
        file: entry.name,
        reason,
      },
    );
    return undefined;
  }
}

type ListFile = { entry: SourceEntry; expectedCount: number | undefined };

/** The list files to read: those the manifest declares (all must exist), then any it forgot. */
function listFiles(reading: Reading, folder: DataFolder, manifest: Manifest | undefined, type: ListType) {
  const byName = listFilesByName(folder, type);
  const declared = manifest?.[type] ?? [];
  if (declared.length === 0) return byName.map((entry): ListFile => ({ entry, expectedCount: undefined }));
  const files: ListFile[] = [];
  for (const file of declared) {
    const entry = folder.files.get(baseName(file.fileName));
    // Blocks and mutes are optional: people often give only the files Passerelle asks for.
    if (!entry && OPTIONAL_TYPES.has(type)) continue;
    if (!entry) throw missingFile([`data/${baseName(file.fileName)}`], `${folder.dir}manifest.js lists it`);
    files.push({ entry, expectedCount: file.count });
  }
  for (const entry of byName) {
    if (files.some((file) => file.entry === entry)) continue;
    warn(reading, 'UNLISTED_PART_FILE', `${entry.name} is not listed in manifest.js; it was read too.`, {
      file: entry.name,
    });
    files.push({ entry, expectedCount: undefined });
  }
  return files;
}

type ScannedList = { ids: IdList; layout: ListLayout };

/** How warnings name each list. */
const LIST_NAMES: Record<ListType, string> = {
  following: 'following',
  follower: 'followers',
  block: 'blocking',
  mute: 'muting',
};

/** Every list type, in reading order; blocks and mutes are optional (older archives lack them). */
const LIST_TYPES: readonly ListType[] = ['following', 'follower', 'block', 'mute'];
const OPTIONAL_TYPES: ReadonlySet<ListType> = new Set(['block', 'mute']);

async function scanList(reading: Reading, type: ListType, files: ListFile[]): Promise<ScannedList> {
  const builder = new IdListBuilder();
  // An entry takes 110 to 160 bytes: reserving for a low estimate avoids most regrowth.
  builder.reserve(Math.min(files.reduce((sum, file) => sum + file.entry.size, 0) / 180, 50_000_000));
  let layout: ListLayout = 'empty';
  for (const { entry, expectedCount } of files) {
    const scanner = new ListScanner(entry.name, type, builder);
    // The scanner keeps nothing of a chunk once push() returns: the source may reuse its buffer.
    for await (const chunk of readEntry(reading, entry, true)) scanner.push(chunk);
    scanner.end();
    if (layout === 'empty') layout = scanner.layout;
    if (expectedCount !== undefined && expectedCount !== scanner.entries) {
      const message = `manifest.js announces ${expectedCount} entries in ${entry.name} but ${scanner.entries} were found.`;
      warn(reading, 'MANIFEST_COUNT_MISMATCH', message, {
        file: entry.name,
        expected: expectedCount,
        found: scanner.entries,
      });
    }
  }
  if (builder.duplicates > 0) {
    const list = LIST_NAMES[type];
    warn(reading, 'DUPLICATE_IDS', `${builder.duplicates} duplicate ids in ${list} were dropped.`, {
      list,
      count: builder.duplicates,
    });
  }
  return { ids: builder.build(), layout };
}

export async function readArchive(
  source: ArchiveSource,
  options: ReadArchiveOptions = {},
): Promise<ArchiveResult> {
  options.signal?.throwIfAborted();
  const reading: Reading = {
    source,
    options,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    bytesDone: 0,
    bytesTotal: 0,
    warnings: [],
  };
  const folder = locateDataFolder(await source.list());
  const account = folder.files.get('account.js') as SourceEntry;
  const manifestEntry = folder.files.get('manifest.js');
  const byName = LIST_TYPES.flatMap((type) => listFilesByName(folder, type));
  for (const entry of [account, ...(manifestEntry ? [manifestEntry] : []), ...byName]) {
    checkDeclaredSize(reading, entry);
    reading.bytesTotal += entry.size;
  }
  const manifest = await readManifest(reading, folder);
  const owner = parseAccount(account.name, await readSmallText(reading, account));
  const filesOf = LIST_TYPES.map((type) => listFiles(reading, folder, manifest, type));
  const lists: ScannedList[] = [];
  for (const [k, type] of LIST_TYPES.entries()) lists.push(await scanList(reading, type, filesOf[k] ?? []));
  const [following, followers, blocking, muting] = lists as [
    ScannedList,
    ScannedList,
    ScannedList,
    ScannedList,
  ];
  const files = [manifestEntry, account, ...filesOf.flat().map((f) => f.entry)]
    .filter((entry): entry is SourceEntry => entry !== undefined)
    .map((entry) => entry.name);
  return {
    owner,
    following: following.ids,
    followers: followers.ids,
    blocking: blocking.ids,
    muting: muting.ids,
    warnings: reading.warnings,
    layout: following.layout !== 'empty' ? following.layout : followers.layout,
    source: source.kind,
    files,
  };
}

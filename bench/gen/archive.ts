// Synthetic X archives for tests and benchmarks, deterministic from a seed, in every layout and
// shape readArchive accepts: zip, zip under a top folder, extracted folder, loose files; compact or
// expanded; CRLF, BOM, empty lists, part files with or without manifest; media filler (stored,
// streamed, zip64 past 4 GiB) placed before data/ like in real archives.

import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  accountText,
  type Layout,
  type ListKind,
  listFileChunks,
  type ManifestListFile,
  manifestText,
  type Owner,
  type TextStyle,
  tweetsText,
} from './content.ts';
import { createRandom, type IdOptions, idOfClass, idSequence } from './ids.ts';
import { type ZipContent, type ZipEntryRecord, ZipFileWriter } from './zip-writer.ts';

export type Shape = 'zip' | 'zip-nested' | 'folder' | 'files';
export type FileContent = string | Uint8Array | (() => ZipContent);

export type ArchiveSpec = {
  seed?: number;
  following?: number;
  followers?: number;
  /** Accounts blocked (data/block.js) and muted (data/mute.js); no file when unset. */
  blocks?: number;
  mutes?: number;
  layout?: Layout;
  crlf?: boolean;
  bom?: boolean;
  /** List files per type: 1 is a single following.js, 3 adds following-part1.js and -part2.js. */
  parts?: number;
  /** Write data/manifest.js (default true). */
  manifest?: boolean;
  /** Counts to announce in the manifest instead of the real ones, by base name ("follower.js"). */
  manifestCounts?: Record<string, number>;
  shape?: Shape;
  /** Folder around data/ for the zip-nested shape. */
  topFolder?: string;
  /** Total bytes of media filler written before data/ (stored, not compressed). */
  mediaBytes?: number;
  mediaFileBytes?: number;
  ids?: Omit<IdOptions, 'seed'>;
  /** Replace (or add) files by archive path, e.g. "data/following.js"; null removes the file. */
  overrides?: Record<string, FileContent | null>;
  /** Zip header lies by archive path, for the bad-input tests. */
  zipLies?: Record<string, { size?: number; crc?: number }>;
  /** Deflate level of the data files (default 6). */
  level?: number;
};

export type GeneratedArchive = {
  /** The zip, the folder, or (files shape) the folder holding the loose files. */
  path: string;
  /** What to pass to openArchivePaths. */
  paths: string[];
  owner: Owner;
  entries: ZipEntryRecord[];
  bytes: number;
};

type PlannedFile = { path: string; content: () => ZipContent; compress: boolean; sizeHint?: number };

const MEDIA_BLOCK = 1024 * 1024;

export function ownerFor(seed: number): Owner {
  const accountId = idOfClass('long', seed % 1e9, 17, createRandom(seed ^ 0x5eed));
  return { accountId, username: `synthetic_${seed}`, displayName: `Synthetic Person ${seed}` };
}

export function listFileName(type: ListKind, part: number): string {
  return part === 0 ? `${type}.js` : `${type}-part${part}.js`;
}

/** Entries per part file: `count` split as evenly as possible over `parts`. */
export function partSizes(count: number, parts: number): number[] {
  const base = Math.floor(count / parts);
  return Array.from({ length: parts }, (_, index) => base + (index < count % parts ? 1 : 0));
}

const LIST_SEED: Record<ListKind, number> = { following: 0, follower: 1, block: 2, mute: 3 };

function listCount(spec: ArchiveSpec, type: ListKind): number | undefined {
  const counts = {
    following: spec.following,
    follower: spec.followers,
    block: spec.blocks,
    mute: spec.mutes,
  };
  return counts[type];
}

/**
 * The ids of a list exactly as the generator writes them (duplicates included). Blocks and mutes
 * are drawn from their own seeds: they may share ids with the follow lists only by chance.
 */
export function listIds(spec: ArchiveSpec, type: ListKind): Generator<string> {
  const base = (spec.seed ?? 1) * 2 + LIST_SEED[type];
  const seed = type === 'following' || type === 'follower' ? base : base + 0x10000;
  return idSequence(listCount(spec, type) ?? 0, { ...spec.ids, seed });
}

function* take(iterator: Iterator<string>, count: number): Generator<string> {
  for (let index = 0; index < count; index++) {
    const next = iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

function* mediaChunks(size: number, seed: number): Generator<Uint8Array> {
  const random = createRandom(seed);
  const block = new Uint8Array(MEDIA_BLOCK);
  for (let index = 0; index < block.length; index++) block[index] = Math.floor(random() * 256);
  for (let done = 0; done < size; done += MEDIA_BLOCK) {
    yield size - done >= MEDIA_BLOCK ? block : block.subarray(0, size - done);
  }
}

function planMedia(spec: ArchiveSpec, seed: number): PlannedFile[] {
  const total = spec.mediaBytes ?? 0;
  const perFile = spec.mediaFileBytes ?? 4 * 1024 * 1024;
  const files: PlannedFile[] = [];
  for (let done = 0, index = 0; done < total; done += perFile, index++) {
    const size = Math.min(perFile, total - done);
    const path = `data/tweets_media/${seed}-${String(index).padStart(6, '0')}-media.jpg`;
    files.push({ path, content: () => mediaChunks(size, seed + index), compress: false, sizeHint: size });
  }
  return files;
}

function planLists(spec: ArchiveSpec, type: ListKind, style: TextStyle): [PlannedFile[], ManifestListFile[]] {
  const count = listCount(spec, type) ?? 0;
  // Blocks and mutes: no file at all unless asked (archives of every age), parts as for follows.
  if ((type === 'block' || type === 'mute') && listCount(spec, type) === undefined) return [[], []];
  const sizes = partSizes(count, Math.max(1, spec.parts ?? 1));
  const ids = listIds(spec, type);
  const files: PlannedFile[] = [];
  const declared: ManifestListFile[] = [];
  sizes.forEach((size, part) => {
    const path = `data/${listFileName(type, part)}`;
    files.push({ path, content: () => listFileChunks(type, part, take(ids, size), style), compress: true });
    const announced = spec.manifestCounts?.[listFileName(type, part)] ?? size;
    declared.push({ fileName: path, type, part, count: announced });
  });
  return [files, declared];
}

function asContent(content: FileContent): () => ZipContent {
  if (typeof content === 'function') return content;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return () => [bytes];
}

/** Every file of the archive in write order: media filler first, then data/. */
export function planArchive(spec: ArchiveSpec): PlannedFile[] {
  const seed = spec.seed ?? 1;
  const style: TextStyle = { layout: spec.layout ?? 'expanded', crlf: spec.crlf, bom: spec.bom };
  const owner = ownerFor(seed);
  const [following, followingDeclared] = planLists(spec, 'following', style);
  const [followers, followerDeclared] = planLists(spec, 'follower', style);
  const [blocks, blockDeclared] = planLists(spec, 'block', style);
  const [mutes, muteDeclared] = planLists(spec, 'mute', style);
  const declared = [...followingDeclared, ...followerDeclared, ...blockDeclared, ...muteDeclared];
  const text = (path: string, value: string): PlannedFile => ({
    path,
    content: asContent(value),
    compress: true,
  });
  const files = [
    ...planMedia(spec, seed),
    ...(spec.manifest === false ? [] : [text('data/manifest.js', manifestText(owner, declared, style))]),
    text('data/account.js', accountText(owner, style)),
    text('data/tweets.js', tweetsText(style)),
    ...following,
    ...followers,
    ...blocks,
    ...mutes,
    text('data/README.txt', 'Synthetic archive generated for tests. No real person.\n'),
  ];
  for (const [path, content] of Object.entries(spec.overrides ?? {})) {
    const index = files.findIndex((file) => file.path === path);
    if (index >= 0) files.splice(index, 1);
    if (content !== null) files.push({ path, content: asContent(content), compress: true });
  }
  return files;
}

async function writeZip(out: string, files: PlannedFile[], spec: ArchiveSpec, prefix: string) {
  const zip = await ZipFileWriter.create(out);
  for (const file of files) {
    const lie = spec.zipLies?.[file.path];
    await zip.add(prefix + file.path, file.content(), {
      compress: file.compress,
      level: spec.level,
      sizeHint: file.sizeHint,
      declaredSize: lie?.size,
      declaredCrc: lie?.crc,
    });
  }
  const bytes = await zip.finish();
  return { entries: zip.entries, bytes };
}

async function writeFile(path: string, content: ZipContent): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  let bytes = 0;
  const counted = async function* () {
    for await (const chunk of content) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  await pipeline(counted(), createWriteStream(path));
  return bytes;
}

/** Writes the archive at `out` (a .zip path, or a folder for the folder and files shapes). */
export async function generateArchive(out: string, spec: ArchiveSpec = {}): Promise<GeneratedArchive> {
  const seed = spec.seed ?? 1;
  const shape = spec.shape ?? 'zip';
  const owner = ownerFor(seed);
  const files = planArchive(spec);
  if (shape === 'zip' || shape === 'zip-nested') {
    await mkdir(dirname(out), { recursive: true });
    const top = spec.topFolder ?? `twitter-2024-01-01-${(seed * 2654435761).toString(16).slice(0, 12)}`;
    const { entries, bytes } = await writeZip(out, files, spec, shape === 'zip-nested' ? `${top}/` : '');
    return { path: out, paths: [out], owner, entries, bytes };
  }
  let bytes = 0;
  const paths: string[] = [];
  for (const file of files) {
    const flat = file.path.replace(/^data\//, '');
    if (shape === 'files' && (flat.includes('/') || !flat.endsWith('.js') || flat === 'tweets.js')) continue;
    const path = shape === 'files' ? join(out, flat) : join(out, file.path);
    bytes += await writeFile(path, file.content());
    paths.push(path);
  }
  return { path: out, paths: shape === 'files' ? paths : [out], owner, entries: [], bytes };
}

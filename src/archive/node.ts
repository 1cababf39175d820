// Node entry point: opens what the user pointed at (a zip, an extracted folder, or loose .js
// files) as an ArchiveSource. Node-only code lives here and in the files only it imports.

import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { configure } from '@zip.js/zip.js';
import { isArchiveFileName, looksLikeZip } from './detect.ts';
import { ArchiveError, emptyFile, notAZip } from './errors.ts';
import { FileHandleReader } from './node-file-reader.ts';
import { NodeDecompressionStream } from './node-inflate.ts';
import { type CountingSource, createFilesSource, createFolderSource } from './node-sources.ts';
import type { ArchiveSource } from './source.ts';
import { inflateEntryData } from './wasm-inflate.ts';
import { createZipSource } from './zip-source.ts';

configure({ useWebWorkers: false, DecompressionStream: NodeDecompressionStream });

export type NodeArchiveSource = ArchiveSource & { bytesRead(): number; close(): Promise<void> };

async function statOrThrow(path: string) {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new ArchiveError('MISSING_FILE', `${path} does not exist. Check the path and try again.`, {
      file: path,
    });
  }
  return info;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function openZip(path: string, size: number): Promise<NodeArchiveSource> {
  const handle = await open(path, 'r');
  const reader = new FileHandleReader(handle, size);
  const source = createZipSource(reader, basename(path), () => handle.close(), {
    readStored: (offset, length, signal) => reader.readRange(offset, length, signal),
    inflate: inflateEntryData,
  });
  return { ...source, bytesRead: () => reader.bytesRead + 4 };
}

async function openLooseFiles(paths: string[]): Promise<CountingSource> {
  for (const path of paths) {
    const info = await statOrThrow(path);
    if (info.isDirectory()) throw notAZip(path, 'Give one folder on its own, or only .js files.');
    if (info.size > 0 && looksLikeZip(await readHead(path))) {
      throw notAZip(path, 'Give the zip on its own, not mixed with other files.');
    }
  }
  if (!paths.some((path) => isArchiveFileName(basename(path)))) throw notAZip(paths[0] as string);
  return createFilesSource(paths);
}

/**
 * Opens the archive the paths point at: one zip (recognised by its first bytes), one extracted
 * folder (the archive root or its data/ folder), or loose files (account.js, following*.js,
 * follower*.js, manifest.js). Call close() when done.
 */
export async function openArchivePaths(paths: string[]): Promise<NodeArchiveSource> {
  const [first] = paths;
  if (first === undefined) throw notAZip('(no file given)');
  if (paths.length > 1) return openLooseFiles(paths);
  const info = await statOrThrow(first);
  if (info.isDirectory()) return createFolderSource(first);
  if (info.size === 0) throw emptyFile(first);
  if (looksLikeZip(await readHead(first))) return openZip(first, info.size);
  return openLooseFiles(paths);
}

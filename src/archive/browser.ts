// Browser entry point: turns the File objects the user picked or dropped into an ArchiveSource.
// A zip is read through zip.js's BlobReader (only the ranges needed); .js files are streamed.
// No node: imports here.

import { BlobReader } from '@zip.js/zip.js';
import { isArchiveFileName, looksLikeZip } from './detect.ts';
import { emptyFile, notAZip } from './errors.ts';
import type { ArchiveSource, OpenOptions, SourceEntry } from './source.ts';
import { createZipSource, type ZipSource } from './zip-source.ts';

export type BrowserArchiveSource = ArchiveSource & { close(): Promise<void> };

/** Path of a file picked with a folder input (webkitRelativePath), else its name. */
function pathOf(file: File): string {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return relative || file.name;
}

async function* streamFile(file: File, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function createFileListSource(files: File[]): BrowserArchiveSource {
  const byName = new Map(files.map((file) => [pathOf(file), file]));
  const fromFolder = files.some((file) => pathOf(file).includes('/'));
  return {
    kind: fromFolder ? 'folder' : 'files',
    label: fromFolder ? (pathOf(files[0] as File).split('/')[0] ?? '') : (files[0]?.name ?? ''),
    async list(): Promise<SourceEntry[]> {
      return [...byName].map(([name, file]) => ({ name, size: file.size }));
    },
    open(name: string, options: OpenOptions = {}): AsyncIterable<Uint8Array> {
      const file = byName.get(name);
      if (!file) throw new Error(`no file named ${name}`);
      return streamFile(file, options.signal);
    },
    close: async () => {},
  };
}

async function isZipFile(file: File): Promise<boolean> {
  return looksLikeZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
}

/** Opens the files the user gave: one zip, the files of an extracted folder, or loose .js files. */
export async function openArchiveFiles(files: File[]): Promise<BrowserArchiveSource> {
  const [first] = files;
  if (!first) throw notAZip('(no file given)');
  if (files.length === 1 && first.size === 0) throw emptyFile(first.name);
  if (files.length === 1 && (await isZipFile(first))) {
    const source: ZipSource = createZipSource(new BlobReader(first), first.name);
    return source;
  }
  for (const file of files) {
    if (file.size > 0 && (await isZipFile(file))) {
      throw notAZip(file.name, 'Give the zip on its own, not mixed with other files.');
    }
  }
  if (!files.some((file) => isArchiveFileName(file.name))) throw notAZip(first.name);
  return createFileListSource(files);
}

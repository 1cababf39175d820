// Folder and loose-file sources for Node, reading files in chunks through file handles.

import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ArchiveSource, OpenOptions, SourceEntry } from './source.ts';

const CHUNK_BYTES = 1024 * 1024;

export type CountingSource = ArchiveSource & { bytesRead(): number; close(): Promise<void> };

export type LocalFile = { name: string; path: string };

async function* readFileChunks(path: string, count: (n: number) => void, options: OpenOptions) {
  const { signal, transient } = options;
  const handle = await open(path, 'r');
  const reused = transient ? new Uint8Array(CHUNK_BYTES) : undefined;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const buffer = reused ?? new Uint8Array(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      count(bytesRead);
      yield bytesRead === CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

function createLocalSource(kind: 'folder' | 'files', label: string, files: LocalFile[]): CountingSource {
  let bytesRead = 0;
  const byName = new Map(files.map((file) => [file.name, file]));
  return {
    kind,
    label,
    async list(): Promise<SourceEntry[]> {
      return Promise.all(
        files.map(async (file) => ({ name: file.name, size: (await stat(file.path)).size })),
      );
    },
    open(name: string, options: OpenOptions = {}): AsyncIterable<Uint8Array> {
      const file = byName.get(name);
      if (!file) throw new Error(`no file named ${name} in ${label}`);
      return readFileChunks(file.path, (n) => (bytesRead += n), options);
    },
    bytesRead: () => bytesRead,
    close: async () => {},
  };
}

async function filesIn(dir: string, prefix: string): Promise<LocalFile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: `${prefix}${entry.name}`, path: join(dir, entry.name) }));
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * An extracted archive: the root (with data/), its data/ folder, or a folder holding one extracted
 * archive. Only the few folders that can hold data files (or Grailbird markers) are listed.
 */
export async function createFolderSource(root: string): Promise<CountingSource> {
  let base = root;
  const children = await readdir(root, { withFileTypes: true });
  const dirs = children.filter((child) => child.isDirectory() && child.name !== '__MACOSX');
  const hasFiles = children.some((child) => child.isFile() && child.name.endsWith('.js'));
  const only = dirs[0];
  if (!hasFiles && dirs.length === 1 && only && !['data', 'js'].includes(only.name)) {
    base = join(root, only.name); // a folder around the extracted archive
  }
  const files = [
    ...(await filesIn(base, '')),
    ...(await filesIn(join(base, 'data'), 'data/')),
    ...(await filesIn(join(base, 'data', 'js'), 'data/js/')),
  ];
  if (await isDirectory(join(base, 'data', 'js', 'tweets'))) {
    files.push(...(await filesIn(join(base, 'data', 'js', 'tweets'), 'data/js/tweets/')));
  }
  return createLocalSource('folder', root, files);
}

/** Loose files given one by one; each is known by its base name. */
export function createFilesSource(paths: string[]): CountingSource {
  const files = paths.map((path) => ({ name: basename(path), path }));
  return createLocalSource('files', paths[0] ?? '', files);
}

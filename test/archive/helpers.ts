// Shared helpers for the archive tests: temporary folders (removed after each file) and
// shortcuts that open and read an archive the way the CLI does.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { type ArchiveSpec, listIds } from '../../bench/gen/archive.ts';
import { uniqueInOrder } from '../../bench/gen/ids.ts';
import {
  ArchiveError,
  type ArchiveResult,
  type ReadArchiveOptions,
  readArchive,
} from '../../src/archive/index.ts';
import { openArchivePaths } from '../../src/archive/node.ts';

const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A fresh folder under the OS temp dir, removed when the test file ends. */
export async function tempDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'passerelle-archive-'));
  folders.push(folder);
  return folder;
}

export async function readPaths(paths: string[], options?: ReadArchiveOptions): Promise<ArchiveResult> {
  const source = await openArchivePaths(paths);
  try {
    return await readArchive(source, options);
  } finally {
    await source.close();
  }
}

/** Reads and returns the ArchiveError it must throw. */
export async function readError(paths: string[], options?: ReadArchiveOptions): Promise<ArchiveError> {
  let source: Awaited<ReturnType<typeof openArchivePaths>> | undefined;
  try {
    source = await openArchivePaths(paths);
    await readArchive(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveError);
    return error as ArchiveError;
  } finally {
    await source?.close();
  }
  throw new Error('expected readArchive to throw an ArchiveError');
}

export function expectedIds(spec: ArchiveSpec, type: 'following' | 'follower'): string[] {
  return uniqueInOrder(listIds(spec, type));
}

/** Checks the lists and owner of a result against the spec it was generated from. */
export function expectMatchesSpec(result: ArchiveResult, spec: ArchiveSpec, accountId: string): void {
  expect(result.owner.accountId).toBe(accountId);
  expect(result.following.toArray()).toEqual(expectedIds(spec, 'following'));
  expect(result.followers.toArray()).toEqual(expectedIds(spec, 'follower'));
}

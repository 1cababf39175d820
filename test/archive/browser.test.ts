import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArchiveSpec, generateArchive } from '../../bench/gen/archive.ts';
import { openArchiveFiles } from '../../src/archive/browser.ts';
import { ArchiveError, readArchive } from '../../src/archive/index.ts';
import { expectMatchesSpec, tempDir } from './helpers.ts';

async function asFile(path: string, relativePath?: string): Promise<File> {
  const file = new File([await readFile(path)], basename(path));
  if (relativePath) Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

describe('browser sources (File objects)', () => {
  it('reads a zip through BlobReader', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 51,
      following: 100,
      followers: 300,
      shape: 'zip-nested',
      mediaBytes: 1 << 20,
    };
    const archive = await generateArchive(join(dir, 'x.zip'), spec);
    const source = await openArchiveFiles([await asFile(archive.path)]);
    const result = await readArchive(source);
    expectMatchesSpec(result, spec, archive.owner.accountId);
    expect(result.source).toBe('zip');
  });

  it('reads loose .js files and the files of a picked folder', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = { seed: 52, following: 40, followers: 60, parts: 2, layout: 'compact' };
    const loose = await generateArchive(join(dir, 'loose'), { ...spec, shape: 'files' });
    const files = await Promise.all(loose.paths.map((path) => asFile(path)));
    const looseResult = await readArchive(await openArchiveFiles(files));
    expectMatchesSpec(looseResult, spec, loose.owner.accountId);
    expect(looseResult.source).toBe('files');
    const picked = await Promise.all(
      loose.paths.map((path) => asFile(path, `twitter-2024-01-01-abc/data/${basename(path)}`)),
    );
    const folderResult = await readArchive(await openArchiveFiles(picked));
    expectMatchesSpec(folderResult, spec, loose.owner.accountId);
    expect(folderResult.source).toBe('folder');
  });

  it('refuses a file that is neither a zip nor an archive file', async () => {
    const error = await openArchiveFiles([new File(['hello'], 'photo.jpg')]).catch((caught) => caught);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error.code).toBe('NOT_A_ZIP');
    const empty = await openArchiveFiles([new File([], 'archive.zip')]).catch((caught) => caught);
    expect(empty.code).toBe('EMPTY_FILE');
  });
});

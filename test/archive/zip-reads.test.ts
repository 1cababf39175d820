import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArchiveSpec, generateArchive } from '../../bench/gen/archive.ts';
import { type ArchiveProgress, readArchive } from '../../src/archive/index.ts';
import { openArchivePaths } from '../../src/archive/node.ts';
import { expectMatchesSpec, tempDir } from './helpers.ts';

describe('zip access', () => {
  it('reads only the central directory and the data entries, not the media before them', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 41,
      following: 2000,
      followers: 20_000,
      mediaBytes: 192 * 1024 * 1024,
      mediaFileBytes: 8 * 1024 * 1024,
      shape: 'zip-nested',
    };
    const archive = await generateArchive(join(dir, 'media.zip'), spec);
    const source = await openArchivePaths(archive.paths);
    const progress: ArchiveProgress[] = [];
    try {
      const result = await readArchive(source, { onProgress: (event) => progress.push(event) });
      expectMatchesSpec(result, spec, archive.owner.accountId);
      expect(archive.bytes).toBeGreaterThan(spec.mediaBytes as number);
      expect(source.bytesRead() / archive.bytes).toBeLessThan(0.02);
    } finally {
      await source.close();
    }
    const last = progress.at(-1) as ArchiveProgress;
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(last.file).toMatch(/data\/follower\.js$/);
    const done = progress.map((event) => event.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('reads archives in the same zip one after the other and closes its file', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = { seed: 42, following: 10, followers: 10 };
    const archive = await generateArchive(join(dir, 'twice.zip'), spec);
    const source = await openArchivePaths(archive.paths);
    const first = await readArchive(source);
    const second = await readArchive(source);
    await source.close();
    expect(second.followers.toArray()).toEqual(first.followers.toArray());
  });

  it('lists every file of the zip and still opens one that is not a data file', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 44,
      following: 3,
      followers: 3,
      mediaBytes: 3 * 1024,
      mediaFileBytes: 1024,
    };
    const archive = await generateArchive(join(dir, 'all.zip'), spec);
    const source = await openArchivePaths(archive.paths);
    try {
      const names = (await source.list()).map((entry) => entry.name);
      expect(names).toEqual(expect.arrayContaining(['data/account.js', 'data/README.txt']));
      expect(names.filter((name) => name.includes('media'))).toHaveLength(3);
      const chunks: Uint8Array[] = [];
      for await (const chunk of source.open('data/README.txt')) chunks.push(chunk);
      expect(Buffer.concat(chunks).length).toBe(
        (await source.list()).find((e) => e.name === 'data/README.txt')?.size,
      );
      await expect(async () => {
        for await (const _ of source.open('data/nothing.js')) break;
      }).rejects.toThrow(/no entry named data\/nothing\.js/);
    } finally {
      await source.close();
    }
  });

  it.runIf(process.env.PASSERELLE_LARGE_TESTS === '1')(
    'reads a zip larger than 4 GiB (zip64) with its data after the 4 GiB mark',
    async () => {
      const dir = await tempDir();
      const spec: ArchiveSpec = { seed: 43, following: 100, followers: 1000, mediaBytes: 4.2 * 1024 ** 3 };
      const archive = await generateArchive(join(dir, 'zip64.zip'), {
        ...spec,
        mediaFileBytes: 4.1 * 1024 ** 3,
      });
      expect(archive.bytes).toBeGreaterThan(2 ** 32);
      const source = await openArchivePaths(archive.paths);
      try {
        expectMatchesSpec(await readArchive(source), spec, archive.owner.accountId);
        expect(source.bytesRead()).toBeLessThan(1024 * 1024);
      } finally {
        await source.close();
      }
    },
    600_000,
  );
});

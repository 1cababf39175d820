import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArchiveSpec, generateArchive, type Shape } from '../../bench/gen/archive.ts';
import { expectMatchesSpec, readPaths, tempDir } from './helpers.ts';

const SHAPES: Shape[] = ['zip', 'zip-nested', 'folder', 'files'];
const LAYOUTS = ['compact', 'expanded'] as const;

describe('every layout and shape', () => {
  for (const shape of SHAPES) {
    for (const layout of LAYOUTS) {
      it(`reads a ${layout} archive given as ${shape}`, async () => {
        const dir = await tempDir();
        const spec: ArchiveSpec = { seed: 11, following: 300, followers: 700, layout, shape };
        const archive = await generateArchive(
          join(dir, shape === 'zip' || shape === 'zip-nested' ? 'x.zip' : 'out'),
          spec,
        );
        const result = await readPaths(archive.paths);
        expectMatchesSpec(result, spec, archive.owner.accountId);
        expect(result.layout).toBe(layout);
        expect(result.source).toBe(shape.startsWith('zip') ? 'zip' : shape === 'folder' ? 'folder' : 'files');
        expect(result.owner.username).toBe(archive.owner.username);
        expect(result.owner.displayName).toBe(archive.owner.displayName);
        expect(result.warnings).toEqual([]);
      });
    }
  }

  it('reads CRLF line ends and a UTF-8 BOM in every file', async () => {
    const dir = await tempDir();
    for (const layout of LAYOUTS) {
      const spec: ArchiveSpec = { seed: 5, following: 50, followers: 80, layout, crlf: true, bom: true };
      const archive = await generateArchive(join(dir, `${layout}.zip`), spec);
      const result = await readPaths(archive.paths);
      expectMatchesSpec(result, spec, archive.owner.accountId);
      expect(result.layout).toBe(layout);
    }
  });

  it('reads empty lists in both layouts', async () => {
    const dir = await tempDir();
    for (const layout of LAYOUTS) {
      const spec: ArchiveSpec = { seed: 6, following: 0, followers: 0, layout };
      const archive = await generateArchive(join(dir, `${layout}.zip`), spec);
      const result = await readPaths(archive.paths);
      expect(result.following.size).toBe(0);
      expect(result.followers.size).toBe(0);
      expect(result.layout).toBe('empty');
    }
  });

  it('reads an extracted folder given as its data/ folder', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = { seed: 7, following: 20, followers: 30, shape: 'folder' };
    const archive = await generateArchive(join(dir, 'root'), spec);
    const result = await readPaths([join(archive.path, 'data')]);
    expectMatchesSpec(result, spec, archive.owner.accountId);
    expect(result.source).toBe('folder');
  });

  it('reads a folder that holds the extracted archive folder', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = { seed: 8, following: 20, followers: 30, shape: 'folder' };
    const archive = await generateArchive(join(dir, 'twitter-2024-01-01-abc'), spec);
    await mkdir(join(dir, 'outer'));
    await rename(archive.path, join(dir, 'outer', 'twitter-2024-01-01-abc'));
    const result = await readPaths([join(dir, 'outer')]);
    expectMatchesSpec(result, spec, archive.owner.accountId);
  });

  it('detects a zip by its bytes, not its name', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = { seed: 9, following: 10, followers: 10 };
    const archive = await generateArchive(join(dir, 'archive.download'), spec);
    const result = await readPaths(archive.paths);
    expect(result.source).toBe('zip');
    expectMatchesSpec(result, spec, archive.owner.accountId);
  });

  it('ignores the __MACOSX entries of a zip made on a Mac', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 10,
      following: 10,
      followers: 10,
      overrides: { '__MACOSX/data/._following.js': 'junk', 'data/._follower.js': 'junk' },
    };
    const archive = await generateArchive(join(dir, 'mac.zip'), spec);
    expectMatchesSpec(await readPaths(archive.paths), spec, archive.owner.accountId);
  });
});

// data/block.js ({"blocking": …}) and data/mute.js ({"muting": …}): read like the follow lists
// (parts, both layouts, every shape, Node and browser sources), optional, with the same errors.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArchiveSpec, generateArchive, listIds } from '../../bench/gen/archive.ts';
import { uniqueInOrder } from '../../bench/gen/ids.ts';
import { openArchiveFiles } from '../../src/archive/browser.ts';
import { type ArchiveResult, readArchive } from '../../src/archive/index.ts';
import { expectMatchesSpec, readError, readPaths, tempDir } from './helpers.ts';

function expectSafetyLists(result: ArchiveResult, spec: ArchiveSpec): void {
  expect(result.blocking.toArray()).toEqual(uniqueInOrder(listIds(spec, 'block')));
  expect(result.muting.toArray()).toEqual(uniqueInOrder(listIds(spec, 'mute')));
}

describe('blocks and mutes', () => {
  it('reads block.js and mute.js in several parts, in every shape and both layouts', async () => {
    const dir = await tempDir();
    for (const shape of ['zip', 'zip-nested', 'folder', 'files'] as const) {
      for (const layout of ['compact', 'expanded'] as const) {
        const spec: ArchiveSpec = {
          seed: 140,
          following: 30,
          followers: 40,
          blocks: 25,
          mutes: 7,
          parts: 3,
          shape,
          layout,
        };
        const archive = await generateArchive(join(dir, `${shape}-${layout}`), spec);
        const result = await readPaths(archive.paths);
        expectMatchesSpec(result, spec, archive.owner.accountId);
        expectSafetyLists(result, spec);
        expect(result.blocking.size).toBe(25);
        expect(result.files.some((file) => file.endsWith('block-part2.js'))).toBe(true);
        expect(result.warnings).toEqual([]);
      }
    }
  });

  it('finds the parts by name without manifest.js, and keeps ids beyond 2^53 as strings', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 141,
      following: 5,
      followers: 5,
      blocks: 60,
      mutes: 12,
      parts: 11,
      manifest: false,
      ids: { twentyDigit: true },
    };
    const archive = await generateArchive(join(dir, 'x.zip'), spec);
    const result = await readPaths(archive.paths);
    expectSafetyLists(result, spec);
    expect(result.blocking.toArray().some((id) => id.length === 20)).toBe(true);
    expect(result.files.filter((file) => file.includes('block')).at(-1)).toMatch(/block-part10\.js$/);
  });

  it('is fine without block.js and mute.js, even when manifest.js lists them', async () => {
    const dir = await tempDir();
    const none = await generateArchive(join(dir, 'none.zip'), { seed: 142, following: 3, followers: 3 });
    const result = await readPaths(none.paths);
    expect(result.blocking.size).toBe(0);
    expect(result.muting.size).toBe(0);
    // The person gave only the files the page asks for; the manifest still names block.js.
    const spec: ArchiveSpec = { seed: 143, following: 3, followers: 3, blocks: 4, mutes: 2, shape: 'files' };
    const loose = await generateArchive(join(dir, 'loose'), spec);
    const without = loose.paths.filter((path) => !/(block|mute)\.js$/.test(path));
    const partial = await readPaths(without);
    expect(partial.blocking.size).toBe(0);
    expect(partial.following.size).toBe(3);
  });

  it('counts duplicates in block.js once and says so', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 144,
      following: 2,
      followers: 2,
      blocks: 50,
      ids: { duplicateShare: 0.2 },
    };
    const archive = await generateArchive(join(dir, 'dup.zip'), spec);
    const result = await readPaths(archive.paths);
    expectSafetyLists(result, spec);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'DUPLICATE_IDS',
        params: expect.objectContaining({ list: 'blocking' }),
      }),
    );
  });

  it('refuses a malformed block.js or mute.js with the usual typed errors, naming the file', async () => {
    const dir = await tempDir();
    const cases: [string, string, string][] = [
      [
        'data/block.js',
        'window.YTD.block.part0 = [ { "blocking" : { "accountId" : "12", } } ]',
        'MALFORMED_ENTRY',
      ],
      [
        'data/block.js',
        'window.YTD.block.part0 = [ { "blocking" : { "accountId" : "12x" } } ]',
        'INVALID_ID',
      ],
      ['data/mute.js', 'window.YTD.following.part0 = [ ]', 'WRONG_PREFIX'],
      // A follow entry in block.js is not a block: the entry key must be "blocking".
      [
        'data/block.js',
        'window.YTD.block.part0 = [ { "following" : { "accountId" : "12" } } ]',
        'MALFORMED_ENTRY',
      ],
      ['data/mute.js', 'window.YTD.mute.part0 = [ { "muting" : { "accountId" : "1" } }', 'MALFORMED_ENTRY'],
      ['data/block.js', '', 'EMPTY_FILE'],
    ];
    for (const [path, text, code] of cases) {
      const archive = await generateArchive(join(dir, `bad-${code}-${basename(path)}.zip`), {
        seed: 145,
        blocks: 2,
        mutes: 2,
        overrides: { [path]: text },
      });
      const error = await readError(archive.paths);
      expect(error.code).toBe(code);
      expect(error.params.file).toBe(path);
    }
  });

  it('reads them in the browser too (File objects), from a zip and from loose files', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = { seed: 146, following: 10, followers: 10, blocks: 9, mutes: 4, parts: 2 };
    const zip = await generateArchive(join(dir, 'b.zip'), spec);
    const fromZip = await readArchive(
      await openArchiveFiles([new File([await readFile(zip.path)], 'b.zip')]),
    );
    expectSafetyLists(fromZip, spec);
    const loose = await generateArchive(join(dir, 'loose'), { ...spec, shape: 'files' });
    const files = await Promise.all(loose.paths.map(async (p) => new File([await readFile(p)], basename(p))));
    expectSafetyLists(await readArchive(await openArchiveFiles(files)), spec);
  });
});

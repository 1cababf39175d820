import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArchiveSpec, generateArchive } from '../../bench/gen/archive.ts';
import { expectMatchesSpec, readError, readPaths, tempDir } from './helpers.ts';

describe('part files', () => {
  it('reads part files listed in manifest.js, in order', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = { seed: 21, following: 250, followers: 1000, parts: 4 };
    const archive = await generateArchive(join(dir, 'parts.zip'), spec);
    const result = await readPaths(archive.paths);
    expectMatchesSpec(result, spec, archive.owner.accountId);
    expect(result.files).toContain('data/follower-part3.js');
    expect(result.warnings).toEqual([]);
  });

  it('finds part files by name when there is no manifest.js', async () => {
    const dir = await tempDir();
    for (const shape of ['zip', 'folder', 'files'] as const) {
      const spec: ArchiveSpec = {
        seed: 22,
        following: 120,
        followers: 1200,
        parts: 12,
        manifest: false,
        shape,
      };
      const archive = await generateArchive(join(dir, `no-manifest-${shape}`), spec);
      const result = await readPaths(archive.paths);
      expectMatchesSpec(result, spec, archive.owner.accountId);
      // part10 and part11 come after part9: numeric, not alphabetical, order
      expect(result.files.filter((file) => file.includes('follower')).at(-1)).toMatch(/follower-part11\.js$/);
    }
  });

  it('warns when manifest.js announces another count than found', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 23,
      following: 10,
      followers: 40,
      parts: 2,
      manifestCounts: { 'follower-part1.js': 99 },
    };
    const archive = await generateArchive(join(dir, 'count.zip'), spec);
    const result = await readPaths(archive.paths);
    expectMatchesSpec(result, spec, archive.owner.accountId);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'MANIFEST_COUNT_MISMATCH',
        params: { file: 'data/follower-part1.js', expected: 99, found: 20 },
      }),
    ]);
  });

  it('stops with MISSING_FILE when a part listed in manifest.js is absent', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 24,
      following: 10,
      followers: 40,
      parts: 3,
      overrides: { 'data/follower-part2.js': null },
    };
    const archive = await generateArchive(join(dir, 'gap.zip'), spec);
    const error = await readError(archive.paths);
    expect(error.code).toBe('MISSING_FILE');
    expect(error.message).toContain('data/follower-part2.js');
  });

  it('reads, with a warning, a part file manifest.js does not list', async () => {
    const dir = await tempDir();
    const extra = 'window.YTD.follower.part9 = [ {\n  "follower" : {\n    "accountId" : "77"\n  }\n} ]';
    const spec: ArchiveSpec = {
      seed: 25,
      following: 5,
      followers: 5,
      overrides: { 'data/follower-part9.js': extra },
    };
    const archive = await generateArchive(join(dir, 'unlisted.zip'), spec);
    const result = await readPaths(archive.paths);
    expect(result.followers.toArray().at(-1)).toBe('77');
    expect(result.warnings.map((warning) => warning.code)).toEqual(['UNLISTED_PART_FILE']);
  });

  it('warns and falls back to names when manifest.js cannot be parsed', async () => {
    const dir = await tempDir();
    const spec: ArchiveSpec = {
      seed: 26,
      following: 5,
      followers: 5,
      overrides: { 'data/manifest.js': 'window.__THAR_CONFIG = {' },
    };
    const archive = await generateArchive(join(dir, 'bad-manifest.zip'), spec);
    const result = await readPaths(archive.paths);
    expectMatchesSpec(result, spec, archive.owner.accountId);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['MANIFEST_UNREADABLE']);
  });
});

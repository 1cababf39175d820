import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArchiveSpec, generateArchive, listIds } from '../../bench/gen/archive.ts';
import { readPaths, tempDir } from './helpers.ts';

const V8_MAX_STRING_BYTES = 512 * 1024 * 1024;

describe('large lists', () => {
  it('streams a follower.js whose text is larger than the longest possible JS string', async () => {
    const dir = await tempDir();
    // ~150 bytes per expanded entry: 3.7 million entries make a ~550 MB file.
    const spec: ArchiveSpec = {
      seed: 61,
      following: 1,
      followers: 3_700_000,
      shape: 'folder',
      manifest: false,
    };
    const archive = await generateArchive(join(dir, 'large'), spec);
    const { size } = await stat(join(archive.path, 'data', 'follower.js'));
    expect(size).toBeGreaterThan(V8_MAX_STRING_BYTES);
    const result = await readPaths(archive.paths);
    expect(result.followers.size).toBe(spec.followers);
    // The generator's ids are unique by construction: compare both sequences in step.
    const expected = listIds(spec, 'follower');
    let index = 0;
    for (const id of result.followers) {
      const next = expected.next();
      if (next.value !== id) expect(`${index}: ${id}`).toBe(`${index}: ${next.value}`);
      index++;
    }
    expect(index).toBe(spec.followers);
  }, 180_000);
});

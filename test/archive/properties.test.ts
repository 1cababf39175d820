// Property-based tests of the archive reader (fast-check): on generated archives of every shape
// and on archives mutated byte by byte, it either reads them or throws an ArchiveError (a typed
// error the UI translates) — never anything else — and its memory stays within its bound.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/gen/archive.ts';
import { ArchiveError, type ArchiveResult } from '../../src/archive/index.ts';
import { expectedIds, readPaths, tempDir } from './helpers.ts';

/** Generous for inputs of a few kilobytes: what a length read from a damaged header might cost. */
const MEMORY_BOUND = 64 * 1024 * 1024;

/** Reads `paths`: the result, or the ArchiveError thrown; any other error fails the property. */
async function readOrTypedError(paths: string[]): Promise<ArchiveResult | ArchiveError> {
  const before = process.memoryUsage();
  let outcome: ArchiveResult | ArchiveError;
  try {
    outcome = await readPaths(paths);
  } catch (error) {
    if (!(error instanceof ArchiveError))
      throw new Error(`untyped error: ${String(error)}`, { cause: error });
    outcome = error;
  }
  const after = process.memoryUsage();
  const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  expect(grown).toBeLessThan(MEMORY_BOUND);
  return outcome;
}

const specs = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  following: fc.integer({ min: 0, max: 40 }),
  followers: fc.integer({ min: 0, max: 40 }),
  layout: fc.constantFrom('compact' as const, 'expanded' as const),
  shape: fc.constantFrom('zip' as const, 'zip-nested' as const, 'folder' as const, 'files' as const),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  parts: fc.integer({ min: 1, max: 3 }),
  manifest: fc.boolean(),
});

/** Byte edits: overwrite, cut the end, or insert, at positions given as fractions of the length. */
const edits = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      byte: fc.integer({ min: 0, max: 255 }),
    }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    }),
  ),
  { minLength: 1, maxLength: 6 },
);

type Edit = typeof edits extends fc.Arbitrary<(infer T)[]> ? T : never;

function mutate(original: Uint8Array, changes: Edit[]): Uint8Array {
  let bytes = Uint8Array.from(original);
  for (const change of changes) {
    const at = Math.min(bytes.length, Math.floor(change.at * bytes.length));
    if (change.kind === 'set' && at < bytes.length) bytes[at] = change.byte;
    else if (change.kind === 'cut') bytes = bytes.slice(0, at);
    else if (change.kind === 'insert') {
      const grown = new Uint8Array(bytes.length + change.bytes.length);
      grown.set(bytes.subarray(0, at));
      grown.set(change.bytes, at);
      grown.set(bytes.subarray(at), at + change.bytes.length);
      bytes = grown;
    }
  }
  return bytes;
}

describe('archive reader properties', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it('reads every generated archive, of every shape and layout, exactly', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(specs, async (spec) => {
        const archive = await generateArchive(join(dir, `gen-${n++}`), spec);
        const outcome = await readOrTypedError(archive.paths);
        if (outcome instanceof ArchiveError) throw outcome; // a valid archive must read
        expect(outcome.owner.accountId).toBe(archive.owner.accountId);
        expect(outcome.following.toArray()).toEqual(expectedIds(spec, 'following'));
        expect(outcome.followers.toArray()).toEqual(expectedIds(spec, 'follower'));
      }),
      { numRuns: 20 },
    );
  });

  for (const shape of ['zip', 'files'] as const) {
    it(`throws only ArchiveErrors on mutated ${shape} archives`, async () => {
      const archive = await generateArchive(join(dir, `base-${shape}`), {
        seed: 7,
        following: 30,
        followers: 30,
        shape,
      });
      const originals = await Promise.all(archive.paths.map((p) => readFile(p)));
      let n = 0;
      const outcomes = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: originals.length - 1 }), edits, async (which, changes) => {
          // Same file names as the original (the reader recognises list files by name).
          const folder = join(dir, `mut-${shape}-${n++}`);
          await mkdir(folder);
          const paths = archive.paths.map((p) => join(folder, basename(p)));
          await Promise.all(
            paths.map((p, i) => {
              const original = originals[i] as Uint8Array;
              return writeFile(p, i === which ? mutate(original, changes) : original);
            }),
          );
          const outcome = await readOrTypedError(paths);
          outcomes.add(outcome instanceof ArchiveError ? outcome.code : 'read');
        }),
        { numRuns: 150 },
      );
      // Several outcomes: the mutations reach the reader's parsing, not only its door.
      expect(outcomes.size).toBeGreaterThan(1);
    });
  }
});

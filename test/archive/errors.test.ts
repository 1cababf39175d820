import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/gen/archive.ts';
import {
  badIdText,
  corruptEntryData,
  malformedEntryText,
  writeGrailbirdArchive,
  writeHighRatioBomb,
  writeSizeLieBomb,
  writeTruncatedCopy,
  wrongPrefixText,
} from '../../bench/gen/bad-inputs.ts';
import { readError, readPaths, tempDir } from './helpers.ts';

describe('bad inputs', () => {
  it('NOT_A_ZIP for a file that is neither a zip nor an archive .js file', async () => {
    const dir = await tempDir();
    const pdf = join(dir, 'archive.zip');
    await writeFile(pdf, '%PDF-1.7 not a zip at all');
    const error = await readError([pdf]);
    expect(error.code).toBe('NOT_A_ZIP');
    expect(error.params.file).toBe(pdf);
    expect(error.message).toContain('Download an archive of your data');
    const notes = join(dir, 'notes.js');
    await writeFile(notes, 'console.log(1)');
    expect((await readError([notes])).code).toBe('NOT_A_ZIP');
  });

  it('EMPTY_FILE for a zero-byte input and for a zero-byte list file', async () => {
    const dir = await tempDir();
    const empty = join(dir, 'empty.zip');
    await writeFile(empty, '');
    expect((await readError([empty])).code).toBe('EMPTY_FILE');
    const archive = await generateArchive(join(dir, 'folder'), {
      shape: 'folder',
      overrides: { 'data/follower.js': '' },
    });
    const error = await readError(archive.paths);
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.params.file).toBe('data/follower.js');
  });

  it('CORRUPT_ZIP for a zip cut in half', async () => {
    const dir = await tempDir();
    const archive = await generateArchive(join(dir, 'whole.zip'), { following: 100, followers: 2000 });
    const cut = join(dir, 'cut.zip');
    await writeTruncatedCopy(archive.path, cut);
    const error = await readError([cut]);
    expect(error.code).toBe('CORRUPT_ZIP');
    expect(error.message).toContain('cut.zip');
  });

  it('CORRUPT_ZIP for damaged entry data and for a wrong CRC', async () => {
    const dir = await tempDir();
    const archive = await generateArchive(join(dir, 'damaged.zip'), { following: 100, followers: 5000 });
    const entry = archive.entries.find((item) => item.name === 'data/follower.js');
    if (!entry) throw new Error('no follower.js entry');
    await corruptEntryData(archive.path, entry);
    const damaged = await readError(archive.paths);
    expect(damaged.code).toBe('CORRUPT_ZIP');
    expect(damaged.message).toContain('data/follower.js');
    const crc = await generateArchive(join(dir, 'crc.zip'), {
      zipLies: { 'data/following.js': { crc: 0x1234 } },
    });
    expect((await readError(crc.paths)).code).toBe('CORRUPT_ZIP');
  });

  it('CORRUPT_ZIP for a zip whose central directory is damaged', async () => {
    const dir = await tempDir();
    const archive = await generateArchive(join(dir, 'cd.zip'), { following: 10, followers: 10 });
    const { open } = await import('node:fs/promises');
    const handle = await open(archive.path, 'r+');
    const at = archive.bytes - 22 - 60; // inside the last central directory headers
    await handle.write(Buffer.alloc(40, 0xee), 0, 40, at);
    await handle.close();
    expect((await readError(archive.paths)).code).toBe('CORRUPT_ZIP');
  });

  it('MISSING_FILE names the missing file and says what an archive holds', async () => {
    const dir = await tempDir();
    for (const missing of ['data/account.js', 'data/following.js', 'data/follower.js']) {
      const archive = await generateArchive(join(dir, `${missing.replace(/\W/g, '-')}.zip`), {
        manifest: false,
        overrides: { [missing]: null },
      });
      const error = await readError(archive.paths);
      expect(error.code).toBe('MISSING_FILE');
      expect(error.params.file).toBe(missing);
      expect(error.message).toContain(missing);
      expect(error.message).toContain('Settings › Your account › Download an archive of your data');
    }
    const loose = await generateArchive(join(dir, 'loose'), { shape: 'files', manifest: false });
    const onlyFollowing = loose.paths.filter((path) => path.endsWith('following.js'));
    expect((await readError(onlyFollowing)).params.missing).toBe('data/account.js, data/follower.js');
  });

  it('WRONG_PREFIX for a list file holding another type or random JavaScript', async () => {
    const dir = await tempDir();
    const swapped = await generateArchive(join(dir, 'swapped.zip'), {
      overrides: { 'data/following.js': wrongPrefixText() },
    });
    const error = await readError(swapped.paths);
    expect(error.code).toBe('WRONG_PREFIX');
    expect(error.params).toMatchObject({ file: 'data/following.js', expected: 'following' });
    expect(error.message).toContain('window.YTD.follower.part0');
    const random = await generateArchive(join(dir, 'random.zip'), {
      overrides: { 'data/follower.js': 'var x = 1;' },
    });
    expect((await readError(random.paths)).code).toBe('WRONG_PREFIX');
    const account = await generateArchive(join(dir, 'account.zip'), {
      overrides: { 'data/account.js': 'var x = 1;' },
    });
    expect((await readError(account.paths)).code).toBe('WRONG_PREFIX');
  });

  it('MALFORMED_ENTRY says file, entry, byte offset and line', async () => {
    const dir = await tempDir();
    const archive = await generateArchive(join(dir, 'malformed.zip'), {
      overrides: { 'data/following.js': malformedEntryText() },
    });
    const error = await readError(archive.paths);
    expect(error.code).toBe('MALFORMED_ENTRY');
    expect(error.params).toMatchObject({ file: 'data/following.js', entry: 2, line: 10 });
    expect(error.message).toMatch(/data\/following\.js: entry 2 is malformed at byte \d+ \(line 10\)/);
  });

  it('INVALID_ID says file, position and the bad value, truncated', async () => {
    const dir = await tempDir();
    const archive = await generateArchive(join(dir, 'bad-id.zip'), {
      overrides: { 'data/following.js': badIdText('12ab') },
    });
    const error = await readError(archive.paths);
    expect(error.code).toBe('INVALID_ID');
    expect(error.params).toMatchObject({ file: 'data/following.js', entry: 3, value: '12ab' });
    const long = await generateArchive(join(dir, 'long-id.zip'), {
      overrides: { 'data/following.js': badIdText('9'.repeat(80)) },
    });
    const longError = await readError(long.paths);
    expect(longError.code).toBe('INVALID_ID');
    expect(String(longError.params.value).length).toBeLessThan(40);
  });

  it('ZIP_BOMB for a size lie, a suspicious ratio, and sizes over the limit', async () => {
    const dir = await tempDir();
    const lie = await writeSizeLieBomb(join(dir, 'lie.zip'));
    const lieError = await readError(lie.paths);
    expect(lieError.code).toBe('ZIP_BOMB');
    expect(lieError.params.file).toBe('data/follower.js');
    const ratio = await writeHighRatioBomb(join(dir, 'ratio.zip'), 64 * 1024 * 1024);
    const ratioError = await readError(ratio.paths);
    expect(ratioError.code).toBe('ZIP_BOMB');
    expect(Number(ratioError.params.ratio)).toBeGreaterThan(200);
    const normal = await generateArchive(join(dir, 'normal.zip'), { following: 10, followers: 5000 });
    const capped = await readError(normal.paths, { limits: { maxEntryBytes: 100_000 } });
    expect(capped.code).toBe('ZIP_BOMB');
    expect(capped.params).toMatchObject({ file: 'data/follower.js', limit: 100_000 });
    expect((await readPaths(normal.paths)).followers.size).toBe(5000);
  });

  it('GRAILBIRD for the old archive format, zipped or extracted', async () => {
    const dir = await tempDir();
    for (const shape of ['zip', 'folder'] as const) {
      const archive = await writeGrailbirdArchive(join(dir, `grailbird-${shape}`), shape);
      const error = await readError(archive.paths);
      expect(error.code).toBe('GRAILBIRD');
      expect(error.message).toContain('no list of who you follow');
    }
  });

  it('stops when the signal is aborted', async () => {
    const dir = await tempDir();
    const archive = await generateArchive(join(dir, 'abort.zip'), { following: 10, followers: 20_000 });
    const controller = new AbortController();
    const reading = readPaths(archive.paths, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.file.endsWith('follower.js')) controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(reading).rejects.toThrow('stopped by the user');
  });
});

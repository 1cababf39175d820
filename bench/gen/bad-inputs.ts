// Broken and hostile inputs for the error tests, built on the synthetic generator.

import { copyFile, open, truncate } from 'node:fs/promises';
import { type ArchiveSpec, type GeneratedArchive, generateArchive } from './archive.ts';
import { listFileText } from './content.ts';
import type { ZipEntryRecord } from './zip-writer.ts';

/** A copy of `source` cut to a share of its length, like an interrupted download. */
export async function writeTruncatedCopy(source: string, out: string, keep = 0.5): Promise<void> {
  await copyFile(source, out);
  const handle = await open(out, 'r');
  const { size } = await handle.stat();
  await handle.close();
  await truncate(out, Math.floor(size * keep));
}

/**
 * Overwrites the start of an entry's data with 0xff: for a deflated entry that is a block of the
 * reserved type 3 (always an invalid stream), for a stored one different bytes (a CRC mismatch).
 */
export async function corruptEntryData(zipPath: string, entry: ZipEntryRecord): Promise<void> {
  const handle = await open(zipPath, 'r+');
  try {
    const length = Math.min(16, entry.compressedSize);
    await handle.write(Buffer.alloc(length, 0xff), 0, length, entry.dataOffset);
  } finally {
    await handle.close();
  }
}

/** A follower.js that is a valid empty list padded with `inflatedBytes` of spaces: ratio ~1000:1. */
export function writeHighRatioBomb(
  out: string,
  inflatedBytes = 256 * 1024 * 1024,
): Promise<GeneratedArchive> {
  const content = function* () {
    yield Buffer.from('window.YTD.follower.part0 = [');
    const spaces = Buffer.alloc(1024 * 1024, 0x20);
    for (let done = 0; done < inflatedBytes; done += spaces.length) yield spaces;
    yield Buffer.from(']');
  };
  return generateArchive(out, { following: 10, followers: 0, overrides: { 'data/follower.js': content } });
}

/** A zip whose follower.js says it holds `declared` bytes but inflates to far more. */
export function writeSizeLieBomb(
  out: string,
  declared = 1000,
  spec: ArchiveSpec = {},
): Promise<GeneratedArchive> {
  return generateArchive(out, {
    following: 10,
    followers: 20_000,
    ...spec,
    zipLies: { 'data/follower.js': { size: declared } },
  });
}

/** The pre-2018 "Grailbird" archive: tweets only, no follow lists. */
export function writeGrailbirdArchive(
  out: string,
  shape: 'zip' | 'folder' = 'zip',
): Promise<GeneratedArchive> {
  const text = (value: string) => Buffer.from(value);
  return generateArchive(out, {
    shape,
    manifest: false,
    overrides: {
      'data/account.js': null,
      'data/following.js': null,
      'data/follower.js': null,
      'data/tweets.js': null,
      'data/README.txt': null,
      'tweets.csv': text('"tweet_id","in_reply_to_status_id","timestamp","text"\n'),
      'index.html': text('<!doctype html><title>Your Twitter archive</title>\n'),
      'data/js/user_details.js': text('var user_details = {"screen_name":"synthetic","id":"12"};\n'),
      'data/js/tweet_index.js': text('var tweet_index = [];\n'),
      'data/js/tweets/2015_01.js': text('Grailbird.data.tweets_2015_01 = [];\n'),
    },
  });
}

/** following.js holding the follower list (the prefix names the wrong type). */
export function wrongPrefixText(): string {
  return listFileText('follower', 0, ['12', '34'], { layout: 'expanded' });
}

/** A following.js whose second entry lacks its closing quote and brace. */
export function malformedEntryText(): string {
  const good = listFileText('following', 0, ['12', '34', '56'], { layout: 'expanded' });
  return good.replace('"accountId" : "34",', '"accountId" : "34" "oops",');
}

/** A following.js whose third entry has an accountId that is not digits. */
export function badIdText(value = '12ab'): string {
  const good = listFileText('following', 0, ['12', '34', '56'], { layout: 'compact' });
  return good.replace('"accountId" : "56"', `"accountId" : "${value}"`);
}

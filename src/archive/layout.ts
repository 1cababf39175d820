// Finds the archive's data files among the entry names, whatever folder they sit in:
// "data/…" (the zip from X), "<top>/data/…" (an extracted archive zipped again), or no folder
// (the data/ folder itself, or loose files).

import { grailbird, missingFile } from './errors.ts';
import type { ListType } from './scanner.ts';
import { isJunkEntry, type SourceEntry } from './source.ts';

const DATA_FILE = /^(account|manifest|(following|follower|block|mute)(-part\d+)?)\.js$/;
const PART_FILE = /^(following|follower|block|mute)(?:-part(\d+))?\.js$/;
const GRAILBIRD_MARKERS = [
  /(^|\/)data\/js\/user_details\.js$/,
  /(^|\/)tweets\.csv$/,
  /(^|\/)data\/js\/tweets\//,
];

export type DataFolder = {
  /** Folder prefix of the data files, "" or ending with "/". */
  dir: string;
  /** Data files of that folder by base name. */
  files: Map<string, SourceEntry>;
};

/** Whether the entry could be one of the data files readArchive reads (by its base name). */
export function isDataFileName(name: string): boolean {
  return DATA_FILE.test(splitName(name)[1]);
}

function splitName(name: string): [dir: string, base: string] {
  const slash = name.lastIndexOf('/');
  return [name.slice(0, slash + 1), name.slice(slash + 1)];
}

function folderScore(folder: DataFolder): number {
  const has = (type: string) => (hasType(folder, type) ? 1 : 0);
  return (
    4 * has('account') +
    2 * has('following') +
    2 * has('follower') +
    (folder.files.has('manifest.js') ? 1 : 0)
  );
}

function isGrailbird(entries: SourceEntry[]): boolean {
  return entries.some((entry) => GRAILBIRD_MARKERS.some((marker) => marker.test(entry.name)));
}

/** Picks the folder holding the data files; throws GRAILBIRD or MISSING_FILE when there is none. */
export function locateDataFolder(entries: SourceEntry[]): DataFolder {
  const folders = new Map<string, Map<string, SourceEntry>>();
  for (const entry of entries) {
    if (isJunkEntry(entry.name)) continue;
    const [dir, base] = splitName(entry.name);
    if (!DATA_FILE.test(base) || dir.split('/').length > 4) continue;
    const files = folders.get(dir) ?? new Map<string, SourceEntry>();
    folders.set(dir, files);
    files.set(base, entry);
  }
  let best: DataFolder | undefined;
  let bestScore = -1;
  for (const [dir, files] of folders) {
    const score = folderScore({ dir, files });
    if (score > bestScore || (score === bestScore && best && dir.length < best.dir.length)) {
      best = { dir, files };
      bestScore = score;
    }
  }
  const sample = entries
    .slice(0, 5)
    .map((entry) => entry.name)
    .join(', ');
  if (!best?.files.has('account.js') && isGrailbird(entries)) throw grailbird();
  if (!best) throw missingFile(['data/account.js', 'data/following.js', 'data/follower.js'], sample);
  const missing = ['account', 'following', 'follower']
    .filter((type) => !hasType(best, type))
    .map((type) => `data/${type}.js`);
  if (missing.length > 0) throw missingFile(missing, sample);
  return best;
}

function hasType(folder: DataFolder, type: string): boolean {
  if (type === 'account') return folder.files.has('account.js');
  for (const base of folder.files.keys()) if (PART_FILE.exec(base)?.[1] === type) return true;
  return false;
}

/** The list files of one type found by name: "<type>.js" first, then "-part1", "-part2"… */
export function listFilesByName(folder: DataFolder, type: ListType): SourceEntry[] {
  const parts: [number, SourceEntry][] = [];
  for (const [base, entry] of folder.files) {
    const match = PART_FILE.exec(base);
    if (match && match[1] === type) parts.push([match[2] === undefined ? 0 : Number(match[2]), entry]);
  }
  return parts.sort((a, b) => a[0] - b[0]).map(([, entry]) => entry);
}

/** Base name of a manifest fileName such as "data/following-part1.js". */
export function baseName(path: string): string {
  return splitName(path)[1];
}

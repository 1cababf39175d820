// account.js and manifest.js are small (a few KB): they are read whole and parsed with JSON.parse
// once their "window.… =" prefix is removed. List files never go through here.

import { emptyFile, invalidId, malformedEntry, wrongPrefix } from './errors.ts';
import type { ListType } from './scanner.ts';

export type ArchiveOwner = { accountId: string; username: string; displayName: string };

export type ManifestFile = { fileName: string; count: number | undefined };
export type Manifest = Record<ListType, ManifestFile[]>;

/** Largest account.js or manifest.js accepted; real ones are a few KB. */
export const SMALL_FILE_CAP = 8 * 1024 * 1024;

const ACCOUNT_PREFIX = /^\uFEFF?\s*window\.YTD\.account\.part\d+\s*=\s*/;
const MANIFEST_PREFIX = /^\uFEFF?\s*window\.__THAR_CONFIG\s*=\s*/;
const ID_PATTERN = /^\d{1,20}$/;

function stripTrailer(text: string): string {
  return text.replace(/;?\s*$/, '');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON.parse with an error that names the file, byte position and line. */
function parseJson(file: string, text: string, start: number): unknown {
  try {
    return JSON.parse(stripTrailer(text.slice(start)));
  } catch (error) {
    const match = /position (\d+)/.exec(String(error));
    const offset = start + (match ? Number(match[1]) : 0);
    throw malformedEntry(
      { file, entry: 1, offset, line: lineAt(text, offset) },
      `not valid JSON (${(error as Error).message})`,
    );
  }
}

function field(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  return typeof value === 'string' ? value : '';
}

export function parseAccount(file: string, text: string): ArchiveOwner {
  if (text.trim() === '' || text === '\uFEFF') throw emptyFile(file);
  const prefix = ACCOUNT_PREFIX.exec(text);
  if (!prefix)
    throw wrongPrefix(
      file,
      'account',
      text
        .replace(/^\uFEFF/, '')
        .trim()
        .slice(0, 40),
    );
  const parsed = parseJson(file, text, prefix[0].length);
  const first = Array.isArray(parsed) ? (parsed[0] as Record<string, unknown> | undefined) : undefined;
  const account = first?.account as Record<string, unknown> | undefined;
  const where = { file, entry: 1, offset: prefix[0].length, line: lineAt(text, prefix[0].length) };
  if (!account || typeof account !== 'object') {
    throw malformedEntry(where, 'expected [ { "account": { "accountId": …, "username": … } } ]');
  }
  const accountId = account.accountId;
  if (typeof accountId !== 'string' || !ID_PATTERN.test(accountId)) throw invalidId(where, String(accountId));
  const username = field(account, 'username');
  if (!username) throw malformedEntry(where, 'the account has no "username"');
  return { accountId, username, displayName: field(account, 'accountDisplayName') };
}

function manifestFiles(dataTypes: Record<string, unknown>, type: string): ManifestFile[] {
  const entry = dataTypes[type] as { files?: unknown } | undefined;
  if (!entry || !Array.isArray(entry.files)) return [];
  const files: ManifestFile[] = [];
  for (const item of entry.files as Record<string, unknown>[]) {
    if (!item || typeof item.fileName !== 'string') continue;
    const count = Number(item.count);
    files.push({ fileName: item.fileName, count: Number.isFinite(count) ? count : undefined });
  }
  return files;
}

/** Returns the list files the manifest declares, or throws a plain Error when it cannot be read. */
export function parseManifest(text: string): Manifest {
  const prefix = MANIFEST_PREFIX.exec(text);
  if (!prefix) throw new Error('it does not start with "window.__THAR_CONFIG ="');
  const config = JSON.parse(stripTrailer(text.slice(prefix[0].length))) as { dataTypes?: unknown };
  const dataTypes = config?.dataTypes;
  if (!dataTypes || typeof dataTypes !== 'object') throw new Error('it has no "dataTypes"');
  const types = dataTypes as Record<string, unknown>;
  return {
    following: manifestFiles(types, 'following'),
    follower: manifestFiles(types, 'follower'),
    block: manifestFiles(types, 'block'),
    mute: manifestFiles(types, 'mute'),
  };
}

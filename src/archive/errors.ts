// Errors and warnings of the archive reader. Codes and params are stable so the UI can translate
// them; the English message is for logs and the CLI.

export type ArchiveErrorCode =
  | 'NOT_A_ZIP'
  | 'EMPTY_FILE'
  | 'CORRUPT_ZIP'
  | 'MISSING_FILE'
  | 'WRONG_PREFIX'
  | 'MALFORMED_ENTRY'
  | 'INVALID_ID'
  | 'ZIP_BOMB'
  | 'GRAILBIRD';

export type ArchiveParams = Record<string, string | number>;

const WHAT_AN_ARCHIVE_IS =
  'An X archive is the zip you download from Settings › Your account › Download an archive of your data; ' +
  'it holds a data/ folder with account.js, following.js, follower.js and more. ' +
  'Give the zip itself, the extracted folder, or those .js files.';

export class ArchiveError extends Error {
  readonly code: ArchiveErrorCode;
  readonly params: ArchiveParams;

  constructor(code: ArchiveErrorCode, message: string, params: ArchiveParams = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ArchiveError';
    this.code = code;
    this.params = params;
  }
}

export function isArchiveError(error: unknown): error is ArchiveError {
  return error instanceof ArchiveError;
}

export function notAZip(file: string, reason = ''): ArchiveError {
  const why = reason ? ` ${reason}` : '';
  return new ArchiveError(
    'NOT_A_ZIP',
    `${file} is neither a zip file nor a file of an X archive.${why} ${WHAT_AN_ARCHIVE_IS}`,
    { file },
  );
}

export function emptyFile(file: string): ArchiveError {
  return new ArchiveError(
    'EMPTY_FILE',
    `${file} is empty (0 bytes). The download or the extraction was probably interrupted: ` +
      'download the archive from X again.',
    { file },
  );
}

export function corruptZip(file: string, detail: string, cause?: unknown): ArchiveError {
  return new ArchiveError(
    'CORRUPT_ZIP',
    `${file} is a damaged or incomplete zip (${detail}). ` +
      'Download the archive from X again and check the download finished.',
    { file, detail },
    { cause },
  );
}

export function missingFile(missing: string[], found: string): ArchiveError {
  const list = missing.join(', ');
  return new ArchiveError('MISSING_FILE', `The archive has no ${list}. ${WHAT_AN_ARCHIVE_IS}`, {
    file: missing[0] ?? '',
    missing: list,
    found,
  });
}

export function wrongPrefix(file: string, expected: string, found: string): ArchiveError {
  return new ArchiveError(
    'WRONG_PREFIX',
    `${file} should start with "window.YTD.${expected}.part0 = [" but starts with "${found}". ` +
      'This file is not the one an X archive has under that name: give the archive as X delivered it.',
    { file, expected, found },
  );
}

export type Position = { file: string; entry: number; offset: number; line: number };

export function malformedEntry(at: Position, detail: string): ArchiveError {
  return new ArchiveError(
    'MALFORMED_ENTRY',
    `${at.file}: entry ${at.entry} is malformed at byte ${at.offset} (line ${at.line}): ${detail}. ` +
      'The file was probably edited or damaged: download the archive from X again.',
    { ...at, detail },
  );
}

export function invalidId(at: Position, value: string): ArchiveError {
  const shown = value.length > 32 ? `${value.slice(0, 32)}…` : value;
  return new ArchiveError(
    'INVALID_ID',
    `${at.file}: entry ${at.entry} (byte ${at.offset}, line ${at.line}) has accountId "${shown}", ` +
      'which is not an X account id (1 to 20 digits). The file was probably edited: download the archive again.',
    { ...at, value: shown },
  );
}

export function zipBomb(file: string, detail: string, params: ArchiveParams = {}): ArchiveError {
  return new ArchiveError(
    'ZIP_BOMB',
    `${file} was refused: ${detail}. A genuine X archive never looks like this; ` +
      'download it from X again, or raise the limits if you trust this file.',
    { file, detail, ...params },
  );
}

export function grailbird(): ArchiveError {
  return new ArchiveError(
    'GRAILBIRD',
    'This is an old X (Twitter) archive (the pre-2018 "Grailbird" format with tweets.csv): it holds tweets ' +
      'but no list of who you follow or who follows you. Request a new archive from Settings › Your account › ' +
      'Download an archive of your data, and use that one.',
  );
}

export type ArchiveWarningCode =
  | 'MANIFEST_COUNT_MISMATCH'
  | 'MANIFEST_UNREADABLE'
  | 'DUPLICATE_IDS'
  | 'UNLISTED_PART_FILE';

export type ArchiveWarning = { code: ArchiveWarningCode; message: string; params: ArchiveParams };

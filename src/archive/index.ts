// The X archive reader, shared by the browser and Node. Open a source with ./node.ts
// (openArchivePaths) or ./browser.ts (openArchiveFiles), then call readArchive.

export type {
  ArchiveErrorCode,
  ArchiveParams,
  ArchiveWarning,
  ArchiveWarningCode,
  Position,
} from './errors.ts';
export { ArchiveError, isArchiveError } from './errors.ts';
export type { IdList } from './id-list.ts';
export { IdListBuilder } from './id-list.ts';
export type { ArchiveLimits, ArchiveProgress, ArchiveResult, ReadArchiveOptions } from './read.ts';
export { DEFAULT_LIMITS, readArchive } from './read.ts';
export type { ListLayout, ListType } from './scanner.ts';
export type { ArchiveOwner } from './small-files.ts';
export type { ArchiveSource, OpenOptions, SourceEntry, SourceKind } from './source.ts';

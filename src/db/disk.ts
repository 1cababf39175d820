// The embedded database's disk: how much is free in its folder, and the error that says, when a
// statement or the start-up fails on a full disk, which folder and how much space it needs.
import fs from 'node:fs/promises';

/** What the embedded database needs free to keep going: a 16 MB log segment, and room to grow. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

export class DatabaseDiskFullError extends Error {
  readonly code = 'DATABASE_DISK_FULL';
  readonly folder: string;
  readonly freeBytes: number;
  constructor(folder: string, freeBytes: number, cause: unknown) {
    super(
      `The disk holding the data folder ${folder} is full (${mebibytes(freeBytes)} MB free). ` +
        `Free at least ${mebibytes(MIN_FREE_BYTES)} MB there (more for a large archive: about 150 MB per ` +
        'million follow edges), then start again: what was acknowledged before is kept.',
      { cause },
    );
    this.name = 'DatabaseDiskFullError';
    this.folder = folder;
    this.freeBytes = freeBytes;
  }
}

export async function freeBytes(dir: string): Promise<number> {
  const s = await fs.statfs(dir);
  return s.bavail * s.bsize;
}

export function mebibytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024));
}

/**
 * The error a failed statement or start-up should carry: a full disk shows up as many things
 * (could not extend file, a PANIC at start-up, a broken portal), so the folder's free space
 * decides. Any other error is returned unchanged.
 */
export async function diagnoseDiskFull(folder: string, err: unknown): Promise<unknown> {
  if (err instanceof DatabaseDiskFullError) return err;
  const free = await freeBytes(folder).catch(() => Number.POSITIVE_INFINITY);
  const saysFull = (err as { code?: string })?.code === '53100';
  return free < MIN_FREE_BYTES || saysFull ? new DatabaseDiskFullError(folder, free, err) : err;
}

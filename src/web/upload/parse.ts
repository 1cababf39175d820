// The archive upload's heavy work happens off the event loop: parsing megabytes of JSON, checking
// millions of ids against the schema, removing duplicates and sorting them would hold every other
// request for seconds. A worker thread does it, one upload at a time (each holds its body and its
// lists in memory), and hands back the lists sorted in typed arrays.
import type { IdBatches } from '../../graph/ingest.ts';
import { type SortedIds, textOrderChunks } from '../../graph/sort-ids.ts';
import { runInWorker } from './run-in-worker.ts';
import type { LISTS, Upload } from './schema.ts';

export type ParsedUpload = Omit<Upload, (typeof LISTS)[number]> & Record<(typeof LISTS)[number], SortedIds>;

export type UploadParse = { ok: true; upload: ParsedUpload } | { ok: false; message: string };

/** The parser's heap: a 64 MiB body of ids parses well within it; past it the worker stops. */
const WORKER_HEAP_MB = 1536;

/** Parses and sorts an upload in a worker; the body is transferred (unusable here afterwards). */
export function parseUpload(body: ArrayBuffer, maxIds: number): Promise<UploadParse> {
  return runInWorker(new URL('./worker.ts', import.meta.url), body, maxIds, WORKER_HEAP_MB);
}

/** A sorted list as ingest takes it: staged as it is, a chunk at a time. */
export function sortedBatches(sorted: SortedIds): IdBatches {
  return {
    size: sorted.size,
    sorted: () => sorted,
    batches: (size: number) => textOrderChunks(sorted, size),
  };
}

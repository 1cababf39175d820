// The archive upload's heavy work happens off the event loop: parsing megabytes of JSON, checking
// millions of ids against the schema, removing duplicates and sorting them would hold every other
// request for seconds. A worker thread does it, one upload at a time (each holds its body and its
// lists in memory), and hands back the lists sorted in typed arrays.
import { Worker } from 'node:worker_threads';
import type { IdBatches } from '../../graph/ingest.ts';
import { type SortedIds, textOrderChunks } from '../../graph/sort-ids.ts';
import type { LISTS, Upload } from './schema.ts';

export type ParsedUpload = Omit<Upload, (typeof LISTS)[number]> & Record<(typeof LISTS)[number], SortedIds>;

export type UploadParse = { ok: true; upload: ParsedUpload } | { ok: false; message: string };

/** The parser's heap: a 64 MiB body of ids parses well within it; past it the worker stops. */
const WORKER_HEAP_MB = 1536;

let queue: Promise<unknown> = Promise.resolve();

/** Parses and sorts an upload in a worker; the body is transferred (unusable here afterwards). */
export function parseUpload(body: ArrayBuffer, maxIds: number): Promise<UploadParse> {
  const run = queue.then(() => inWorker(body, maxIds));
  queue = run.catch(() => {});
  return run;
}

function inWorker(body: ArrayBuffer, maxIds: number): Promise<UploadParse> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: { body, maxIds },
      transferList: [body],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    worker.once('message', (result: UploadParse) => {
      settled = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the upload parser stopped without an answer (exit code ${code})`));
    });
  });
}

/** A sorted list as ingest takes it: staged as it is, a chunk at a time. */
export function sortedBatches(sorted: SortedIds): IdBatches {
  return {
    size: sorted.size,
    sorted: () => sorted,
    batches: (size: number) => textOrderChunks(sorted, size),
  };
}

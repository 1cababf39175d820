// A part of an archive sent in parts (up to half a million ids, ~10 MB of JSON) is parsed,
// checked, digested and sorted in a worker thread: on the event loop that costs 0.5–1.5 s a part
// on a busy two-core machine (JSON.parse, the id check and the sort measured apart), during which
// no other request would be served. One part at a time: memory stays one part's worth.
import { z } from '@hono/zod-openapi';
import type { SortedIds } from '../../graph/sort-ids.ts';
import { runInWorker } from './run-in-worker.ts';
import { XId } from './schema.ts';

/** A part's body: one list's ids, checked as the single upload's (the route's description too). */
export const partSchema = (maxIds: number) => z.object({ ids: z.array(XId).min(1).max(maxIds) });

export type PartParse =
  | { ok: true; count: number; digest: string; ids: SortedIds }
  | { ok: false; message: string };

/** A part's body is at most a few tens of MiB: this heap holds it parsed with room to spare. */
const PART_WORKER_HEAP_MB = 256;

/** Parses `{"ids": [...]}` of at most `maxIds` ids; the body is transferred to the worker. */
export function parsePart(body: ArrayBuffer, maxIds: number): Promise<PartParse> {
  return runInWorker(new URL('./part-worker.ts', import.meta.url), body, maxIds, PART_WORKER_HEAP_MB);
}

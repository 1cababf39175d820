// Runs in a worker thread: parses one archive upload, checks it against the schema, removes
// duplicate ids and sorts both lists into compact runs (src/graph/sort-ids.ts). The server's
// event loop only receives the result, its typed arrays transferred, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import { IdListBuilder } from '../../archive/id-list.ts';
import { type SortedIds, sortedIdsOfHalves } from '../../graph/sort-ids.ts';
import type { ParsedUpload, UploadParse } from './parse.ts';
import { describeIssues, LISTS, uploadSchema } from './schema.ts';

function sortedList(ids: readonly string[]): SortedIds {
  const builder = new IdListBuilder();
  builder.reserve(ids.length);
  for (const id of ids) builder.add(id);
  const { hi, lo, fallback } = builder.build().packed();
  return sortedIdsOfHalves(hi, lo, fallback);
}

function parse(body: ArrayBuffer, maxIds: number): UploadParse {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { ok: false, message: describeIssues([{ path: [], message: 'Malformed JSON in request body' }]) };
  }
  const parsed = uploadSchema(maxIds).safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error.issues) };
  const { following, followers, blocking, muting, ...rest } = parsed.data;
  const upload: ParsedUpload = {
    ...rest,
    following: sortedList(following),
    followers: sortedList(followers),
    blocking: sortedList(blocking),
    muting: sortedList(muting),
  };
  return { ok: true, upload };
}

const { body, maxIds } = workerData as { body: ArrayBuffer; maxIds: number };
const result = parse(body, maxIds);
const buffers = result.ok
  ? LISTS.flatMap((list) => result.upload[list].groups).map((g) => g.buffer as ArrayBuffer)
  : [];
parentPort?.postMessage(result, buffers);

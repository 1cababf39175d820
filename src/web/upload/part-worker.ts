// Runs in a worker thread: parses one part of an archive sent in parts, checks its ids as the
// single upload does (src/web/upload/schema.ts), digests them in the order sent (a retried part
// must carry the same ids) and sorts them into compact runs (src/graph/sort-ids.ts).
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { sortedIds } from '../../graph/sort-ids.ts';
import { type PartParse, partSchema } from './part-parse.ts';
import { describeIssues } from './schema.ts';

function digestOf(ids: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of ids) hash.update(`${id}\n`);
  return hash.digest('base64url');
}

function parse(body: ArrayBuffer, maxIds: number): PartParse {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { ok: false, message: describeIssues([{ path: [], message: 'Malformed JSON in request body' }]) };
  }
  const parsed = partSchema(maxIds).safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error.issues) };
  const { ids } = parsed.data;
  return { ok: true, count: ids.length, digest: digestOf(ids), ids: sortedIds(ids) };
}

const { body, maxIds } = workerData as { body: ArrayBuffer; maxIds: number };
const result = parse(body, maxIds);
const buffers = result.ok ? new Set(result.ids.groups.map((g) => g.buffer as ArrayBuffer)) : [];
parentPort?.postMessage(result, [...buffers]);

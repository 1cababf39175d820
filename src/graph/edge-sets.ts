// Edge sets: an import's lists are written under their own set id while that set is hidden
// (x_edge_hidden), in bounded statements that each give the connection back, so other requests
// run between them; one short transaction then shows the new set and hides the one it replaces;
// hidden sets are deleted afterwards in bounded chunks. Readers only see the x_edges view.
import type { Database } from '../db/index.ts';
import { EDGE_BLOCKING, EDGE_FOLLOWER, EDGE_FOLLOWING, EDGE_MUTING } from '../db/schema.ts';
import type { IdBatches } from './ingest.ts';
import { type SortedIds, sortedIds, sortedIdsOfHalves, textOrderChunks } from './sort-ids.ts';

/**
 * Rows per statement on PGlite, which runs each statement on the main thread, holding the event
 * loop for its whole length: a 10,000-row insert took over a second on a loaded machine (2 cores,
 * load average 17), a 1,000-row one under 100 ms. Smaller statements let requests in between.
 */
const PGLITE_STATEMENT_ROWS = 2_000;

/** Rows per staging statement. PostgreSQL streams larger COPY chunks on one pool connection. */
export function stagingChunkRows(database: Database): number {
  return database.copyFrom ? 100_000 : PGLITE_STATEMENT_ROWS;
}

/** Gives the event loop a turn: queued requests (and their queries) go before the next chunk. */
export const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An archive's lists as staged: both follow lists, and its blocks and mutes when it has them. */
export interface EdgeLists {
  following: IdBatches;
  followers: IdBatches;
  blocking?: IdBatches;
  muting?: IdBatches;
}

/**
 * Writes every list under set `edgeSet`, sorted (appends, not random B-tree inserts), one chunk
 * per statement; only one chunk of a list is ever text at a time. `onChunk` returns false to stop
 * (the job was abandoned): staging then throws.
 */
export async function stageEdgeSet(
  database: Database,
  userId: number,
  edgeSet: number,
  lists: EdgeLists,
  onChunk: (done: number) => Promise<boolean>,
  chunkRows: number = stagingChunkRows(database),
): Promise<void> {
  let done = 0;
  for (const [direction, list] of [
    [EDGE_FOLLOWING, lists.following],
    [EDGE_FOLLOWER, lists.followers],
    [EDGE_BLOCKING, lists.blocking],
    [EDGE_MUTING, lists.muting],
  ] as const) {
    if (!list) continue;
    const pieces = textOrderChunks(sortedOf(list), Math.min(chunkRows, PIECE_ROWS));
    for (;;) {
      const written = await writeStatement(database, { userId, edgeSet, direction }, pieces, chunkRows);
      if (written === 0) break;
      done += written;
      if (!(await onChunk(done))) throw new Error('The import was abandoned before it was stored.');
      await yieldTurn();
    }
  }
}

/**
 * Rows turned into text at a time. A COPY statement streams several such pieces and gives the
 * event loop a turn between them: merging, checking and joining 100,000 ids at once held it for
 * 100 ms and more.
 */
const PIECE_ROWS = 10_000;

type Target = { userId: number; edgeSet: number; direction: number };

/** Writes the next `rows` ids (a piece more at most) in one statement; 0 when none are left. */
async function writeStatement(
  database: Database,
  target: Target,
  pieces: Iterator<string[]>,
  rows: number,
): Promise<number> {
  if (!database.copyFrom) {
    const ids = takeIds(pieces, rows);
    if (ids.length > 0) await insertRows(database, target, ids);
    return ids.length;
  }
  const first = pieces.next();
  if (first.done) return 0;
  let written = 0;
  // IDs are digits only (checked piece by piece): the COPY text format needs no escaping.
  const prefix = `${target.userId}\t${target.edgeSet}\t${target.direction}\t`;
  async function* text(): AsyncGenerator<string> {
    for (let piece = first; !piece.done; piece = pieces.next()) {
      assertXIds(piece.value);
      written += piece.value.length;
      yield `${prefix}${piece.value.join(`\n${prefix}`)}\n`;
      if (written >= rows) return;
      await yieldTurn();
    }
  }
  await database.copyFrom('COPY x_edge_rows (user_id, edge_set, direction, x_id) FROM STDIN', text());
  return written;
}

/** The next pieces, `rows` ids at least (unless the list ends), as one array. */
function takeIds(pieces: Iterator<string[]>, rows: number): string[] {
  const ids: string[] = [];
  while (ids.length < rows) {
    const piece = pieces.next();
    if (piece.done) break;
    for (const id of piece.value) ids.push(id);
  }
  return ids;
}

async function insertRows(database: Database, target: Target, ids: string[]): Promise<void> {
  assertXIds(ids);
  await database.query(
    `INSERT INTO x_edge_rows (user_id, edge_set, direction, x_id) SELECT $1, $2, $3, unnest($4::text[])`,
    [target.userId, target.edgeSet, target.direction, ids],
  );
}

/**
 * Inside the import's swap transaction: shows set `edgeSet` and hides whatever the user showed
 * before (the set of their previous import, and rows written outside imports, set 0).
 */
export async function showEdgeSet(tx: Database, userId: number, edgeSet: number): Promise<void> {
  await tx.query(
    `INSERT INTO x_edge_hidden (user_id, edge_set)
     SELECT $1, id FROM archive_import_jobs WHERE user_id = $1 AND state = 'stored' AND id <> $2
     UNION ALL
     SELECT $1, 0 WHERE EXISTS (SELECT 1 FROM x_edge_rows WHERE user_id = $1 AND edge_set = 0)
     ON CONFLICT DO NOTHING`,
    [userId, edgeSet],
  );
  await tx.query(
    `UPDATE archive_import_jobs SET state = 'replaced', updated_at = now()
      WHERE user_id = $1 AND state = 'stored' AND id <> $2`,
    [userId, edgeSet],
  );
  const shown = await tx.query(
    `UPDATE archive_import_jobs SET state = 'stored', done = total, updated_at = now()
      WHERE id = $1 AND user_id = $2 AND state = 'staging' RETURNING 1`,
    [edgeSet, userId],
  );
  if (shown.length === 0) throw new Error('The import was abandoned before it was stored.');
  await tx.query(`DELETE FROM x_edge_hidden WHERE user_id = $1 AND edge_set = $2`, [userId, edgeSet]);
}

/** Rows deleted per statement when clearing hidden sets (short statements, as for staging). */
function deleteChunkRows(database: Database): number {
  return database.copyFrom ? 10_000 : PGLITE_STATEMENT_ROWS;
}

/**
 * Deletes the rows of hidden sets nobody is still writing: replaced or failed imports, abandoned
 * ones, and set 0 once hidden. Each chunk is its own statement. Markers of finished jobs go an
 * hour later (a stalled writer that wakes up finds its job failed and stops before writing).
 */
export async function clearHiddenEdgeSets(database: Database, userId?: number): Promise<number> {
  const sets = await database.query<{ user_id: string; edge_set: string }>(
    `SELECT h.user_id, h.edge_set FROM x_edge_hidden h
       LEFT JOIN archive_import_jobs j ON j.id = h.edge_set
      WHERE ($1::bigint IS NULL OR h.user_id = $1) AND (h.edge_set = 0 OR j.id IS NULL OR j.state <> 'staging')`,
    [userId ?? null],
  );
  let deleted = 0;
  const chunk = deleteChunkRows(database);
  for (const set of sets) {
    for (;;) {
      const rows = await database.query(
        `DELETE FROM x_edge_rows WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM x_edge_rows WHERE user_id = $1 AND edge_set = $2 LIMIT ${chunk}))
         RETURNING 1`,
        [set.user_id, set.edge_set],
      );
      deleted += rows.length;
      if (rows.length < chunk) break;
      await yieldTurn();
    }
  }
  await database.query(
    `DELETE FROM x_edge_hidden h
      WHERE ($1::bigint IS NULL OR h.user_id = $1)
        AND (h.edge_set = 0 OR NOT EXISTS (
              SELECT 1 FROM archive_import_jobs j
               WHERE j.id = h.edge_set AND (j.state = 'staging' OR j.updated_at > now() - interval '1 hour')))
        AND NOT EXISTS (SELECT 1 FROM x_edge_rows r WHERE r.user_id = h.user_id AND r.edge_set = h.edge_set)`,
    [userId ?? null],
  );
  return deleted;
}

/**
 * Archives list IDs in no useful order; inserting them sorted turns random B-tree inserts into
 * appends on both edge indexes, several times faster on a large list. The sort keeps 8 bytes an
 * id (typed arrays), never a string per id.
 */
function sortedOf(list: IdBatches): SortedIds {
  const ready = list.sorted?.();
  if (ready) return ready;
  const packed = list.packed?.();
  if (packed) return sortedIdsOfHalves(packed.hi, packed.lo, packed.fallback);
  return sortedIds(each(list), list.size);
}

function* each(list: IdBatches): Iterable<string> {
  for (const batch of list.batches(10_000)) yield* batch;
}

const X_ID = /^[0-9]{1,20}$/;

/** The archive reader validates IDs already; this guards the COPY text format from anything else. */
function assertXIds(ids: string[]): void {
  for (const id of ids) {
    if (!X_ID.test(id)) throw new Error(`Not an X account id (1–20 digits): "${String(id).slice(0, 30)}"`);
  }
}

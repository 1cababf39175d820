// Import throughput: the archive read once, then stored into PGlite and PostgreSQL with
// Passerelle's ingest (COPY on PostgreSQL, unnest batches on PGlite), beside the plain
// INSERT-per-batch path and one INSERT per edge (on a sample) as baselines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readArchive } from '../../src/archive/index.ts';
import { openArchivePaths } from '../../src/archive/node.ts';
import { type Database, openDatabase } from '../../src/db/index.ts';
import { importArchiveForOwner } from '../../src/graph/ingest.ts';
import { scratchPostgres } from './scratch-postgres.ts';

export interface ImportRow {
  database: string;
  method: string;
  edgesPerSecond: number;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

export async function measureImports(zip: string): Promise<{ edges: number; rows: ImportRow[] }> {
  const source = await openArchivePaths([zip]);
  const archive = await readArchive(source);
  await source.close();
  const edges = archive.following.size + archive.followers.size;
  const rows: ImportRow[] = [];

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-pglite-'));
  const lite = await openDatabase({ kind: 'pglite', dataDir });
  rows.push({
    database: 'PGlite (data folder)',
    method: 'unnest batches (ours)',
    edgesPerSecond: edges / (await timed(() => importArchiveForOwner(lite, archive))),
  });
  await lite.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const scratch = await scratchPostgres();
  const db = await openDatabase({ kind: 'postgres', url: scratch.url });
  try {
    rows.push({
      database: 'PostgreSQL',
      method: 'COPY (ours)',
      edgesPerSecond: edges / (await timed(() => importArchiveForOwner(db, archive))),
    });
    await db.query('TRUNCATE x_edge_rows, x_edge_hidden, archive_import_jobs');
    const unnestOnly: Database = {
      ...db,
      copyFrom: undefined,
      transaction: (fn) => db.transaction((tx) => fn({ ...tx, copyFrom: undefined })),
    };
    rows.push({
      database: 'PostgreSQL',
      method: 'unnest batches',
      edgesPerSecond: edges / (await timed(() => importArchiveForOwner(unnestOnly, archive))),
    });
    await db.query('TRUNCATE x_edge_rows, x_edge_hidden, archive_import_jobs');
    rows.push({
      database: 'PostgreSQL',
      method: 'one INSERT per edge (naive, 20,000-edge sample)',
      edgesPerSecond: await rowByRow(db, archive.followers.toArray().slice(0, 20_000)),
    });
  } finally {
    await db.close();
    await scratch.drop();
  }
  return { edges, rows };
}

async function rowByRow(db: Database, ids: string[]): Promise<number> {
  const seconds = await timed(() =>
    db.transaction(async (tx) => {
      for (const id of ids)
        await tx.query('INSERT INTO x_edges (user_id, direction, x_id) VALUES ($1, 2, $2)', [1, id]);
    }),
  );
  return ids.length / seconds;
}

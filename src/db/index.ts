// Opens the database (PGlite embedded or PostgreSQL), applies migrations, and exposes one
// context object used everywhere: the Drizzle handle plus a raw query for bulk statements.
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { listenForBackups } from './backup-socket.ts';
import { type DatabaseConfig, redactUrl } from './config.ts';
import { diagnoseDiskFull } from './disk.ts';
import { type DataDirLockLostError, lockDataDir } from './lock.ts';
import { exitOnLockLost, guardPglite } from './pglite-guard.ts';
import * as schema from './schema.ts';

export { schema };
export type Schema = typeof schema;
export type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** The embedded database's folder (undefined in memory and on PostgreSQL). */
  readonly dataDir?: string;
  readonly db: Drizzle;
  /** Raw parameterised SQL, for statements Drizzle does not express well (unnest bulk inserts). */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /**
   * PostgreSQL only: streams text-format rows (tab-separated, newline-terminated) through
   * COPY, several times faster than INSERT for bulk loads. Undefined on PGlite.
   */
  copyFrom?: (copySql: string, chunks: Iterable<string> | AsyncIterable<string>) => Promise<void>;
  /**
   * The embedded database in a folder: a gzipped tar of its data directory, taken between
   * transactions (a crash-consistent copy). Undefined in memory and on PostgreSQL (pg_dump).
   */
  dump?: () => Promise<Uint8Array>;
  /** PostgreSQL only: the connection pool's live counts (for /metrics). */
  readonly poolStats?: {
    readonly totalCount: number;
    readonly idleCount: number;
    readonly waitingCount: number;
  };
  /** Runs fn in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Arbitrary constant: serialises migrations when several processes start at once.
const MIGRATION_LOCK_KEY = 7_421_337_001;

export interface OpenOptions {
  /**
   * Called when the embedded database's lock file no longer names this process: nothing more may
   * be written. Default: say so on stderr and exit, before answering anything else.
   */
  onLockLost?: (err: DataDirLockLostError) => void;
  /** Restore: an empty data folder is filled from this dump (see Database.dump) before opening. */
  loadDataDir?: Blob;
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPglite(config, options);
}

async function openPglite(
  config: Exclude<DatabaseConfig, { kind: 'postgres' }>,
  options: OpenOptions,
): Promise<Database> {
  if (config.kind === 'pglite-memory') {
    const client = new PGlite();
    const db = await migratedPglite(client);
    return pgliteContext(client, db, undefined, () => client.close());
  }
  const lock = await lockDataDir(config.dataDir);
  const client = new PGlite(
    path.join(config.dataDir, 'pglite'),
    options.loadDataDir ? { loadDataDir: options.loadDataDir } : undefined,
  );
  const stopGuard = guardPglite(client, {
    lock,
    folder: config.dataDir,
    onLockLost: options.onLockLost ?? exitOnLockLost,
  });
  try {
    const db = await migratedPglite(client).catch(async (err) => {
      throw await diagnoseDiskFull(config.dataDir, err);
    });
    const dump = () => dumpBetweenTransactions(client);
    const stopBackups = await listenForBackups(config.dataDir, dump);
    const database = pgliteContext(client, db, config.dataDir, async () => {
      await stopBackups();
      stopGuard();
      await client.close();
      await lock.release();
    });
    return { ...database, dump };
  } catch (err) {
    // A client that failed to start is not closed: its close() waits on a start that never ends.
    stopGuard();
    await lock.release();
    throw err;
  }
}

/** Holding the transaction queue: no transaction is half-way through when the files are read. */
function dumpBetweenTransactions(client: PGlite): Promise<Uint8Array> {
  return client.transaction(async () => {
    const tar = await client.dumpDataDir('gzip');
    return new Uint8Array(await tar.arrayBuffer());
  });
}

async function migratedPglite(client: PGlite): Promise<Drizzle> {
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Drizzle;
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS });
  return db;
}

type PgliteQueryable = Pick<PGlite, 'query'>;

function pgliteContext(
  client: PGlite,
  db: Drizzle,
  dataDir: string | undefined,
  close: () => Promise<void>,
): Database {
  const ctx = (q: PgliteQueryable, d: Drizzle): Database => ({
    kind: 'pglite',
    dataDir,
    db: d,
    query: async <R>(text: string, params?: unknown[]) => (await q.query<R>(text, params)).rows,
    // PGlite serves one connection: a nested transaction() reuses the outer one.
    transaction: async <T>(fn: (tx: Database) => Promise<T>) =>
      q === client
        ? client.transaction((tx) => fn(ctx(tx, drizzlePglite({ client: tx as never, schema }) as never)))
        : fn(ctx(q, d)),
    close,
  });
  return ctx(client, db);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  handleConnectionErrors(pool);
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot open PostgreSQL at ${redactUrl(url)}: ${reason}`, { cause: err });
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Drizzle;
  return postgresContext(pool, db, () => pool.end());
}

/**
 * A terminated backend or a reset socket makes a pg Client emit 'error'; unheard, Node kills the
 * process. The pool hears its idle clients; a checked-out client (a transaction, Drizzle's own)
 * is heard here, for its whole life. The query in flight fails on its own; the broken client is
 * not queryable any more and the pool drops it on release, then opens fresh ones on demand.
 */
function handleConnectionErrors(pool: pg.Pool): void {
  const report = (err: Error) =>
    process.stderr.write(
      `passerelle: PostgreSQL connection lost (${err.message}); reconnecting on demand.\n`,
    );
  // An idle client's error reaches both its own listener (reported) and the pool's.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', report);
  });
}

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

function postgresContext(q: pg.Pool | pg.PoolClient, db: Drizzle, close: () => Promise<void>): Database {
  return {
    kind: 'postgres',
    db,
    poolStats: q instanceof pg.Pool ? q : undefined,
    query: async <R>(text: string, params?: unknown[]) => (await q.query(text, params)).rows as R[],
    copyFrom: async (copySql, chunks) => {
      if (q instanceof pg.Pool) return withClient(q, (c) => copyThrough(c, copySql, chunks));
      return copyThrough(q, copySql, chunks);
    },
    transaction: async <T>(fn: (tx: Database) => Promise<T>) => {
      if (!(q instanceof pg.Pool)) return fn(postgresContext(q, db, close));
      const client = await q.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(postgresContext(client, drizzlePg({ client, schema }) as never, close));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close,
  };
}

async function withClient<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

async function copyThrough(
  client: pg.PoolClient,
  copySql: string,
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const stream = client.query(copyFromStream(copySql));
  await pipeline(Readable.from(chunks), stream);
}

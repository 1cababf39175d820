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
import { type DatabaseConfig, redactUrl } from './config.ts';
import { type DataDirLock, DataDirLockLostError, lockDataDir } from './lock.ts';
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
  copyFrom?: (copySql: string, chunks: Iterable<string>) => Promise<void>;
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
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPglite(config, options);
}

/** How often a serving process re-reads its lock file between queries (each query checks too). */
const LOCK_CHECK_MS = 1_000;

async function openPglite(
  config: Exclude<DatabaseConfig, { kind: 'postgres' }>,
  options: OpenOptions,
): Promise<Database> {
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (config.kind === 'pglite') {
    lock = await lockDataDir(config.dataDir);
    dataDir = path.join(config.dataDir, 'pglite');
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const client = new PGlite(dataDir);
    if (lock) {
      const assertHeld = lockGuard(lock, options.onLockLost ?? exitOnLockLost);
      guardQueries(client, assertHeld);
      timer = setInterval(assertHeld, LOCK_CHECK_MS).unref();
    }
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Drizzle;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS });
    return pgliteContext(client, db, config.kind === 'pglite' ? config.dataDir : undefined, async () => {
      clearInterval(timer);
      await client.close();
      await lock?.release();
    });
  } catch (err) {
    clearInterval(timer);
    await lock?.release();
    throw err;
  }
}

function lockGuard(lock: DataDirLock, onLost: (err: DataDirLockLostError) => void): () => void {
  return () => {
    try {
      lock.assertHeld();
    } catch (err) {
      if (err instanceof DataDirLockLostError) onLost(err);
      throw err;
    }
  };
}

function exitOnLockLost(err: DataDirLockLostError): never {
  process.stderr.write(`passerelle: ${err.message}\n`);
  process.exit(1);
}

/** Every statement, Drizzle's included, goes through these entry points: none runs unguarded. */
function guardQueries(client: PGlite, assertHeld: () => void): void {
  for (const name of ['query', 'exec', 'transaction'] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      assertHeld();
      return original(...args);
    };
  }
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

async function copyThrough(client: pg.PoolClient, copySql: string, chunks: Iterable<string>): Promise<void> {
  const stream = client.query(copyFromStream(copySql));
  await pipeline(Readable.from(chunks), stream);
}

// Every DB test runs on PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL too: each
// suite gets a fresh in-memory PGlite or a fresh PostgreSQL database, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, openDatabase } from '../../src/db/index.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** Connection string of the fresh PostgreSQL database (undefined on PGlite). */
  url?: string;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite-memory' });
    return { database, close: () => database.close() };
  }
  const { url, drop } = await createScratchPostgres();
  const database = await openDatabase({ kind: 'postgres', url });
  return {
    database,
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

export async function createScratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `passerelle_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(base, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(base, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** describe() once per database kind, names suffixed [pglite] / [postgres]. */
export function describeEachDatabase(
  name: string,
  body: (db: () => Database, kind: DatabaseKind) => void,
): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let handle: TestDatabase | undefined;
      beforeAll(async () => {
        handle = await openTestDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await handle?.close();
      });
      body(() => {
        if (!handle) throw new Error('database not opened');
        return handle.database;
      }, kind);
    });
  }
}

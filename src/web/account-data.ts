// Everything Passerelle holds about one user: exported as JSON, or deleted in one transaction.
// Tables are found by their user_id column, so tables added by other modules are covered too.

import type { Database } from '../db/index.ts';
import { EDGE_BLOCKING, EDGE_FOLLOWER, EDGE_FOLLOWING, EDGE_MUTING } from '../db/schema.ts';
import { withdrawTasksTo } from '../reconnect/tasks.ts';
import type { BeforeUserDelete } from './context.ts';

/** Columns never exported even though they belong to the user: secrets, encrypted or hashed. */
const SECRET_COLUMN = /credential|token|secret|hash|password/i;
/** Exported with their own shape below (x_edges is the view of the shown edge rows). */
const SPECIAL_TABLES = new Set(['users', 'x_edges', 'x_edge_rows', 'x_edge_hidden']);

async function userTables(database: Database): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM information_schema.columns
     WHERE column_name = 'user_id' AND table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function withoutSecrets(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !SECRET_COLUMN.test(key)));
}

async function edgeIds(database: Database, userId: number, direction: number): Promise<string[]> {
  const rows = await database.query<{ x_id: string }>(
    'SELECT x_id FROM x_edges WHERE user_id = $1 AND direction = $2 ORDER BY x_id',
    [userId, direction],
  );
  return rows.map((r) => r.x_id);
}

export interface AccountExport {
  exportedAt: string;
  user: Record<string, unknown>;
  xAccount: Record<string, unknown> | null;
  xFollowing: string[];
  xFollowers: string[];
  xBlocking: string[];
  xMuting: string[];
  tables: Record<string, Record<string, unknown>[]>;
}

export async function exportAccount(database: Database, userId: number): Promise<AccountExport | null> {
  return database.transaction(async (tx) => {
    const [user] = await tx.query<Record<string, unknown>>('SELECT * FROM users WHERE id = $1', [userId]);
    if (!user) return null;
    const [xAccount] = user.x_account_id
      ? await tx.query<Record<string, unknown>>('SELECT * FROM x_accounts WHERE id = $1', [user.x_account_id])
      : [];
    const tables: AccountExport['tables'] = {};
    for (const table of await userTables(tx)) {
      if (SPECIAL_TABLES.has(table)) continue;
      const rows = await tx.query<Record<string, unknown>>(
        `SELECT * FROM ${quoteIdent(table)} WHERE user_id = $1`,
        [userId],
      );
      tables[table] = rows.map(withoutSecrets);
    }
    return {
      exportedAt: new Date().toISOString(),
      user,
      xAccount: xAccount ?? null,
      xFollowing: await edgeIds(tx, userId, EDGE_FOLLOWING),
      xFollowers: await edgeIds(tx, userId, EDGE_FOLLOWER),
      xBlocking: await edgeIds(tx, userId, EDGE_BLOCKING),
      xMuting: await edgeIds(tx, userId, EDGE_MUTING),
      tables,
    };
  });
}

/**
 * Deletes every row of the user, and other people's unsent follows to them: hooks first (token revocation at the platforms), then the follow
 * edges (no foreign key), every table with a user_id, the rate-limit counters keyed by the user,
 * the X profile row their archive created when nobody else claims it, and the user row.
 */
export async function deleteAccount(
  database: Database,
  userId: number,
  hooks: BeforeUserDelete[] = [],
): Promise<boolean> {
  return database.transaction(async (tx) => {
    const [user] = await tx.query<{ x_account_id: string | null }>(
      'SELECT x_account_id FROM users WHERE id = $1 FOR UPDATE',
      [userId],
    );
    if (!user) return false;
    for (const hook of hooks) await hook(tx, userId);
    // Where others find this person: after deletion, nobody's unsent follow may still point there.
    const entries = await tx.query<{ x_id: string; platform: string; target: string }>(
      'SELECT x_id, platform, target FROM directory_entries WHERE user_id = $1',
      [userId],
    );
    await tx.query('DELETE FROM x_edges WHERE user_id = $1', [userId]);
    for (const table of await userTables(tx)) {
      if (table === 'users') continue;
      await tx.query(`DELETE FROM ${quoteIdent(table)} WHERE user_id = $1`, [userId]);
    }
    await tx.query(`DELETE FROM rate_limit_buckets WHERE key LIKE $1`, [`%:user:${userId}`]);
    await tx.query('DELETE FROM users WHERE id = $1', [userId]);
    await withdrawTasksTo(
      tx,
      entries.map((e) => ({ xId: e.x_id, platform: e.platform, target: e.target, usable: false })),
    );
    if (user.x_account_id) {
      await tx.query(
        `DELETE FROM x_accounts a WHERE a.id = $1 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.x_account_id = a.id)`,
        [user.x_account_id],
      );
    }
    return true;
  });
}

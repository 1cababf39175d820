// Issue 9, finding 5: migration 0002 folds the users that shared an X id before the unique index
// existed. Replayed on a database holding such duplicates: the proven (else oldest) user keeps
// the X id and, lacking an archive, takes the newest of the others; linked accounts never move.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';

const MIGRATION = new URL('../../src/db/migrations/0002_one_user_per_x_id.sql', import.meta.url);

/** The migration's statements that fold duplicates and add the index (the column exists already). */
const foldStatements = () =>
  readFileSync(MIGRATION, 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s && !/ADD COLUMN/.test(s));

describeEachDatabase('migration 0002: one X id, one user', (db) => {
  it('keeps the proven or oldest user, moves an archive to a keeper without one, refuses nothing', async () => {
    await db().query('DROP INDEX users_x_account_id_unique');
    const user = async (xId: string | null, proven = false) => {
      const [row] = await db().query<{ id: string }>(
        `INSERT INTO users (x_account_id, x_proven_at) VALUES ($1, ${proven ? 'now()' : 'NULL'}) RETURNING id`,
        [xId],
      );
      return Number(row?.id);
    };
    const withArchive = async (userId: number, xId: string, edge: string) => {
      await db().query(
        `INSERT INTO archive_imports (user_id, x_account_id, following_count, follower_count, source_kind, layout)
         VALUES ($1, $2, 1, 0, 'zip', 'expanded')`,
        [userId, xId],
      );
      await db().query(`INSERT INTO x_edges (user_id, direction, x_id) VALUES ($1, 1, $2)`, [userId, edge]);
    };
    // X id 100: an imported claim (with an archive and a link) and a later proven sign-in.
    const claim = await user('100');
    await withArchive(claim, '100', '7');
    await db().query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle) VALUES ($1, 'bluesky', 'did:plc:c', 'c.test')`,
      [claim],
    );
    const proven = await user('100', true);
    // X id 200: two claims, both with an archive: the oldest keeps its own.
    const first = await user('200');
    await withArchive(first, '200', '8');
    const second = await user('200');
    await withArchive(second, '200', '9');
    const alone = await user('300');

    for (const statement of foldStatements()) await db().query(statement);

    const holders = await db().query<{ id: string; x_account_id: string | null }>(
      'SELECT id, x_account_id FROM users WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[claim, proven, first, second, alone]],
    );
    expect(holders.map((r) => [Number(r.id), r.x_account_id])).toEqual([
      [claim, null],
      [proven, '100'],
      [first, '200'],
      [second, null],
      [alone, '300'],
    ]);
    const edges = async (userId: number) =>
      (await db().query<{ x_id: string }>('SELECT x_id FROM x_edges WHERE user_id = $1', [userId])).map(
        (r) => r.x_id,
      );
    expect(await edges(proven)).toEqual(['7']);
    expect(await edges(first)).toEqual(['8']);
    expect(await edges(second)).toEqual(['9']);
    const [link] = await db().query<{ user_id: string }>(
      `SELECT user_id FROM linked_accounts WHERE account_id = 'did:plc:c'`,
    );
    expect(Number(link?.user_id)).toBe(claim);
    await expect(db().query(`INSERT INTO users (x_account_id) VALUES ('300')`)).rejects.toThrow(
      /duplicate key/,
    );
  });
});

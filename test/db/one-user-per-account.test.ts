// F3: migration 0001 on a database that already holds one network account linked to several
// users: the X-proven user keeps it (else the oldest link), the others are unlinked with their
// tokens forgotten, and the unique index then refuses a second live link.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';

const MIGRATION = path.resolve(
  import.meta.dirname,
  '../../src/db/migrations/0001_one_user_per_network_account.sql',
);

describeEachDatabase('migration 0001: one user per network account', (db) => {
  it('F3: keeps one live link per account (the proven user first), unlinks the rest, then refuses duplicates', async () => {
    // The database as it was before 0001: no index.
    await db().query('DROP INDEX IF EXISTS linked_accounts_platform_account_live_idx');
    const users = await db().query<{ id: string }>(
      `INSERT INTO users (x_proven_at) VALUES (NULL), (now()), (NULL), (NULL) RETURNING id`,
    );
    const [a, b, c, d] = users.map((u) => Number(u.id)) as [number, number, number, number];
    await db().query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle, status, credentials) VALUES
        ($1, 'bluesky', 'did:plc:shared', 'shared.test', 'active', 's1'),
        ($2, 'bluesky', 'did:plc:shared', 'shared.test', 'active', 's2'),
        ($3, 'bluesky', 'did:plc:shared', 'shared.test', 'needs_reauth', 's3'),
        ($4, 'bluesky', 'did:plc:alone', 'alone.test', 'active', 's4'),
        ($1, 'mastodon', 'host:1', 'a@host', 'active', 's5'),
        ($3, 'mastodon', 'host:1', 'a@host', 'active', 's6')`,
      [a, b, c, d],
    );
    for (const statement of readFileSync(MIGRATION, 'utf8').split('--> statement-breakpoint'))
      await db().query(statement);
    const rows = await db().query<{ user_id: string; platform: string; status: string; live: boolean }>(
      `SELECT user_id, platform, status, credentials IS NOT NULL AS live FROM linked_accounts
       WHERE user_id = ANY($1::bigint[]) ORDER BY platform, user_id`,
      [[a, b, c, d]],
    );
    expect(rows.map((r) => [Number(r.user_id), r.platform, r.status, r.live])).toEqual([
      [a, 'bluesky', 'unlinked', false],
      [b, 'bluesky', 'active', true],
      [c, 'bluesky', 'unlinked', false],
      [d, 'bluesky', 'active', true],
      [a, 'mastodon', 'active', true],
      [c, 'mastodon', 'unlinked', false],
    ]);
    await expect(
      db().query(
        `INSERT INTO linked_accounts (user_id, platform, account_id, handle) VALUES ($1, 'bluesky', 'did:plc:alone', 'x')`,
        [c],
      ),
    ).rejects.toThrow(/linked_accounts_platform_account_live_idx|duplicate key/);
  });
});

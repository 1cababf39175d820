// Pledges reached are marked and emailed once, through a real local SMTP server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { markReachedPledges, notifyReachedPledges, smtpSender } from '../../src/web/pledge-notify.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startSmtp } from '../support/smtp.ts';

/** A directory entry for xId: usable when the directory found them on a network. */
async function entry(database: Database, xId: string, usable: boolean): Promise<void> {
  await database.query(
    `INSERT INTO directory_entries (x_id, platform, target, handle, source, trusted, usable)
     VALUES ($1, 'bluesky', $2, $3, 'import', $4, $4)`,
    [xId, `did:plc:${xId}`, `u${xId}.test`, usable],
  );
}

async function user(database: Database, xId: string, proven: boolean, linked: boolean): Promise<number> {
  const [row] = await database.query<{ id: number }>(
    `INSERT INTO users (x_account_id, x_proven_at) VALUES ($1, ${proven ? 'now()' : 'NULL'}) RETURNING id::int AS id`,
    [xId],
  );
  const id = row?.id as number;
  if (linked) {
    await database.query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle) VALUES ($1, 'bluesky', $2, $3)`,
      [id, `did:plc:${xId}`, `u${xId}.test`],
    );
  }
  return id;
}

describeEachDatabase('pledge notifications', (db) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => new Promise<void>((done) => smtp.server.close(() => done())));

  it('emails a reached percent pledge once and marks a past date pledge', async () => {
    const database = db();
    const alice = await user(database, '100', false, false);
    await user(database, '201', true, true);
    await entry(database, '201', true); // here: the directory found them
    await user(database, '202', false, true);
    await entry(database, '202', false); // an untrusted entry: not here
    await database.query(
      `INSERT INTO x_edges (user_id, direction, x_id) VALUES ($1, 1, '201'), ($1, 1, '202'), ($1, 1, '203'), ($1, 1, '204')`,
      [alice],
    );
    await database.query(
      `INSERT INTO pledges (user_id, kind, percent, email) VALUES ($1, 'percent', 25, 'alice@example.org')`,
      [alice],
    );
    const bob = await user(database, '300', false, false);
    await database.query(`INSERT INTO x_edges (user_id, direction, x_id) VALUES ($1, 1, '202')`, [bob]);
    await database.query(
      `INSERT INTO pledges (user_id, kind, percent, email) VALUES ($1, 'percent', 10, 'bob@example.org')`,
      [bob],
    );
    const carol = await user(database, '400', false, false);
    await database.query(`INSERT INTO pledges (user_id, kind, leave_on) VALUES ($1, 'date', '2020-01-01')`, [
      carol,
    ]);

    const send = await smtpSender(
      `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
      'Passerelle <no-reply@passerelle.test>',
    );
    expect(await notifyReachedPledges(database, send)).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['alice@example.org']);
    expect(smtp.received[0]?.body).toContain('25% of the people you followed on X');
    const reached = await database.query<{ user_id: number }>(
      'SELECT user_id::int AS user_id FROM pledges WHERE reached_at IS NOT NULL ORDER BY user_id',
    );
    expect(reached.map((r) => r.user_id)).toEqual([alice, carol]);
    expect(await notifyReachedPledges(database, send)).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('checks every open percent pledge at once, reached exactly at its share and not below', async () => {
    const database = db();
    // Five people followed on X, three of them here (one entry on each network for 501).
    for (const x of ['501', '502', '503']) await entry(database, x, true);
    await database.query(
      `INSERT INTO directory_entries (x_id, platform, target, handle, source, trusted, usable)
       VALUES ('501', 'mastodon', 'u501@social.test', 'u501@social.test', 'import', true, true)`,
    );
    const follows = (id: number) =>
      database.query(
        `INSERT INTO x_edges (user_id, direction, x_id)
         SELECT $1, 1, x FROM unnest(ARRAY['501', '502', '503', '504', '505']) x`,
        [id],
      );
    const pledge = (id: number, percent: number) =>
      database.query(`INSERT INTO pledges (user_id, kind, percent) VALUES ($1, 'percent', $2)`, [
        id,
        percent,
      ]);
    const exactly = await user(database, '510', false, false);
    await follows(exactly);
    await pledge(exactly, 60); // 3 of 5 = 60 %: reached
    const above = await user(database, '511', false, false);
    await follows(above);
    await pledge(above, 61); // just above the share: not yet
    // Their own entry is not counted: 502 is theirs, so 2 of 5 (40 %) for them.
    const own = await user(database, '502', false, false);
    await follows(own);
    await pledge(own, 50);
    const noArchive = await user(database, '512', false, false);
    await pledge(noArchive, 1); // nobody followed on X: never reached
    const before = await database.query<{ user_id: number }>(
      `SELECT user_id::int AS user_id FROM pledges WHERE reached_at IS NOT NULL`,
    );

    expect(await markReachedPledges(database)).toBe(1);
    const reached = await database.query<{ user_id: number }>(
      `SELECT user_id::int AS user_id FROM pledges WHERE reached_at IS NOT NULL AND NOT (user_id = ANY($1::bigint[]))`,
      [before.map((r) => r.user_id)],
    );
    expect(reached.map((r) => r.user_id)).toEqual([exactly]);
    expect(await markReachedPledges(database)).toBe(0);
  });
});

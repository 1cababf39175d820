// Download-my-data and delete-everything, and the rate limits on sign-in and upload.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createApp } from '../../src/web/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';

async function seedLinksAndTasks(database: Database, userId: number, tag: string): Promise<void> {
  await database.query(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle, credentials)
     VALUES ($1, 'bluesky', $2, $3, 'k1:secret-ciphertext')`,
    [userId, `did:plc:${tag}`, `${tag}.test`],
  );
  await database.query(
    `INSERT INTO follow_tasks (user_id, platform, target, target_x_id, state) VALUES ($1, 'bluesky', 'did:plc:x', '12', 'done')`,
    [userId],
  );
}

/** Rows mentioning the user in any table with a user_id column, plus x_edges and rate limits. */
async function rowsLeftFor(database: Database, userId: number, xId: string): Promise<Record<string, number>> {
  const tables = await database.query<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM information_schema.columns
     WHERE column_name = 'user_id' AND table_schema = current_schema()`,
  );
  const left: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE user_id = $1`,
      [userId],
    );
    left[table_name] = row?.n ?? 0;
  }
  const count = async (sql: string, params: unknown[]) =>
    (await database.query<{ n: number }>(sql, params))[0]?.n ?? 0;
  left.users = await count('SELECT count(*)::int AS n FROM users WHERE id = $1', [userId]);
  left.x_accounts = await count('SELECT count(*)::int AS n FROM x_accounts WHERE id = $1', [xId]);
  left.rate_limit_buckets = await count(
    'SELECT count(*)::int AS n FROM rate_limit_buckets WHERE key LIKE $1',
    [`%:user:${userId}`],
  );
  return left;
}

describeEachDatabase('account data', (db) => {
  it('exports all of my data and none of anyone else’s, without secrets', async () => {
    const app = createApp({ database: db() });
    const alice = new TestBrowser(app);
    const bob = new TestBrowser(app);
    const aliceId = await alice.signIn();
    const bobId = await bob.signIn();
    await alice.request('POST', '/api/archive', { body: archiveBody('501', ['11', '12'], ['21']) });
    await bob.request('POST', '/api/archive', { body: archiveBody('502', ['99'], []) });
    await seedLinksAndTasks(db(), aliceId, 'alice');
    await seedLinksAndTasks(db(), bobId, 'bob');
    const res = await alice.request('GET', '/api/account/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const data = (await res.json()) as {
      user: { id: number; x_account_id: string };
      xFollowing: string[];
      xFollowers: string[];
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(Number(data.user.id)).toBe(aliceId);
    expect(data.xFollowing).toEqual(['11', '12']);
    expect(data.xFollowers).toEqual(['21']);
    expect(data.tables.linked_accounts?.[0]).toMatchObject({ handle: 'alice.test' });
    expect(data.tables.linked_accounts?.[0]).not.toHaveProperty('credentials');
    expect(data.tables.sessions?.[0]).not.toHaveProperty('token_hash');
    const text = JSON.stringify(data);
    expect(text).not.toContain('bob.test');
    expect(text).not.toContain('secret-ciphertext');
    expect(text).not.toContain('"99"');
  });

  it('deletes every row of the user and nothing of anyone else', async () => {
    const revoked: number[] = [];
    const app = createApp({
      database: db(),
      beforeUserDelete: [
        async (_tx, userId) => {
          revoked.push(userId);
        },
      ],
    });
    const carol = new TestBrowser(app);
    const dave = new TestBrowser(app);
    const carolId = await carol.signIn();
    const daveId = await dave.signIn();
    await carol.request('POST', '/api/archive', { body: archiveBody('601', ['602', '13'], ['602']) });
    await dave.request('POST', '/api/archive', { body: archiveBody('602', ['601'], ['601']) });
    await seedLinksAndTasks(db(), carolId, 'carol');
    await seedLinksAndTasks(db(), daveId, 'dave');
    await carol.request('PUT', '/api/pledge', {
      body: { kind: 'percent', percent: 30, email: 'c@example.org' },
    });
    await dave.request('PUT', '/api/pledge', { body: { kind: 'percent', percent: 30 } });
    const before = await rowsLeftFor(db(), carolId, '601');
    expect(before.x_edges).toBe(3);
    expect(before.sessions).toBe(1);
    expect(before.rate_limit_buckets).toBeGreaterThan(0);

    expect((await carol.request('DELETE', '/api/account')).status).toBe(204);
    expect(revoked).toEqual([carolId]);
    const after = await rowsLeftFor(db(), carolId, '601');
    expect(
      Object.values(after).every((n) => n === 0),
      JSON.stringify(after),
    ).toBe(true);
    expect(Object.keys(after)).toEqual(
      expect.arrayContaining(['sessions', 'pledges', 'follow_tasks', 'x_edges']),
    );
    // The cookie is dead and the browser is signed out.
    expect((await carol.session()).user).toBeNull();
    // Dave's data, including his edges toward Carol's X id, is untouched.
    const dave2 = await rowsLeftFor(db(), daveId, '602');
    expect(dave2).toMatchObject({
      users: 1,
      x_edges: 2,
      linked_accounts: 1,
      follow_tasks: 1,
      pledges: 1,
      x_accounts: 1,
    });
  });

  it('limits sign-ins per address and uploads per user', async () => {
    const app = createApp({
      database: db(),
      config: {
        trustProxy: 1,
        rateLimits: {
          signInPerIp: { limit: 2, windowSeconds: 3600 },
          signInPerUser: { limit: 100, windowSeconds: 3600 },
          uploadPerIp: { limit: 100, windowSeconds: 3600 },
          uploadPerUser: { limit: 2, windowSeconds: 3600 },
        },
      },
    });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const signInFrom = async (ip: string) => {
      const browser = new TestBrowser(app);
      await browser.session();
      return { browser, res: await browser.request('POST', '/api/session', from(ip)) };
    };
    expect((await signInFrom('203.0.113.7')).res.status).toBe(200);
    const { browser: user, res } = await signInFrom('203.0.113.7');
    expect(res.status).toBe(200);
    const refused = (await signInFrom('203.0.113.7')).res;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await signInFrom('198.51.100.1')).res.status).toBe(200);
    // Resuming an existing session is not counted.
    expect((await user.request('POST', '/api/session', from('203.0.113.7'))).status).toBe(200);

    const body = archiveBody('701', ['1'], []);
    expect((await user.request('POST', '/api/archive', { body, ...from('192.0.2.1') })).status).toBe(200);
    expect((await user.request('POST', '/api/archive', { body, ...from('192.0.2.2') })).status).toBe(200);
    expect((await user.request('POST', '/api/archive', { body, ...from('192.0.2.3') })).status).toBe(429);
  });

  it('refuses an upload body over the size cap with 413', async () => {
    const app = createApp({ database: db(), config: { maxUploadBytes: 1000 } });
    const browser = new TestBrowser(app);
    await browser.signIn();
    const ids = Array.from({ length: 200 }, (_, i) => String(1_000_000 + i));
    const res = await browser.request('POST', '/api/archive', { body: archiveBody('801', ids, []) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_TOO_LARGE');
  });
});

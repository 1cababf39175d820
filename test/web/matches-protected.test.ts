// The matches page's protection box (issue 14): Carol blocked Dan and muted Erin on X (her upload
// sends them as ids). Dan's archive says he followed her: he never sees her. Carol sees counts,
// names only when she asks, and answers the carry-over question once.
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { createApp } from '../../src/web/app.ts';
import type { Matches, ProtectedPeople } from '../../src/web/contracts.ts';
import { saidYesToBeingFound } from '../directory/fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';

const CAROL = '9007199254740995001';
const DAN = '9007199254740995002';
const ERIN = '9007199254740995003';

async function proveAndLink(database: Database, userId: number, xId: string, name: string) {
  await database.query(`INSERT INTO x_accounts (id, username) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [
    xId,
    name,
  ]);
  await database.query(`UPDATE users SET x_account_id = $2, x_proven_at = now() WHERE id = $1`, [
    userId,
    xId,
  ]);
  await database.query(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle, credentials)
     VALUES ($1, 'bluesky', $2, $3, 'sealed')`,
    [userId, `did:plc:${name}`, `${name}.test`],
  );
  await saidYesToBeingFound(database, userId);
  await onUserChanged(database, userId);
}

describeEachDatabase('web: people blocked and muted on X', (db) => {
  let carol: TestBrowser;
  let dan: TestBrowser;
  let carolId: number;

  beforeAll(async () => {
    const app = createApp({
      database: db(),
      config: {
        cookieSecure: false,
        rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never,
      },
    });
    carol = new TestBrowser(app);
    carolId = await carol.signIn();
    const upload = { ...archiveBody(CAROL, [], [DAN]), blocking: [DAN], muting: [ERIN] };
    expect((await carol.request('POST', '/api/archive', { body: upload })).status).toBe(200);
    await proveAndLink(db(), carolId, CAROL, 'carol');
    dan = new TestBrowser(app);
    const danId = await dan.signIn();
    expect((await dan.request('POST', '/api/archive', { body: archiveBody(DAN, [CAROL], []) })).status).toBe(
      200,
    );
    await proveAndLink(db(), danId, DAN, 'dan');
    const erin = new TestBrowser(app);
    const erinId = await erin.signIn();
    expect((await erin.request('POST', '/api/archive', { body: archiveBody(ERIN, [], []) })).status).toBe(
      200,
    );
    await proveAndLink(db(), erinId, ERIN, 'erin');
  });

  const page = async (browser: TestBrowser) =>
    (await (await browser.request('GET', '/api/matches')).json()) as Matches;

  it('the person blocked never sees the blocker; the blocker sees a count, not names', async () => {
    expect((await page(dan)).items).toEqual([]);
    const mine = await page(carol);
    expect(mine.items).toEqual([]);
    expect(mine.protected).toEqual({
      asked: false,
      carry: 'off',
      networks: [{ network: 'bluesky', blocked: 1, muted: 1, carried: 0 }],
    });
    expect(JSON.stringify(mine)).not.toContain('dan.test');
    const named = (await (await carol.request('GET', '/api/matches/protected')).json()) as ProtectedPeople;
    expect(named.people.map((p) => [p.handle, p.onX, p.carried])).toEqual([
      ['dan.test', 'blocked', null],
      ['erin.test', 'muted', null],
    ]);
    // Nobody else learns whom Carol blocked.
    expect((await (await dan.request('GET', '/api/matches/protected')).json()) as ProtectedPeople).toEqual({
      people: [],
    });
  });

  it('asks once: the answer is kept, and carrying over plans a block and a mute', async () => {
    const put = await carol.request('PUT', '/api/consents', {
      body: { carrySafety: true, blocksAsMutes: false },
    });
    expect(put.status).toBe(200);
    expect((await page(carol)).protected).toMatchObject({ asked: true, carry: 'block' });
    const rows = await db().query<{ target: string; kind: string }>(
      `SELECT target, kind FROM follow_tasks WHERE user_id = $1 ORDER BY target`,
      [carolId],
    );
    expect(rows).toEqual([
      { target: 'did:plc:dan', kind: 'block' },
      { target: 'did:plc:erin', kind: 'mute' },
    ]);
  });
});

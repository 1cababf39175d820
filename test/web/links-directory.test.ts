// Linking and unlinking through the web change the directory in the same transaction as the link
// itself: Carol, in automatic mode, followed Pat on X; when Pat links Mastodon she gets a follow
// task to him, and when the directory step fails (a trigger refuses its rows) nothing of the
// link is written — no account, no schedule, no task — and an unlink changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setConsents } from '../../src/directory/consent.ts';
import { recordXProof } from '../../src/identity/proof.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { link, person, tasksTo } from '../directory/fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { TestBrowser } from './client.ts';
import { linkMastodon as linkMastodonVia, mastodonLinkingApp } from './mastodon-link.ts';

let double: MastodonTestDouble;
beforeAll(async () => {
  double = new MastodonTestDouble();
  await double.start();
});
afterAll(() => double.stop());

describeEachDatabase('web: the directory hears of a link in the same transaction', (db) => {
  const vault = ephemeralVault();
  const app = () => mastodonLinkingApp(db(), vault);

  const linkMastodon = (browser: TestBrowser, as: DoubleAccount) => linkMastodonVia(double, browser, as);

  /** Pat, proven on X as `xId`, signed in on the web; Carol follows him on X, in automatic mode. */
  async function patAndCarol(xId: string) {
    const carol = await person(db(), `${xId}9`, { following: [xId] });
    await setConsents(db(), carol.userId, { autoFollow: true });
    await link(db(), carol, 'mastodon', `carol${xId}`);
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    await recordXProof(db(), { id: xId, username: `pat${xId}`, name: 'Pat' }, userId);
    // Pat lets the people who followed him on X find him (an answer, never a default).
    const consent = await browser.request('PUT', '/api/consents', { body: { discoverable: true } });
    expect(consent.status).toBe(200);
    return { browser, userId, carol };
  }

  const rowsOf = async (userId: number) => ({
    accounts: await db().query('SELECT status FROM linked_accounts WHERE user_id = $1', [userId]),
    schedules: await db().query('SELECT 1 FROM follow_schedules WHERE user_id = $1', [userId]),
    entries: await db().query('SELECT 1 FROM directory_entries WHERE user_id = $1', [userId]),
  });

  /** Makes every write to directory_entries fail while `fn` runs. */
  async function withDirectoryFailing<T>(fn: () => Promise<T>): Promise<T> {
    await db().query(
      `CREATE FUNCTION refuse_directory() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the directory is unavailable'; END $$`,
    );
    await db().query(
      `CREATE TRIGGER refuse_directory BEFORE INSERT OR UPDATE OR DELETE ON directory_entries
       FOR EACH ROW EXECUTE FUNCTION refuse_directory()`,
    );
    try {
      return await fn();
    } finally {
      await db().query('DROP TRIGGER refuse_directory ON directory_entries');
      await db().query('DROP FUNCTION refuse_directory()');
    }
  }

  it('links and fans out together: a follow task for Carol as soon as Pat is linked', async () => {
    const { browser, userId } = await patAndCarol('800001');
    const pat = double.addAccount(`pat${double.accounts.size}`);
    const back = await linkMastodon(browser, pat);
    expect(back.headers.get('location')).toBe('/signup?linked=mastodon');
    const target = `${pat.username}@${new URL(double.url).host}`.toLowerCase();
    expect(await tasksTo(db(), target)).toEqual([{ userId: expect.any(Number), state: 'pending' }]);
    expect(await rowsOf(userId)).toEqual({
      accounts: [{ status: 'active' }],
      schedules: [{ '?column?': 1 }],
      entries: [{ '?column?': 1 }],
    });
  });

  it('a failure in the directory step leaves nothing of the link behind, and linking again works', async () => {
    const { browser, userId } = await patAndCarol('800002');
    const pat = double.addAccount(`pat${double.accounts.size}`);
    const target = `${pat.username}@${new URL(double.url).host}`.toLowerCase();

    const failed = await withDirectoryFailing(() => linkMastodon(browser, pat));
    const back = new URL(failed.headers.get('location') ?? '', 'http://localhost');
    expect(back.pathname).toBe('/signup');
    expect(back.searchParams.get('error')).toBe('LINK_FAILED');
    expect(await rowsOf(userId)).toEqual({ accounts: [], schedules: [], entries: [] });
    expect(await tasksTo(db(), target)).toEqual([]);
    expect(
      ((await (await browser.request('GET', '/api/links')).json()) as { links: unknown[] }).links,
    ).toEqual([]);

    expect((await linkMastodon(browser, pat)).headers.get('location')).toBe('/signup?linked=mastodon');
    expect(await tasksTo(db(), target)).toHaveLength(1);
  });

  it('an unlink whose directory step fails changes nothing and keeps the token', async () => {
    const { browser, userId } = await patAndCarol('800003');
    const pat = double.addAccount(`pat${double.accounts.size}`);
    await linkMastodon(browser, pat);
    const target = `${pat.username}@${new URL(double.url).host}`.toLowerCase();
    const tokensBefore = [...double.tokens.values()].filter((t) => !t.revoked).length;

    const refused = await withDirectoryFailing(() => browser.request('DELETE', '/api/links/mastodon'));
    expect(refused.status).toBe(500);
    expect((await rowsOf(userId)).accounts).toEqual([{ status: 'active' }]);
    const [row] = await db().query<{ credentials: string | null }>(
      'SELECT credentials FROM linked_accounts WHERE user_id = $1',
      [userId],
    );
    expect(row?.credentials).toBeTruthy();
    expect([...double.tokens.values()].filter((t) => !t.revoked)).toHaveLength(tokensBefore);
    expect(await tasksTo(db(), target)).toHaveLength(1);

    // Unlinked for real: the entry goes, Carol's unsent follow to Pat with it.
    expect((await browser.request('DELETE', '/api/links/mastodon')).status).toBe(204);
    expect(await rowsOf(userId)).toMatchObject({ accounts: [{ status: 'unlinked' }], entries: [] });
    expect(await tasksTo(db(), target)).toEqual([]);
  });
});

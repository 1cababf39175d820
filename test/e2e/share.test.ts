// Bringing one's people along, in a real Chromium, in French at 360 px: the share step's ready
// posts and share links, the public page turned on in settings and seen by a visitor (404 before),
// the matches in pages with who they were on X, the statistics chart's legend in French, every
// page passing the accessibility audit; and no page showing text taken from its address.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { ensureUiBuilt } from '../../src/ui/build.ts';
import { saidYesToBeingFound } from '../directory/fixtures.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { axeViolations } from './axe.ts';
import {
  CHROMIUM,
  hasChromium,
  launchChromium,
  PAGES,
  type RunningApp,
  serveApp,
  sessionUser,
} from './browser.ts';

const ME_X = '9007199254740995000';
const FRIENDS = Array.from({ length: 30 }, (_, i) => `90071992547409951${String(i).padStart(2, '0')}`);
const MARK = 'ZQXINJECT';

if (!hasChromium) console.warn(`e2e skipped: no Chromium at ${CHROMIUM}`);

async function seedFriends(database: Database): Promise<void> {
  for (const [i, xId] of FRIENDS.entries()) {
    const [row] = await database.query<{ id: number }>(
      `INSERT INTO users (x_account_id, x_proven_at) VALUES ($1, now()) RETURNING id::int AS id`,
      [xId],
    );
    await saidYesToBeingFound(database, row?.id as number);
    await database.query(`INSERT INTO x_accounts (id, username, display_name) VALUES ($1, $2, $3)`, [
      xId,
      `ami${i}`,
      `Ami ${i}`,
    ]);
    await database.query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle, credentials)
       VALUES ($1, 'bluesky', $2, $3, 'sealed')`,
      [row?.id, `did:plc:ami${i}`, `ami${i}.test`],
    );
    await onUserChanged(database, row?.id as number);
  }
}

describe.skipIf(!hasChromium)('bring your people, in Chromium', () => {
  let handle: TestDatabase;
  let database: Database;
  let app: RunningApp;
  let browser: Browser;
  let me: { context: BrowserContext; page: Page };
  let myId: number;

  async function phone(locale = 'fr-FR'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 780 } });
    return { context, page: await context.newPage() };
  }

  /** The page is in French, fits 360 px and passes the accessibility audit. */
  async function audited(page: Page, name: string): Promise<void> {
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await axeViolations(page), name).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(360);
  }

  beforeAll(async () => {
    ensureUiBuilt();
    handle = await openTestDatabase('pglite');
    database = handle.database;
    app = await serveApp(database);
    browser = await launchChromium();
    await seedFriends(database);
    // Me: a session started by the browser, then an archive, a proof and a Bluesky account.
    me = await phone();
    await me.page.goto(app.url);
    myId = await sessionUser(me.page);
    await database.query(
      `INSERT INTO x_accounts (id, username, display_name) VALUES ($1, 'moi_sur_x', 'Moi')`,
      [ME_X],
    );
    await database.query(`UPDATE users SET x_account_id = $2, x_proven_at = now() WHERE id = $1`, [
      myId,
      ME_X,
    ]);
    await database.query(`INSERT INTO x_edges (user_id, direction, x_id) SELECT $1, 1, unnest($2::text[])`, [
      myId,
      FRIENDS,
    ]);
    await database.query(
      `INSERT INTO archive_imports (user_id, x_account_id, following_count, follower_count, source_kind, layout)
       VALUES ($1, $2, $3, 0, 'zip', 'expanded')`,
      [myId, ME_X, FRIENDS.length],
    );
    await database.query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle, credentials)
       VALUES ($1, 'bluesky', 'did:plc:moi', 'moi.test', 'sealed')`,
      [myId],
    );
    await onUserChanged(database, myId);
  }, 120_000);

  afterAll(async () => {
    await me?.context.close();
    await browser?.close();
    await app?.close();
    await handle?.close();
  });

  it('offers ready posts in French with share links, and Mastodon servers to join', async () => {
    const { page } = me;
    await page.goto(`${app.url}/signup`);
    await page.getByTestId('share-next').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Emmenez vos contacts');
    const post = page.getByTestId('share-post');
    await expect.poll(() => post.inputValue()).toBe('Je déménage : retrouvez-moi sur Bluesky (moi.test).');
    const hrefs = await page
      .locator('main a.button[target="_blank"]')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const text = encodeURIComponent('Je déménage : retrouvez-moi sur Bluesky (moi.test).');
    expect(hrefs).toEqual([
      `https://x.com/intent/post?text=${text}`,
      `https://bsky.app/intent/compose?text=${text}`,
    ]);
    // No Mastodon account: how to make one, and servers speaking French first.
    const servers = page.getByTestId('mastodon-servers');
    await servers.locator('li a').first().waitFor();
    expect(await servers.locator('li a').first().textContent()).toBe('piaille.fr');
    expect(await servers.textContent()).toContain('Créer un compte');
    await audited(page, 'share');

    // With a Mastodon account linked, the post goes to the person's own server's share page.
    await database.query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance, credentials)
       VALUES ($1, 'mastodon', 'social.example:1', 'moi@social.example', 'https://social.example', 'sealed')`,
      [myId],
    );
    await page.reload();
    await expect
      .poll(() => post.inputValue())
      .toBe('Je déménage : retrouvez-moi sur Bluesky (moi.test) et Mastodon (@moi@social.example).');
    const mastodon = await page.getByRole('link', { name: 'Le publier sur Mastodon' }).getAttribute('href');
    expect(mastodon).toMatch(/^https:\/\/social\.example\/share\?text=Je%20d%C3%A9m%C3%A9nage/);
    expect(await page.getByTestId('mastodon-servers').count()).toBe(0);
  }, 120_000);

  it('serves the public page only once turned on in settings, to a visitor in French', async () => {
    const visitor = await phone();
    const before = await visitor.page.goto(`${app.url}/@moi_sur_x`);
    expect(before?.status()).toBe(404);
    await visitor.page.getByTestId('people-not-found').waitFor();
    await audited(visitor.page, 'public page, off');

    const { page } = me;
    await page.goto(`${app.url}/settings`);
    const toggle = page.getByTestId('public-page');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await expect.poll(() => page.getByRole('link', { name: `${app.url}/@moi_sur_x` }).count()).toBe(1);
    await audited(page, 'settings');
    await page.goto(`${app.url}/share`);
    await expect
      .poll(() => page.getByTestId('share-post').inputValue())
      .toBe(
        `Je déménage : retrouvez-moi sur Bluesky (moi.test) et Mastodon (@moi@social.example). Venez aussi : ${app.url}/@moi_sur_x`,
      );

    const after = await visitor.page.goto(`${app.url}/@moi_sur_x`);
    expect(after?.status()).toBe(200);
    await expect.poll(() => visitor.page.locator('h1').textContent()).toBe('@moi_sur_x a quitté X');
    const accounts = visitor.page.getByTestId('people-accounts');
    expect(
      await accounts.locator('a').evaluateAll((l) => l.map((a) => (a as HTMLAnchorElement).href)),
    ).toEqual(['https://bsky.app/profile/moi.test', 'https://social.example/@moi']);
    await audited(visitor.page, 'public page, on');
    await visitor.context.close();
  }, 120_000);

  it('shows the matches in pages, with who they were on X, in French at 360 px', async () => {
    const { page } = me;
    await page.goto(`${app.url}/matches`);
    const list = page.getByTestId('matches-list');
    await list.waitFor();
    expect(await list.locator('li').count()).toBe(20);
    expect(await page.getByTestId('here').textContent()).toContain(
      '30 sur les 30 comptes que vous suiviez sur X sont sur Bluesky ou Mastodon',
    );
    expect(await list.locator('li').first().textContent()).toContain('Sur X : Ami 0 (@ami0)');
    await audited(page, 'matches');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await expect.poll(() => list.locator('li').count()).toBe(10);
    expect(await page.getByRole('navigation', { name: 'Pages de la liste' }).textContent()).toContain(
      '21 à 30 sur 30',
    );
    // Twenty rows at most: the page stays a phone's few screens long (a list of 30 was 7,089 px).
    expect(height).toBeLessThan(4500);
  }, 120_000);

  it('draws the statistics legend in French, with no English left', async () => {
    const { page } = me;
    await page.goto(`${app.url}/stats`);
    await page.locator('.chart canvas').waitFor();
    const legend = await page.locator('.u-legend').textContent();
    expect(legend).toContain('Jour');
    expect(legend).toContain('Personnes inscrites');
    expect(legend).not.toContain('Time');
    await audited(page, 'stats');
  }, 60_000);

  it('shows no text taken from the address on any page', async () => {
    const visitor = await phone();
    const routes = [...PAGES, '/share'];
    for (const browserPage of [visitor.page, me.page]) {
      for (const route of [...routes, `/@${MARK}`, '/@moi_sur_x']) {
        const query = `?error=${MARK}&message=${MARK}&handle=${MARK}&q=${MARK}&linked=${MARK}&platform=${MARK}`;
        await browserPage.goto(`${app.url}${route}${query}#${MARK}`);
        await browserPage.locator('main h1').waitFor();
        await browserPage.waitForLoadState('networkidle');
        const shown = await browserPage.evaluate(
          () =>
            `${document.body.innerText} ${[...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value).join(' ')}`,
        );
        expect(shown, route).not.toContain(MARK);
      }
    }
    await visitor.context.close();
  }, 120_000);
});

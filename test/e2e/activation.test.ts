// Activation day as a person sees it, in a real Chromium, in French and English: the countdown
// and what starts then on the landing, matches, progress and pledge pages, held follows named for
// the switch-on (not "the platform's limit") and counted on progress, dates in the page's language
// and the browser's time zone; then the moment itself, and the release after which it is gone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { clearActivation, releaseActivationIfDue, setActivation } from '../../src/directory/activation.ts';
import { setConsents } from '../../src/directory/consent.ts';
import { importArchiveForUser } from '../../src/graph/ingest.ts';
import { recordXProof } from '../../src/identity/proof.ts';
import { ensureUiBuilt } from '../../src/ui/build.ts';
import { archive, link, person } from '../directory/fixtures.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM, hasChromium, launchChromium, type RunningApp, serveApp, sessionUser } from './browser.ts';

if (!hasChromium) console.warn(`e2e skipped: no Chromium at ${CHROMIUM}`);

/** Makes the session user a proven X account in automatic mode, following two people who are here. */
async function preparePerson(database: Database, userId: number, base: string): Promise<void> {
  const xId = `${base}1`;
  const others = [`${base}2`, `${base}3`];
  await importArchiveForUser(database, userId, archive(xId, others));
  await recordXProof(database, { id: xId, username: 'waiting', name: 'Waiting' }, userId);
  await link(database, { userId, xId }, 'bluesky');
  await setConsents(database, userId, { autoFollow: true });
  for (const other of others)
    await link(database, await person(database, other, { proven: true }), 'bluesky');
}

describe.skipIf(!hasChromium)('activation day in Chromium (fr, en)', () => {
  let handle: TestDatabase;
  let database: Database;
  let app: RunningApp;
  let browser: Browser;
  const year = new Date().getUTCFullYear() + 1;
  // 18:00 in Paris, 17:00 in London (winter).
  const switchOn = new Date(`${year}-01-20T17:00:00Z`);

  beforeAll(async () => {
    ensureUiBuilt();
    handle = await openTestDatabase('pglite');
    database = handle.database;
    app = await serveApp(database);
    browser = await launchChromium();
    await setActivation(database, switchOn);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
  });

  const notice = (page: Page) => page.getByTestId('activation');

  it('shows the countdown and the held follows in French and English, in the reader’s time zone', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await page.goto(app.url);
    await preparePerson(database, await sessionUser(page), '730000000000000000');

    const cases = [
      {
        lang: 'fr',
        line: `Le 20 janvier ${year} à 18:00, vos 2 abonnements démarrent.`,
        countdown: /^Dans \d+\sjours/,
        held: `En attente de la mise en route, le 20 janvier ${year} à 18:00`,
      },
      {
        lang: 'en',
        line: `On January 20, ${year} at 6:00 PM your 2 follows start.`,
        countdown: /^In \d+\sdays/,
        held: `Waiting for the switch-on on January 20, ${year} at 6:00 PM`,
      },
    ];
    for (const c of cases) {
      await page.evaluate((lang) => localStorage.setItem('passerelle.lang', lang), c.lang);
      for (const route of ['/', '/pledge', '/matches', '/progress']) {
        await page.goto(`${app.url}${route}`);
        await expect
          .poll(() => notice(page).locator('p').first().textContent(), { message: route })
          .toBe(c.line);
        expect(await page.getByTestId('activation-countdown').textContent(), route).toMatch(c.countdown);
        expect(await axeViolations(page), `${c.lang} ${route}`).toEqual([]);
      }
      // Progress counts them, under their own name.
      expect(await page.getByTestId('held-bluesky').textContent()).toBe('2');
      expect(await page.locator('dt', { hasText: c.held }).count()).toBe(1);
      await page.goto(`${app.url}/matches`);
      await expect.poll(() => page.locator('.match .state').allTextContents()).toEqual([c.held, c.held]);
      expect(await page.getByText(/platform’s limit|limite de la plateforme/).count()).toBe(0);
    }
    await context.close();
  }, 180_000);

  it('at the moment the countdown says it is switching on, and after the release the follows are queued', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await page.goto(app.url);
    await preparePerson(database, await sessionUser(page), '740000000000000000');
    // Far enough ahead that the page is up before the moment, even on a loaded machine.
    const soon = new Date(Date.now() + 12_000);
    await setActivation(database, soon);
    await page.goto(`${app.url}/progress`);
    await expect
      .poll(() => page.getByTestId('activation-countdown').textContent())
      .toMatch(/^In \d+\sseconds?\.$/);
    await expect
      .poll(() => page.getByTestId('activation-countdown').textContent(), { timeout: 30_000 })
      .toBe('Switching on now: follows are starting.');

    expect(await releaseActivationIfDue(database, new Date())).toBeGreaterThanOrEqual(2);
    await page.goto(`${app.url}/matches`);
    await page.locator('.match .state').first().waitFor();
    expect(await notice(page).count()).toBe(0);
    expect(await page.locator('.match .state').allTextContents()).toEqual(['Queued', 'Queued']);
    await page.goto(app.url);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await notice(page).count()).toBe(0);
    await clearActivation(database);
    await context.close();
  }, 120_000);
});

// End-to-end in a real Chromium: the pages in both languages (screenshots at 360 px), the language
// switch, uploading a generated archive through the file input, the error shown for a bad archive,
// and deleting everything. Skips only when /usr/bin/chromium is absent.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/gen/archive.ts';
import type { Database } from '../../src/db/index.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM, hasChromium, type RunningApp } from './browser.ts';
import { type Lab, PAGES, startLab, visit } from './pages.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

if (!hasChromium) {
  console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let lab: Lab;
  let database: Database;
  let app: RunningApp;
  let browser: Browser;
  let tmp: string;

  beforeAll(async () => {
    lab = await startLab();
    ({ database, app, browser } = lab);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'passerelle-e2e-'));
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await lab?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function phone(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale,
      viewport: { width: 360, height: 780 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    return { context, page };
  }

  it('detects the browser language and shows every page in French and English at 360 px, accessible', async () => {
    for (const [locale, lang, title] of [
      ['fr-FR', 'fr', 'Quittez X sans perdre votre réseau'],
      ['en-GB', 'en', 'Leave X without losing your network'],
    ] as const) {
      const { context, page } = await phone(locale);
      await page.goto(app.url);
      await expect.poll(() => page.locator('h1').textContent()).toBe(title);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expect
        .poll(() => page.getByTestId('counter-users').locator('strong').textContent())
        .toMatch(/^\d/);
      for (const route of PAGES) {
        await visit(page, app.url, route);
        // Every control has an accessible name (a label, aria-label or its text).
        const unnamed = await page.evaluate(() =>
          [...document.querySelectorAll('input, select, button, a[href]')]
            .filter((el) => {
              const labels = (el as HTMLInputElement).labels;
              return !labels?.length && !el.getAttribute('aria-label') && !el.textContent?.trim();
            })
            .map((el) => el.outerHTML.slice(0, 80)),
        );
        expect(unnamed, route).toEqual([]);
        // WCAG 2.1 AA as axe-core checks it: contrast, labels, landmarks, language.
        expect(await axeViolations(page), `${lang} ${route}`).toEqual([]);
        // Nothing wider than the phone: no horizontal scrolling.
        expect(await page.evaluate(() => document.documentElement.scrollWidth), route).toBeLessThanOrEqual(
          360,
        );
        const name = route === '/' ? 'landing' : route.slice(1).replaceAll('/', '-');
        await page.screenshot({ path: path.join(SCREENSHOTS, `${lang}-${name}.png`), fullPage: true });
      }
      await context.close();
    }
  }, 180_000);

  it('a community page speaks French and English: counts, chart and how to join', async () => {
    for (const [locale, caption, join] of [
      ['fr-FR', 'Où en est la communauté', 'Rejoindre'],
      ['en-GB', 'Where the community stands', 'Join'],
    ] as const) {
      const { context, page } = await phone(locale);
      await page.goto(`${app.url}/communities/e2e-lab/join#not-a-real-token`);
      await expect.poll(() => page.locator('main h1').textContent()).toBe('E2E Lab');
      expect(await page.locator('caption').textContent()).toBe(caption);
      expect(await page.locator('main h2').first().textContent()).toBe(join);
      // The token in the address is never shown.
      expect(await page.locator('main').textContent()).not.toContain('not-a-real-token');
      await context.close();
    }
  }, 60_000);

  it('the accessibility audit sees what it must: an unlabelled field, text without contrast', async () => {
    const { context, page } = await phone('en-GB');
    await page.goto(`${app.url}/guide`);
    await page.locator('main h1').waitFor();
    await page.evaluate(() => {
      const main = document.querySelector('main') as HTMLElement;
      main.insertAdjacentHTML(
        'beforeend',
        '<input type="text"><p style="color:#ccc;background:#fff">faint</p>',
      );
    });
    const found = (await axeViolations(page)).map((v) => v.id);
    expect(found).toEqual(expect.arrayContaining(['label', 'color-contrast']));
    await context.close();
  }, 60_000);

  it('switches language from the header and remembers the choice', async () => {
    const { context, page } = await phone('en-US');
    await page.goto(`${app.url}/guide`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Leaving X: the guide');
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Quitter X : le guide');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Quitter X : le guide');
    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.getByLabel('Langue').selectOption('en');
    await expect.poll(() => page.getByRole('link', { name: 'Statistics' }).count()).toBe(1);
    await context.close();
  }, 60_000);

  it('shows the reader’s error for a bad archive in the page language, and stores nothing', async () => {
    const notes = path.join(tmp, 'notes.txt');
    await writeFile(notes, 'shopping list\n');
    const truncated = path.join(tmp, 'broken.zip');
    await writeFile(truncated, Buffer.from('PK\u0003\u0004 not really a zip'));
    const before = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_imports');
    for (const [locale, expected] of [
      ['fr-FR', '« notes.txt » n’est ni un zip ni un fichier d’archive X'],
      ['en-US', '“broken.zip” is damaged or incomplete'],
    ] as const) {
      const { context, page } = await phone(locale);
      await page.goto(`${app.url}/archive`);
      await page.getByTestId('archive-input').setInputFiles(locale === 'fr-FR' ? notes : truncated);
      const error = page.getByTestId('archive-error');
      await error.waitFor();
      expect(await error.textContent()).toContain(expected);
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${locale.slice(0, 2)}-archive-error.png`),
        fullPage: true,
      });
      await context.close();
    }
    const after = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_imports');
    expect(after).toEqual(before);
  }, 60_000);

  it('accepts the extracted files of an archive (account.js, following.js, follower.js)', async () => {
    const generated = await generateArchive(path.join(tmp, 'loose'), {
      seed: 43,
      following: 25,
      followers: 12,
      shape: 'files',
    });
    const { context, page } = await phone('fr-FR');
    await page.goto(`${app.url}/archive`);
    await page.getByTestId('archive-input').setInputFiles(generated.paths);
    const done = page.getByTestId('archive-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('les 25 comptes que vous suiviez et vos 12 abonnés');
    const [row] = await database.query<{ following_count: number; follower_count: number }>(
      `SELECT i.following_count, i.follower_count FROM users u JOIN archive_imports i ON i.user_id = u.id
        WHERE u.x_account_id = $1`,
      [generated.owner.accountId],
    );
    expect(row).toEqual({ following_count: 25, follower_count: 12 });
    await context.close();
  }, 60_000);

  it('uploads a generated archive through the file input, then deletes everything', async () => {
    const generated = await generateArchive(path.join(tmp, 'archive.zip'), {
      seed: 42,
      following: 1200,
      followers: 300,
    });
    const { context, page } = await phone('en-US');
    await page.goto(`${app.url}/archive`);
    await page.getByTestId('archive-input').setInputFiles(generated.path);
    const done = page.getByTestId('archive-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('the 1,200 accounts you followed and your 300 followers');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-archive-done.png'), fullPage: true });

    const [user] = await database.query<{ id: number; following_count: number }>(
      `SELECT u.id, i.following_count FROM users u JOIN archive_imports i ON i.user_id = u.id
       WHERE u.x_account_id = $1`,
      [generated.owner.accountId],
    );
    expect(user?.following_count).toBe(1200);
    // Only the lists were sent: the X edges are there, nothing else about the archive is stored.
    const edges = await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM x_edges WHERE user_id = $1',
      [user?.id],
    );
    expect(edges[0]?.n).toBe(1500);

    await page.getByRole('link', { name: 'Settings' }).click();
    // By keyboard only: focus the button, Enter; then the confirmation, Enter.
    await page.getByTestId('delete').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-delete').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('deleted').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'en-settings-deleted.png'), fullPage: true });
    const left = await database.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM users WHERE id = $1) + (SELECT count(*) FROM x_edges WHERE user_id = $1)
              + (SELECT count(*) FROM sessions WHERE user_id = $1))::int AS n`,
      [user?.id],
    );
    expect(left[0]?.n).toBe(0);
    await page.reload();
    await page.getByText('You have no session on this device yet.').waitFor();
    await context.close();
  }, 120_000);
});

// The languages in a real Chromium: Arabic detected from the browser, laid out right to left at
// 360 px on every page and accessible; the first text shown is already in the chosen language; the
// picker names each language in itself and its choice survives a reload. Skips only without Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../src/ui/locales/ar.ts';
import { en } from '../../src/ui/locales/en.ts';
import { LANGUAGES } from '../../src/ui/locales/index.ts';
import { axeViolations } from './axe.ts';
import { hasChromium, type RunningApp } from './browser.ts';
import { type Lab, PAGES, startLab, visit } from './pages.ts';

/** A language's strings and guide arrive as their own files: give them time on a busy machine. */
const SLOW = { timeout: 10_000 };

describe.skipIf(!hasChromium)('languages in Chromium', () => {
  let lab: Lab;
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    lab = await startLab();
    ({ app, browser } = lab);
  }, 120_000);

  afterAll(() => lab?.close());

  async function phone(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 780 } });
    // Every heading the page ever shows, from the first one: a flash of English would be caught here.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { headings: string[] }).headings = seen;
      new MutationObserver(() => {
        for (const h1 of document.querySelectorAll('h1')) {
          const text = h1.textContent ?? '';
          if (text && seen.at(-1) !== text) seen.push(text);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    return { context, page: await context.newPage() };
  }

  const headings = (page: Page) =>
    page.evaluate(() => (window as unknown as { headings: string[] }).headings);

  it('shows Arabic right to left on every page at 360 px, accessible, with no English first', async () => {
    const { context, page } = await phone('ar-EG');
    await page.goto(app.url);
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe(ar.landing.title);
    expect(await headings(page)).toEqual([ar.landing.title]);
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    // The layout is mirrored: text runs right to left and the brand sits at the right edge.
    expect(await page.locator('main').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const brand = await page.locator('.brand').boundingBox();
    expect(brand && brand.x + brand.width).toBeGreaterThan(300);
    for (const route of PAGES) {
      await visit(page, app.url, route);
      expect(await page.getAttribute('html', 'dir'), route).toBe('rtl');
      expect(await axeViolations(page), `ar ${route}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), route).toBeLessThanOrEqual(360);
      // No English heading on the way (the community's own name, E2E Lab, is no English word).
      expect(
        (await headings(page)).filter((text) => /[A-Za-z]{4}/.test(text)),
        route,
      ).toEqual([]);
    }
    await context.close();
  }, 180_000);

  it('lists each language by its own name and remembers the choice across reloads', async () => {
    const { context, page } = await phone('en-US');
    await page.goto(`${app.url}/guide`);
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Leaving X: the guide');
    const picker = page.getByTestId('language');
    const options = await picker
      .locator('option')
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute('value'), el.getAttribute('lang'), el.textContent]),
      );
    expect(options).toEqual(LANGUAGES.map((l) => [l.code, l.code, l.name]));

    await picker.selectOption('ar');
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('مغادرة X: الدليل');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('مغادرة X: الدليل');
    expect(await headings(page)).toEqual(['مغادرة X: الدليل']);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');

    await page.getByLabel(ar.language.label).selectOption('de');
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('X verlassen: die Anleitung');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await page.getByLabel('Sprache').selectOption('en');
    await expect.poll(() => page.getByRole('link', { name: en.nav.stats }).count(), SLOW).toBe(1);
    await context.close();
  }, 60_000);
});

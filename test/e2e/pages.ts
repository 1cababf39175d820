// What the page-walking browser tests share: the pages, each language in turn, and the app they
// walk (built, served on a PGlite database holding the e2e-lab community, and a Chromium).
import type { Browser, Page } from 'playwright-core';
import { createCommunity } from '../../src/communities/store.ts';
import type { Database } from '../../src/db/index.ts';
import { ensureUiBuilt } from '../../src/ui/build.ts';
import { NAV } from '../../src/ui/nav.ts';
import { openTestDatabase } from '../support/databases.ts';
import { launchChromium, type RunningApp, serveApp } from './browser.ts';

/** Every page of the navigation, and a community's own page. */
export const PAGES = [...NAV, '/communities/e2e-lab'];

/** Opens one of PAGES and waits until it has settled: its heading, its requests, its chart. */
export async function visit(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}${route}`);
  await page.locator('main h1').waitFor();
  await page.waitForLoadState('networkidle');
  if (route === '/stats' || route.startsWith('/communities/')) await page.locator('.chart canvas').waitFor();
}

export interface Lab {
  database: Database;
  app: RunningApp;
  browser: Browser;
  close(): Promise<void>;
}

export async function startLab(): Promise<Lab> {
  ensureUiBuilt();
  const handle = await openTestDatabase('pglite');
  await createCommunity(handle.database, { slug: 'e2e-lab', name: 'E2E Lab' });
  const app = await serveApp(handle.database);
  const browser = await launchChromium();
  return {
    database: handle.database,
    app,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await handle.close();
    },
  };
}

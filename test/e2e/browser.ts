// Debian's Chromium driven by playwright-core, and the app served on a local port for it.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Database } from '../../src/db/index.ts';
import { UI_DIST } from '../../src/ui/build.ts';
import { NAV } from '../../src/ui/nav.ts';
import { createApp, type WebContext } from '../../src/web/app.ts';

/** Every page of the navigation, for tests that visit them all. */
export const PAGES: readonly string[] = NAV;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Headless Chromium with a fresh profile (playwright creates a temporary user data dir per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export interface RunningApp {
  /** http://localhost:<port>: localhost is a secure context, so Secure __Host- cookies work. */
  url: string;
  close(): Promise<void>;
}

export async function serveApp(
  database: Database,
  extra: Omit<WebContext, 'database' | 'staticDir'> = {},
): Promise<RunningApp> {
  const app = createApp({ ...extra, database, staticDir: UI_DIST });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://localhost:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** The browser's session user (created through the API, as the pages do). */
export async function sessionUser(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // The page may start its own session at the same moment, which renews the CSRF token: ask
    // for a fresh token and try again then.
    for (let attempt = 1; ; attempt++) {
      const { csrfToken } = await (await fetch('/api/session')).json();
      const res = await fetch('/api/session', {
        method: 'POST',
        headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
      });
      const body = await res.json();
      if (body.user) return body.user.id as number;
      if (attempt === 3) throw new Error(`no session: ${res.status} ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
}

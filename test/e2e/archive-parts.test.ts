// The archive page sends lists larger than one part in parts, in a real Chromium: parts of 200
// ids here, so a generated archive of 1,500 ids takes eight, and the stored lists are exactly its.
// Its Cancel button cancels the upload on the server too.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/gen/archive.ts';
import { ensureUiBuilt } from '../../src/ui/build.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { hasChromium, launchChromium, type RunningApp, serveApp } from './browser.ts';

describe.skipIf(!hasChromium)('archive sent in parts from the archive page', () => {
  let handle: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let tmp: string;

  beforeAll(async () => {
    ensureUiBuilt();
    handle = await openTestDatabase('pglite');
    app = await serveApp(handle.database, { config: { uploadParts: { maxIds: 200, maxBytes: 64 * 1024 } } });
    browser = await launchChromium();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'passerelle-e2e-parts-'));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('sends the lists in parts and stores them whole', async () => {
    const generated = await generateArchive(path.join(tmp, 'archive.zip'), {
      seed: 44,
      following: 1200,
      followers: 300,
    });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${app.url}/archive`);
    await page.getByTestId('archive-input').setInputFiles(generated.path);
    const done = page.getByTestId('archive-done');
    await done.waitFor({ timeout: 90_000 });
    expect(await done.textContent()).toMatch(/les 1\s200 comptes que vous suiviez et vos 300 abonnés/);
    const [row] = await handle.database.query<{ user_id: number; parts: number; edges: number }>(
      `SELECT u.user_id, (SELECT count(*)::int FROM archive_upload_parts p WHERE p.job_id = u.job_id) AS parts,
              (SELECT count(*)::int FROM x_edges e WHERE e.user_id = u.user_id) AS edges
         FROM archive_uploads u JOIN archive_import_jobs j ON j.id = u.job_id WHERE j.state = 'stored'`,
    );
    expect(row).toMatchObject({ parts: 8, edges: 1500 });
    await context.close();
  }, 180_000);

  it('cancels the upload from its button: the server drops it, the page says so', async () => {
    const generated = await generateArchive(path.join(tmp, 'cancel.zip'), {
      seed: 45,
      following: 1200,
      followers: 300,
    });
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    // The second part waits until Cancel was pressed: the upload is caught half way.
    let release = () => {};
    const pressed = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/archive/uploads/*/following/1', async (route) => {
      await pressed;
      await route.continue();
    });
    await page.goto(`${app.url}/archive`);
    await page.getByTestId('archive-input').setInputFiles(generated.path);
    const cancel = page.getByTestId('archive-cancel');
    await cancel.waitFor({ timeout: 90_000 });
    const deleted = page.waitForResponse((res) => res.request().method() === 'DELETE');
    await cancel.click();
    expect((await deleted).status()).toBe(204);
    release();
    const cancelled = page.getByTestId('archive-cancelled');
    await cancelled.waitFor({ timeout: 30_000 });
    expect(await cancelled.textContent()).toMatch(/Upload cancelled/);
    const jobs = await handle.database.query<{ state: string; error: string | null }>(
      `SELECT j.state, j.error FROM archive_uploads u JOIN archive_import_jobs j ON j.id = u.job_id
        WHERE j.state <> 'stored'`,
    );
    expect(jobs).toEqual([{ state: 'failed', error: 'cancelled' }]);
    await context.close();
  }, 180_000);
});

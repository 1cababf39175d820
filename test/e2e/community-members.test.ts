// An organiser invites members from a CSV on the community's page, in a real Chromium, in French
// at 360 px: a file with a bad row adds nothing and names the line and why; ticking "skip" adds
// the valid rows. A member who is no organiser never sees the form. The page passes the audit.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganiser, findCommunity } from '../../src/communities/store.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM, hasChromium, sessionUser } from './browser.ts';
import { type Lab, startLab } from './pages.ts';

if (!hasChromium) console.warn(`e2e skipped: no Chromium at ${CHROMIUM}`);

const ORGANISER_X = '9007199254740997001';
const INVITED = ['9007199254740997002', '9007199254740997003'];

describe.skipIf(!hasChromium)('members file on a community page, in Chromium', () => {
  let lab: Lab;
  let tmp: string;

  beforeAll(async () => {
    lab = await startLab();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'passerelle-members-'));
  }, 120_000);

  afterAll(async () => {
    await lab?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A French phone whose session user proved `xId` on X; an organiser of e2e-lab if asked. */
  async function signedIn(xId: string, organiser: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await lab.browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await page.goto(lab.app.url);
    const userId = await sessionUser(page);
    await lab.database.query(`UPDATE users SET x_account_id = $2, x_proven_at = now() WHERE id = $1`, [
      userId,
      xId,
    ]);
    if (organiser)
      await addOrganiser(lab.database, (await findCommunity(lab.database, 'e2e-lab')).id, userId);
    await page.goto(`${lab.app.url}/communities/e2e-lab`);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    return { context, page };
  }

  const invitedCount = async () =>
    (
      await lab.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM community_members WHERE x_id = ANY($1::text[])`,
        [INVITED],
      )
    )[0]?.n;

  it('reports each refused line and adds nothing, then adds the valid rows when asked to skip', async () => {
    const file = path.join(tmp, 'membres.csv');
    await writeFile(file, `x_id,note\n${INVITED[0]},a\npas-un-id,b\n${INVITED[1]},c\n`);
    const { context, page } = await signedIn(ORGANISER_X, true);
    const form = page.getByTestId('members-upload');
    await form.getByLabel(/^Fichier CSV/).setInputFiles(file);
    await form.getByRole('button', { name: 'Vérifier et inviter' }).click();
    const report = page.getByTestId('members-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('Rien n’a été ajouté');
    expect(await page.getByTestId('members-refused').textContent()).toBe(
      'Ligne 3 : son x_id n’est pas un identifiant de compte X (1 à 20 chiffres).',
    );
    expect(await invitedCount()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await form.getByLabel(/^Ignorer les lignes refusées/).check();
    await form.getByRole('button', { name: 'Vérifier et inviter' }).click();
    await expect.poll(() => report.textContent()).toContain('C’est fait');
    expect(await invitedCount()).toBe(2);
    await context.close();
  }, 90_000);

  it('shows no members form to a signed-in person who is not an organiser', async () => {
    const { context, page } = await signedIn('9007199254740997009', false);
    expect(await page.locator('main h2').first().textContent()).toBe('Rejoindre');
    expect(await page.getByTestId('members-upload').count()).toBe(0);
    await context.close();
  }, 60_000);
});

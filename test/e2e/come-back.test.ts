// Coming back from any device, in a real Chromium against `passerelle serve`, a real Bluesky PDS
// and the Mastodon test double. Carol (in French) has no archive yet: she links Bluesky and
// Mastodon and proves her X account; until she answers the one question, Dan — whose archive
// says he followed her — does not see her; once she says yes, he does. Then, from a second
// browser, she signs in with Bluesky on the PDS's own pages and lands on the same account; from
// a third, with Mastodon; from settings she signs out everywhere else. Screenshots go to
// test-results/.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive, listIds, ownerFor } from '../../bench/gen/archive.ts';
import { listFileText } from '../../bench/gen/content.ts';
import type { BlueskyNetwork } from '../platforms/bluesky-network.ts';
import type { MastodonTestDouble } from '../support/mastodon-double/server.ts';
import type { ServeProcess } from '../support/serve-process.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM, hasChromium } from './browser.ts';
import { type Journey, SCREENSHOTS, startJourney } from './journey-server.ts';

describe.skipIf(!hasChromium)(
  `coming back from any device (Chromium at ${CHROMIUM}, serve, real PDS)`,
  () => {
    let tmp: string;
    let net: BlueskyNetwork;
    let mastodon: MastodonTestDouble;
    let app: ServeProcess;
    let browser: Browser;
    const carolOwner = ownerFor(8101);
    const danOwner = ownerFor(8102);

    let journey: Journey;
    beforeAll(async () => {
      journey = await startJourney('come-back', {
        id: carolOwner.accountId,
        username: 'carol',
        name: 'Carol',
      });
      ({ tmp, net, mastodon, app, browser } = journey);
    }, 180_000);
    afterAll(() => journey?.close());

    async function shot(page: Page, name: string): Promise<void> {
      await page.screenshot({ path: path.join(SCREENSHOTS, `come-back-${name}.png`), fullPage: true });
      if (page.url().startsWith(app.url)) expect(await axeViolations(page), name).toEqual([]);
    }

    /** The PDS's own sign-in and consent pages, then back to Passerelle. */
    async function throughPds(page: Page, password: string): Promise<void> {
      await page.waitForURL(`${net.url}/**`);
      await page.locator('input[name="password"]').fill(password);
      await page.locator('input[name="password"]').press('Enter');
      const authorize = page.getByRole('button', { name: /^(Authorize|Autoriser)$/ });
      await authorize.waitFor();
      await authorize.click();
    }

    it('no archive yet, findable once she says so, and back in from two other browsers', async () => {
      const carolBluesky = await net.createAccount('carol');
      const carolMastodon = mastodon.addAccount('carol');
      const danMastodon = mastodon.addAccount('dan');

      // Carol, no archive: links Bluesky and Mastodon, proves X. The question stays unanswered.
      const laptop = await browser.newContext({ locale: 'fr-FR' });
      const carol = await laptop.newPage();
      await carol.goto(`${app.url}/signup`);
      await carol.locator('form[data-testid="link-bluesky"] input').fill(carolBluesky.handle);
      await carol.locator('form[data-testid="link-bluesky"] button[type="submit"]').click();
      await throughPds(carol, carolBluesky.password);
      await carol.waitForURL(`${app.url}/signup?linked=bluesky`);
      mastodon.signedInAccountId = carolMastodon.id;
      await carol.locator('form[data-testid="link-mastodon"] input').fill(mastodon.url);
      await carol.locator('form[data-testid="link-mastodon"] button[type="submit"]').click();
      await carol.waitForURL(`${app.url}/signup?linked=mastodon`);
      await carol.getByTestId('sign-in-x').click();
      await carol.waitForURL(`${app.url}/signup?proven=x`);
      await expect
        .poll(() => carol.getByTestId('discoverable-state').textContent())
        .toBe('Pas encore de réponse');
      await carol.getByTestId('no-archive-yet').waitFor();
      // Every visit reminds her of the archive.
      await carol.getByTestId('archive-reminder').waitFor();
      await shot(carol, 'fr-signup-no-archive');

      // Dan followed Carol on X; he uploads his archive and links Mastodon.
      const phone = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
      const dan = await phone.newPage();
      const spec = { seed: 8102, following: 10, followers: 5 };
      const following = [carolOwner.accountId, ...[...listIds(spec, 'following')].slice(0, 9)];
      const danArchive = await generateArchive(path.join(tmp, 'dan.zip'), {
        ...spec,
        overrides: { 'data/following.js': listFileText('following', 0, following, { layout: 'expanded' }) },
      });
      expect(danArchive.owner.accountId).toBe(danOwner.accountId);
      await dan.goto(`${app.url}/archive`);
      await dan.getByTestId('archive-input').setInputFiles(danArchive.path);
      await dan.getByTestId('archive-done').waitFor({ timeout: 60_000 });
      mastodon.signedInAccountId = danMastodon.id;
      await dan.goto(`${app.url}/signup`);
      await dan.locator('form[data-testid="link-mastodon"] input').fill(mastodon.url);
      await dan.locator('form[data-testid="link-mastodon"] button[type="submit"]').click();
      await dan.waitForURL(`${app.url}/signup?linked=mastodon`);
      // Carol has not answered: nothing of her is shown to Dan.
      await dan.goto(`${app.url}/matches`);
      await dan.locator('h1').waitFor();
      await expect.poll(() => dan.locator('ul.matches li').count()).toBe(0);

      // She says yes, as an act of her own; Dan finds her.
      await carol.getByTestId('discoverable-yes').click();
      await expect
        .poll(() => carol.getByTestId('discoverable-state').textContent())
        .toBe('Oui : on peut vous retrouver');
      await dan.reload();
      await dan.locator('ul.matches li', { hasText: `${carolMastodon.username}@` }).waitFor();
      await shot(dan, 'en-matches-found');

      // A second browser: Sign in with Bluesky on the PDS's pages, the same account.
      const desktop = await browser.newContext({ locale: 'en-GB' });
      const again = await desktop.newPage();
      await again.goto(`${app.url}/signin`);
      await again.locator('form[data-testid="signin-bluesky"] input').fill(carolBluesky.handle);
      await again.locator('form[data-testid="signin-bluesky"] button[type="submit"]').click();
      await throughPds(again, carolBluesky.password);
      await again.waitForURL(`${app.url}/signin?platform=bluesky&signedIn=1`);
      await again.getByTestId('signin-done').waitFor();
      await shot(again, 'en-signed-in-bluesky');
      const idOf = (ctx: BrowserContext) =>
        ctx.request
          .get(`${app.url}/api/session`)
          .then(async (r) => ((await r.json()) as { user: { id: number } }).user.id);
      expect(await idOf(desktop)).toBe(await idOf(laptop));
      await again.goto(`${app.url}/settings`);
      await expect.poll(() => again.locator('[data-testid="sessions"] li').count()).toBe(2);
      await shot(again, 'en-settings-sessions');

      // A third: Sign in with Mastodon, through the instance's authorize step.
      const tablet = await browser.newContext({ locale: 'fr-FR' });
      const third = await tablet.newPage();
      mastodon.signedInAccountId = carolMastodon.id;
      await third.goto(`${app.url}/signin`);
      await third.locator('form[data-testid="signin-mastodon"] input').fill(mastodon.url);
      await third.locator('form[data-testid="signin-mastodon"] button[type="submit"]').click();
      await third.waitForURL(`${app.url}/signin?platform=mastodon&signedIn=1`);
      expect(await idOf(tablet)).toBe(await idOf(laptop));

      // An account linked to nobody opens nothing and makes no user: the page says so.
      const stranger = await browser.newContext({ locale: 'en-GB' });
      const strange = await stranger.newPage();
      const nobody = mastodon.addAccount('nobody');
      mastodon.signedInAccountId = nobody.id;
      await strange.goto(`${app.url}/signin`);
      await strange.locator('form[data-testid="signin-mastodon"] input').fill(mastodon.url);
      await strange.locator('form[data-testid="signin-mastodon"] button[type="submit"]').click();
      await strange.waitForURL(`${app.url}/signin?platform=mastodon&error=SIGNIN_NOT_LINKED`);
      await strange.getByTestId('signin-error').waitFor();
      await shot(strange, 'en-signin-not-linked');

      // From the second browser, "sign out everywhere else": the laptop and the tablet are out.
      await again.reload();
      await expect.poll(() => again.locator('[data-testid="sessions"] li').count()).toBe(3);
      await again.getByTestId('sign-out-others').click();
      await expect.poll(() => again.locator('[data-testid="sessions"] li').count()).toBe(1);
      const userOf = (ctx: BrowserContext) =>
        ctx.request
          .get(`${app.url}/api/session`)
          .then(async (r) => ((await r.json()) as { user: unknown }).user);
      expect(await userOf(laptop)).toBeNull();
      expect(await userOf(tablet)).toBeNull();
      for (const ctx of [laptop, phone, desktop, tablet, stranger]) await ctx.close();
    }, 240_000);
  },
);

// The whole journey of two people who followed each other on X, in a real Chromium against
// `passerelle serve` (its own process, PGlite, web + worker), a real Bluesky PDS and the Mastodon
// test double: each links Bluesky through the PDS's own OAuth pages and Mastodon through the
// instance's authorize step, proves their X account against the local X OAuth server, uploads
// their generated archive through the file input; Alice (in French) turns on automatic mode
// before Bob exists, Bob (in English, on a 360 px phone) presses "reconnect all". Then, on the
// PDS and on the instance, each follows the other exactly once. Screenshots of every step go to
// test-results/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive, listIds, ownerFor } from '../../bench/gen/archive.ts';
import { listFileText, type Owner } from '../../bench/gen/content.ts';
import { type BlueskyNetwork, followRecordCounts } from '../platforms/bluesky-network.ts';
import type { DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import type { ServeProcess } from '../support/serve-process.ts';
import type { XOAuthDouble } from '../support/x-oauth-double/server.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM, hasChromium } from './browser.ts';
import { type Journey, SCREENSHOTS, startJourney } from './journey-server.ts';

interface Person {
  name: string;
  locale: string;
  lang: 'fr' | 'en';
  seed: number;
  owner: Owner;
  archive: string;
  bluesky: { did: string; handle: string; password: string };
  mastodon: DoubleAccount;
}

if (!hasChromium) console.warn(`e2e skipped: no Chromium at ${CHROMIUM}`);

describe.skipIf(!hasChromium)('two people leave X together (Chromium, serve, real PDS)', () => {
  let tmp: string;
  let net: BlueskyNetwork;
  let x: XOAuthDouble;
  let mastodon: MastodonTestDouble;
  let app: ServeProcess;
  let browser: Browser;
  const people: Person[] = [];

  /** An archive whose lists hold the other person's X id among strangers, as an export would. */
  async function archiveFor(seed: number, other: Owner): Promise<string> {
    const spec = { seed, following: 40, followers: 30 };
    const ids = (kind: 'following' | 'follower', n: number) => [
      other.accountId,
      ...[...listIds(spec, kind)].slice(0, n - 1),
    ];
    const style = { layout: 'expanded' as const };
    const generated = await generateArchive(path.join(tmp, `archive-${seed}.zip`), {
      ...spec,
      overrides: {
        'data/following.js': listFileText('following', 0, ids('following', 40), style),
        'data/follower.js': listFileText('follower', 0, ids('follower', 30), style),
      },
    });
    return generated.path;
  }

  let journey: Journey;
  beforeAll(async () => {
    const [aliceOwner, bobOwner] = [ownerFor(7001), ownerFor(7002)];
    journey = await startJourney('journey', { id: aliceOwner.accountId, username: 'alice', name: 'Alice' });
    ({ tmp, net, x, mastodon, app, browser } = journey);
    for (const [name, locale, seed, owner, other] of [
      ['alice', 'fr-FR', 7001, aliceOwner, bobOwner],
      ['bob', 'en-GB', 7002, bobOwner, aliceOwner],
    ] as const) {
      const account = await net.createAccount(name);
      people.push({
        name,
        locale,
        lang: locale.slice(0, 2) as 'fr' | 'en',
        seed,
        owner,
        archive: await archiveFor(seed, other),
        bluesky: { did: account.did, handle: account.handle, password: account.password },
        mastodon: mastodon.addAccount(name),
      });
    }
  }, 180_000);

  afterAll(() => journey?.close());

  /** A screenshot of the step and, on Passerelle's own pages, the WCAG 2.1 AA audit with real data. */
  async function shot(page: Page, person: Person, step: string): Promise<void> {
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${person.lang}-journey-${step}.png`),
      fullPage: true,
    });
    if (page.url().startsWith(app.url)) expect(await axeViolations(page), step).toEqual([]);
  }

  /** Bluesky through the PDS's sign-in and consent pages, X proof, archive upload. */
  async function signUp(page: Page, person: Person): Promise<void> {
    await page.goto(`${app.url}/signup`);
    await page.locator('input[name="handle"]').fill(person.bluesky.handle);
    await page.locator('form[data-testid="link-bluesky"] button[type="submit"]').click();
    await page.waitForURL(`${net.url}/**`);
    const password = page.locator('input[name="password"]');
    await password.fill(person.bluesky.password);
    await shot(page, person, 'bluesky-sign-in');
    await password.press('Enter');
    const authorize = page.getByRole('button', { name: /^(Authorize|Autoriser)$/ });
    await authorize.waitFor();
    await shot(page, person, 'bluesky-consent');
    await authorize.click();
    await page.waitForURL(`${app.url}/signup?linked=bluesky`);
    await expect
      .poll(() => page.locator('.step.done').first().textContent())
      .toContain(person.bluesky.handle);

    mastodon.signedInAccountId = person.mastodon.id;
    await page.locator('input[name="instance"]').fill(mastodon.url);
    await page.locator('form[data-testid="link-mastodon"] button[type="submit"]').click();
    await page.waitForURL(`${app.url}/signup?linked=mastodon`);
    await expect.poll(() => page.locator('.step.done').count()).toBe(2);

    x.user = { id: person.owner.accountId, username: person.name, name: person.owner.displayName };
    await page.getByTestId('sign-in-x').click();
    await page.waitForURL(`${app.url}/signup?proven=x`);
    await expect.poll(() => page.locator('.step.done').count()).toBe(3);
    // The one question sign-up asks: nothing of the person is shown to others until they answer.
    await page.getByTestId('discoverable-yes').click();
    await expect.poll(() => page.locator('.step.done').count()).toBe(4);
    await shot(page, person, 'signup-linked');

    await page.goto(`${app.url}/archive`);
    await page.getByTestId('archive-input').setInputFiles(person.archive);
    await page.getByTestId('archive-done').waitFor({ timeout: 60_000 });
    await shot(page, person, 'archive-done');
  }

  /** The "done" figure of each network's section of the progress page, as the page shows it. */
  async function followsDone(page: Page): Promise<string[]> {
    return page.locator('section.step dl.figures dd:nth-of-type(1)').allTextContents();
  }

  it('each follows the other exactly once on Bluesky and on Mastodon', async () => {
    const [alice, bob] = people as [Person, Person];
    const aliceContext = await browser.newContext({ locale: alice.locale });
    const alicePage = await aliceContext.newPage();
    await signUp(alicePage, alice);
    // Bob is not here yet: nothing to follow; Alice asks Passerelle to keep watching for her.
    await alicePage.goto(`${app.url}/matches`);
    const auto = alicePage.locator('label.choice input[type="checkbox"]');
    await auto.check();
    await expect.poll(() => auto.isChecked()).toBe(true);
    expect(await alicePage.locator('ul.matches li').count()).toBe(0);
    await shot(alicePage, alice, 'matches-empty');

    // Bob signs up on a phone.
    const bobContext = await browser.newContext({
      locale: bob.locale,
      viewport: { width: 360, height: 780 },
      isMobile: true,
      hasTouch: true,
    });
    const bobPage = await bobContext.newPage();
    await signUp(bobPage, bob);
    await bobPage.goto(`${app.url}/matches`);
    for (const handle of [alice.bluesky.handle, `${alice.mastodon.username}@`]) {
      const row = bobPage.locator('ul.matches li', { hasText: handle });
      await row.waitFor();
      expect(await row.textContent()).toContain('You followed each other');
    }
    expect(await bobPage.locator('p.lead').textContent()).toBe(
      '1 of the 40 accounts you followed on X is on Bluesky or Mastodon (2%). Bluesky: 1 · Mastodon: 1',
    );
    await bobPage.getByText('1 of your X followers is here.').waitFor();
    await bobPage.getByRole('button', { name: 'Reconnect all' }).click();
    await bobPage.getByText('2 follows queued').waitFor();
    await shot(bobPage, bob, 'matches-queued');

    // The worker inside `serve` follows for both; the progress pages poll until it is done.
    for (const [page, person] of [
      [bobPage, bob],
      [alicePage, alice],
    ] as const) {
      await page.goto(`${app.url}/progress`);
      await expect.poll(() => followsDone(page), { timeout: 60_000, interval: 1000 }).toEqual(['1', '1']);
      await shot(page, person, 'progress-done');
    }

    // Asking again changes nothing: each follow exists once.
    await bobPage.goto(`${app.url}/matches`);
    await bobPage.getByRole('button', { name: 'Reconnect all' }).click();
    await bobPage
      .getByText('Nothing new to follow: everyone found is already followed, queued or dismissed.')
      .waitFor();
    for (const [who, whom] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const follows = await followRecordCounts(net.url, who.bluesky.did);
      expect(Object.fromEntries(follows)).toEqual({ [whom.bluesky.did]: 1 });
      expect([...mastodon.followingOf(who.mastodon.id)]).toEqual([whom.mastodon.id]);
    }
    await aliceContext.close();
    await bobContext.close();
  }, 240_000);
});

// No formula reaches a spreadsheet: an instance that names an account `=hyperlink(…)` cannot link
// it (Mastodon's address grammar is checked on the way in), and every CSV cell that a
// spreadsheet would run as a formula is made inert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, inertCell } from '../../src/directory/csv.ts';
import { isMastodonAddress } from '../../src/platforms/mastodon/address.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { TestBrowser } from './client.ts';
import { linkMastodon, mastodonLinkingApp } from './mastodon-link.ts';

describe('Mastodon address grammar', () => {
  it('takes what Mastodon allows', () => {
    for (const ok of [
      'alice@mastodon.social',
      '@bob_2@example.org',
      'a.b-c_d@xn--bcher-kva.example',
      'dev@localhost:3000',
    ])
      expect(isMastodonAddress(ok), ok).toBe(true);
  });
  it('refuses everything else', () => {
    for (const bad of [
      '=hyperlink("https://evil.test")@example.org',
      '+cmd@example.org',
      'alice',
      'alice@',
      '@example.org',
      'al ice@example.org',
      'alice.@example.org',
      '.alice@example.org',
      'alice@exa mple.org',
      'alice@-example.org',
      'alice@example.org:99999x',
      'alice@example.org@other.org',
      `${'a'.repeat(101)}@example.org`,
    ])
      expect(isMastodonAddress(bad), bad).toBe(false);
  });
});

describe('CSV cells', () => {
  it('makes a leading = + - @ tab or carriage return inert', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(inertCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(inertCell('alice@example.org')).toBe('alice@example.org');
    expect(csvLine(['=HYPERLINK("http://evil.test","x")', true, false, ''])).toBe(
      `"'=HYPERLINK(""http://evil.test"",""x"")",true,false,`,
    );
    expect(csvLine(['\r=1+1', 'ok'])).toBe(`"'\r=1+1",ok`);
  });
});

let double: MastodonTestDouble;
beforeAll(async () => {
  double = new MastodonTestDouble();
  await double.start();
});
afterAll(() => double.stop());

describeEachDatabase('web: Mastodon names from the instance', (db) => {
  it('refuses to link an account whose name is no Mastodon username', async () => {
    const browser = new TestBrowser(mastodonLinkingApp(db(), ephemeralVault()));
    const userId = await browser.signIn();
    const evil = double.addAccount('=hyperlink("https://evil.test")');
    const back = await linkMastodon(double, browser, evil);
    expect(back.headers.get('location')).toMatch(/^\/signup\?platform=mastodon&error=LINK_FAILED/);
    expect(await db().query('SELECT 1 FROM linked_accounts WHERE user_id = $1', [userId])).toEqual([]);
  });
});

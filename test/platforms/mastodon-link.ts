// Linking a Mastodon-API account in adapter tests: the authorize URL, the double approving as the
// signed-in account, the callback with its code and state — the pages a person goes through.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { LinkIntent } from '../../src/accounts/store.ts';
import type { Database } from '../../src/db/index.ts';
import { MastodonAdapter } from '../../src/platforms/mastodon/adapter.ts';
import {
  completeMastodonLink,
  type MastodonOAuthConfig,
  startMastodonLink,
} from '../../src/platforms/mastodon/oauth.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createUser, TestClock } from '../reconnect/helpers.ts';
import { type DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';

export const vault = ephemeralVault();
export const policy = { allowHttp: true, allowPrivateAddresses: true };
export const config: MastodonOAuthConfig = {
  redirectUri: 'http://127.0.0.1:9/callback/mastodon',
  clientName: 'Passerelle',
  policy,
};

/** The follow engine with the Mastodon adapter alone, on the test's clock. */
export function mastodonEngine(database: Database, clock: TestClock, timeoutMs = 500): FollowEngine {
  return new FollowEngine({
    database,
    vault,
    adapters: [new MastodonAdapter({ policy, timeoutMs, now: () => clock.t })],
    now: clock.now,
    random: () => 0.5,
  });
}

/** The whole sign-in: authorize URL → (the double approves) → callback with code and state. */
export async function link(
  database: Database,
  double: MastodonTestDouble,
  userId: number,
  as: DoubleAccount,
  intent: LinkIntent = 'replace',
) {
  double.signedInAccountId = as.id;
  const { url } = await startMastodonLink(
    database,
    vault,
    { instance: double.url, pending: { userId, sessionId: null, intent } },
    config,
  );
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location') ?? '');
  return completeMastodonLink(
    database,
    vault,
    {
      state: back.searchParams.get('state') ?? '',
      code: back.searchParams.get('code') ?? '',
    },
    config,
  );
}

/** A Mastodon double for the block's tests, and before each test a fresh clock and a new user linked to a new account. */
export interface LinkedMastodonUser {
  double: MastodonTestDouble;
  clock: TestClock;
  me: DoubleAccount;
  userId: number;
  linkedAccountId: number;
}

/** Registers the hooks of LinkedMastodonUser in the calling block; read its fields inside tests. */
export function linkedMastodonUser(db: () => Database): LinkedMastodonUser {
  const s = {} as LinkedMastodonUser;
  beforeAll(async () => {
    s.double = new MastodonTestDouble();
    await s.double.start();
  });
  afterAll(() => s.double.stop());
  beforeEach(async () => {
    s.clock = new TestClock();
    s.double.now = () => s.clock.t;
    s.me = s.double.addAccount(`me${s.double.accounts.size}`);
    s.userId = await createUser(db());
    s.linkedAccountId = (await link(db(), s.double, s.userId, s.me)).linkedAccountId;
  });
  return s;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesForUser } from '../../src/directory/matching.ts';
import {
  ArchiveClaimedElsewhereError,
  ArchiveOwnerMismatchError,
  importArchiveForOwner,
  importArchiveForUser,
} from '../../src/graph/ingest.ts';
import { recordXProof, XAccountAlreadyProvenError } from '../../src/identity/proof.ts';
import {
  beginXSignIn,
  completeXSignIn,
  type XOAuthConfig,
  XSignInError,
  xOAuthConfigFromEnv,
} from '../../src/identity/x-oauth.ts';
import { STRICT_POLICY } from '../../src/net/policy.ts';
import { archive, link, person } from '../directory/fixtures.ts';
import { type LocalServer, localServer } from '../net/local-server.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startXOAuthDouble, type XOAuthDouble, xConfigForDouble } from '../support/x-oauth-double/server.ts';

const BIG_ID = '1234567890123456789'; // beyond 2^53: must survive as a string
const client = {
  clientId: 'passerelle-test',
  clientSecret: 's3cret',
  redirectUri: 'http://127.0.0.1:9/auth/x/callback',
};

let double: XOAuthDouble;
let config: XOAuthConfig;

beforeAll(async () => {
  double = await startXOAuthDouble(client, { id: BIG_ID, username: 'alice', name: 'Alice' });
  config = xConfigForDouble(double, client);
});
afterAll(() => double.close());

/** Plays the browser: follows the authorize URL and returns the callback's query. */
async function consent(url: URL): Promise<URLSearchParams> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}`);
  expect(location.startsWith(client.redirectUri)).toBe(true);
  return new URL(location).searchParams;
}

async function signIn(): Promise<{ id: string; username: string; name: string }> {
  const pending = beginXSignIn(config);
  return completeXSignIn(config, await consent(pending.url), pending);
}

describe('sign in with X (OAuth 2.0 + PKCE against the local double)', () => {
  it('reads the signed-in account id, exactly', async () => {
    const pending = beginXSignIn(config);
    expect(pending.url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(pending.url.searchParams.get('scope')).toBe('users.read tweet.read');
    expect(await completeXSignIn(config, await consent(pending.url), pending)).toEqual({
      id: BIG_ID,
      username: 'alice',
      name: 'Alice',
    });
  });

  it('refuses a callback whose state was not issued here', async () => {
    const pending = beginXSignIn(config);
    const params = await consent(pending.url);
    await expect(completeXSignIn(config, params, { ...pending, state: 'other' })).rejects.toThrow(
      /not started here/,
    );
  });

  it('refuses an exchange with the wrong PKCE verifier, and a code used twice', async () => {
    const pending = beginXSignIn(config);
    const params = await consent(pending.url);
    const wrong = { ...pending, codeVerifier: beginXSignIn(config).codeVerifier };
    await expect(completeXSignIn(config, params, wrong)).rejects.toThrow(/authorization code was invalid/);
    await expect(completeXSignIn(config, params, pending)).rejects.toBeInstanceOf(XSignInError);
  });

  it('says so when the person declines, and when the client secret is wrong', async () => {
    double.decline = true;
    try {
      const pending = beginXSignIn(config);
      await expect(completeXSignIn(config, await consent(pending.url), pending)).rejects.toThrow(/declined/);
    } finally {
      double.decline = false;
    }
    const bad = { ...config, clientSecret: 'nope' };
    const pending = beginXSignIn(bad);
    await expect(completeXSignIn(bad, await consent(pending.url), pending)).rejects.toThrow(
      /unauthorized_client/,
    );
  });
});

describe('sign in with X over the safe fetch', () => {
  // 127.0.0.2 is a loopback address nobody configured: nothing may reach it.
  let elsewhere: LocalServer;
  let redirecting: LocalServer;
  let stalled: LocalServer;
  /** Reached by the name localhost. */
  let named: LocalServer;
  beforeAll(async () => {
    elsewhere = await localServer((_req, res) => res.end('{}'), '127.0.0.2');
    named = await localServer((_req, res) => res.end('{}'));
    redirecting = await localServer((req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}${req.path}` }).end();
    });
    stalled = await localServer(() => {});
  });
  afterAll(async () => {
    for (const server of [elsewhere, redirecting, stalled, named]) await server?.close();
  });

  it('reaches only the configured hosts: production endpoints under the strict policy, a local double by its address', () => {
    const production = xOAuthConfigFromEnv({ X_CLIENT_ID: 'c', X_REDIRECT_URI: 'https://p.example/cb' });
    expect(production?.policy).toEqual({ ...STRICT_POLICY, allowedAddresses: [] });
    expect(config.policy).toEqual({
      ...STRICT_POLICY,
      allowHttp: true,
      allowedAddresses: ['127.0.0.1', '127.0.0.1'],
    });
    expect(() =>
      xOAuthConfigFromEnv({
        X_CLIENT_ID: 'c',
        X_REDIRECT_URI: 'https://p/cb',
        X_TOKEN_URL: 'api.x.com/token',
      }),
    ).toThrow(/X_TOKEN_URL must be an absolute/);
  });

  it('never follows a token endpoint that redirects: the code and the secret go nowhere else', async () => {
    const pending = beginXSignIn(config);
    const params = await consent(pending.url);
    const moved = { ...config, tokenEndpoint: `${redirecting.url}/2/oauth2/token` };
    await expect(completeXSignIn(moved, params, pending)).rejects.toBeInstanceOf(XSignInError);
    expect(redirecting.seen.map((r) => r.method)).toEqual(['POST']);
    expect(elsewhere.seen).toEqual([]);
    redirecting.seen.length = 0;
  });

  it('never follows the account look-up elsewhere', async () => {
    const pending = beginXSignIn(config);
    const params = await consent(pending.url);
    const moved = { ...config, apiBase: redirecting.url };
    await expect(completeXSignIn(moved, params, pending)).rejects.toThrow(/could not be reached/);
    expect(redirecting.seen.map((r) => r.path)).toEqual(['/2/users/me']);
    expect(elsewhere.seen).toEqual([]);
    redirecting.seen.length = 0;
  });

  it('gives up on a token endpoint that never answers', async () => {
    const pending = beginXSignIn(config);
    const params = await consent(pending.url);
    const slow = { ...config, tokenEndpoint: `${stalled.url}/2/oauth2/token`, timeoutMs: 300 };
    await expect(completeXSignIn(slow, params, pending)).rejects.toThrow(/could not be reached/);
    expect(stalled.seen).toHaveLength(1);
  });

  it('refuses an endpoint named by a host that resolves to a local address, unless the development setting is on', async () => {
    const byName = (env: NodeJS.ProcessEnv) =>
      ({
        ...config,
        ...xOAuthConfigFromEnv({
          ...env,
          X_CLIENT_ID: client.clientId,
          X_REDIRECT_URI: client.redirectUri,
          X_TOKEN_URL: `${named.url.replace('127.0.0.1', 'localhost')}/2/oauth2/token`,
        }),
      }) as XOAuthConfig;
    const pending = beginXSignIn(config);
    const params = await consent(pending.url);
    await expect(completeXSignIn(byName({}), params, pending)).rejects.toThrow(/could not be reached/);
    expect(named.seen).toEqual([]);
    // The development setting reaches it (and its answer is no token).
    await expect(
      completeXSignIn(byName({ PASSERELLE_MASTODON_ALLOW_PRIVATE: '1' }), params, pending),
    ).rejects.toThrow(/answered the sign-in unexpectedly/);
    expect(named.seen.map((r) => r.method)).toEqual(['POST']);
  });
});

describeEachDatabase('proof of an X account', (db) => {
  it('signing in creates a proven account (no archive yet), and signs the same person in again', async () => {
    double.user = { id: '5550001', username: 'newcomer', name: 'N' };
    const first = await recordXProof(db(), await signIn());
    expect(first.created).toBe(true);
    const again = await recordXProof(db(), await signIn());
    expect(again).toEqual({ userId: first.userId, created: false });
    const [user] = await db().query<{ x_account_id: string; proven: boolean }>(
      `SELECT x_account_id, x_proven_at IS NOT NULL AS proven FROM users WHERE id = $1`,
      [first.userId],
    );
    expect(user).toEqual({ x_account_id: '5550001', proven: true });
    // Their archive must be theirs.
    await expect(importArchiveForUser(db(), first.userId, archive('5550002', []))).rejects.toBeInstanceOf(
      ArchiveOwnerMismatchError,
    );
    await importArchiveForUser(db(), first.userId, archive('5550001', ['1']));
  });

  it('proving an archive claim points the people who followed them at them; a second prover is refused', async () => {
    double.user = { id: BIG_ID, username: 'alice', name: 'Alice' };
    // She said yes to being found before proving her X account.
    const alice = await person(db(), BIG_ID, { discoverable: true });
    await link(db(), alice, 'bluesky');
    const bob = await person(db(), '77', { following: [BIG_ID] });
    expect(await matchesForUser(db(), bob.userId)).toEqual([]);
    expect(await recordXProof(db(), await signIn(), alice.userId)).toEqual({
      userId: alice.userId,
      created: false,
    });
    expect((await matchesForUser(db(), bob.userId)).map((m) => m.xId)).toEqual([BIG_ID]);
    const other = await person(db(), '78');
    await expect(recordXProof(db(), await signIn(), other.userId)).rejects.toBeInstanceOf(
      XAccountAlreadyProvenError,
    );
    // Signing in without an account lands on the proven one; nobody else may claim its X id.
    await expect(person(db(), BIG_ID)).rejects.toBeInstanceOf(ArchiveClaimedElsewhereError);
    expect((await recordXProof(db(), await signIn())).userId).toBe(alice.userId);
  });

  it('finding 6: an unproven archive never changes the names others see of a proven X account', async () => {
    double.user = { id: '5550010', username: 'real', name: 'Real Name' };
    const owner = await recordXProof(db(), await signIn());
    const names = () =>
      db().query('SELECT username, display_name FROM x_accounts WHERE id = $1', ['5550010']);
    // An operator's import lands in the proven user, but the names stay X's own.
    await importArchiveForOwner(db(), archive('5550010', ['1']));
    expect(await names()).toEqual([{ username: 'real', display_name: 'Real Name' }]);
    // Anyone else's upload of that X id is refused outright.
    const [row] = await db().query<{ id: string }>(`INSERT INTO users DEFAULT VALUES RETURNING id`);
    await expect(importArchiveForUser(db(), Number(row?.id), archive('5550010', []))).rejects.toBeInstanceOf(
      ArchiveClaimedElsewhereError,
    );
    expect(await names()).toEqual([{ username: 'real', display_name: 'Real Name' }]);
    // Before any proof, the archive's names are what there is.
    await importArchiveForOwner(db(), archive('5550011', []));
    expect(await db().query('SELECT username FROM x_accounts WHERE id = $1', ['5550011'])).toEqual([
      { username: 'u5550011' },
    ]);
    expect(owner.created).toBe(true);
  });

  it('finding 5: one X id is one user, whatever writes it', async () => {
    await importArchiveForOwner(db(), archive('5550020', []));
    await expect(db().query(`INSERT INTO users (x_account_id) VALUES ('5550020')`)).rejects.toThrow(
      /users_x_account_id_unique|duplicate key/,
    );
  });
});

// Bluesky OAuth (@atproto/oauth-client-node) against the dev-env PDS: sign-in, sealed state and
// session stores, follows through the OAuth session, and a revoked session pausing the account.

import { JoseKey } from '@atproto/oauth-client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BlueskyAdapter } from '../../src/platforms/bluesky/adapter.ts';
import {
  completeBlueskyOAuth,
  confidentialClientMetadata,
  createBlueskyOAuthClient,
  loopbackClientMetadata,
  oauthPublicDocuments,
  startBlueskyOAuth,
} from '../../src/platforms/bluesky/oauth.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createUser, taskStates } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { dumpDatabase } from '../vault/dump.ts';
import {
  type BlueskyNetwork,
  followRecordCounts,
  startBlueskyNetwork,
  syntheticDids,
} from './bluesky-network.ts';
import { signInHeadless } from './bluesky-oauth-signin.ts';

const vault = ephemeralVault();
let net: BlueskyNetwork;
beforeAll(async () => {
  net = await startBlueskyNetwork();
}, 60_000);
afterAll(() => net?.close());

it('describes the production client: https only, private_key_jwt, metadata and JWKS URLs', () => {
  const meta = confidentialClientMetadata('https://passerelle.example/');
  expect(meta).toMatchObject({
    client_id: 'https://passerelle.example/client-metadata.json',
    jwks_uri: 'https://passerelle.example/jwks.json',
    token_endpoint_auth_method: 'private_key_jwt',
    redirect_uris: ['https://passerelle.example/oauth/bluesky/callback'],
  });
  expect(() => confidentialClientMetadata('http://passerelle.example')).toThrow(/https/);
});

describeEachDatabase('Bluesky OAuth production documents', (db) => {
  it('serves client metadata and a JWKS with public keys only', async () => {
    const key = await JoseKey.generate(['ES256'], 'k1');
    const client = createBlueskyOAuthClient(db(), vault, {
      clientMetadata: confidentialClientMetadata('https://passerelle.example'),
      keyset: [key],
    });
    const docs = oauthPublicDocuments(client);
    expect(docs.clientMetadata).toMatchObject({
      client_id: 'https://passerelle.example/client-metadata.json',
    });
    const jwks = docs.jwks as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: 'k1', kty: 'EC' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});

describeEachDatabase('Bluesky OAuth against a real PDS', (db) => {
  const client = () =>
    createBlueskyOAuthClient(db(), vault, {
      clientMetadata: loopbackClientMetadata('http://127.0.0.1:9/callback'),
      handleResolver: net.url,
      plcDirectoryUrl: net.network.plc.url,
      allowHttp: true,
    });

  it('signs in, keeps OAuth state and session sealed, follows through the session, pauses when it is revoked', async () => {
    const alice = await net.createAccount('oauth');
    const userId = await createUser(db());
    const oauth = client();
    const url = await startBlueskyOAuth(oauth, { userId, handle: alice.handle });
    const params = await signInHeadless(url, alice.handle, alice.password);
    const linked = await completeBlueskyOAuth(db(), vault, oauth, params);
    expect(linked).toMatchObject({ userId, did: alice.did, handle: alice.handle });

    // The session is stored sealed: its tokens are nowhere in a dump.
    const [row] = await db().query<{ value: string }>(
      `SELECT value FROM oauth_store WHERE namespace = 'bsky-oauth-session'`,
    );
    const saved = vault.openJson<{ tokenSet: { access_token: string; refresh_token?: string } }>(
      row?.value ?? '',
      `bsky-oauth-session:${alice.did}`,
    );
    const dump = await dumpDatabase(db());
    expect(dump).not.toContain(saved.tokenSet.access_token);
    if (saved.tokenSet.refresh_token) expect(dump).not.toContain(saved.tokenSet.refresh_token);

    const targets = syntheticDids(30, `o${userId}${db().kind}`);
    await planFollows(
      db(),
      userId,
      'bluesky',
      targets.map((target) => ({ target })),
    );
    const engine = () =>
      new FollowEngine({
        database: db(),
        vault,
        adapters: [new BlueskyAdapter({ oauthClient: client() })],
        budgets: { bluesky: { windows: [], fraction: 1 } },
      });
    await engine().drain();
    expect(await taskStates(db(), userId)).toEqual({ done: 30 });
    expect((await followRecordCounts(net.url, alice.did)).size).toBe(30);

    // Two workers refreshing at once: the lock serialises them, both end with a working session.
    const refreshed = await Promise.all([
      client().restore(alice.did, true),
      client().restore(alice.did, true),
    ]);
    expect(refreshed.map((s) => s.did)).toEqual([alice.did, alice.did]);
    await planFollows(db(), userId, 'bluesky', [
      { target: syntheticDids(1, `r${userId}${db().kind}`)[0] as string },
    ]);
    await engine().drain();
    expect(await taskStates(db(), userId)).toEqual({ done: 31 });

    // The user signs out (tokens revoked at the PDS): the next tasks wait for a new link.
    await (await client().restore(alice.did)).signOut();
    await planFollows(
      db(),
      userId,
      'bluesky',
      syntheticDids(3, `p${userId}${db().kind}`).map((target) => ({ target })),
    );
    await engine().drain();
    expect(await taskStates(db(), userId)).toEqual({ done: 31, pending: 3 });
    const [link] = await db().query<{ status: string }>('SELECT status FROM linked_accounts WHERE id = $1', [
      linked.linkedAccountId,
    ]);
    expect(link?.status).toBe('needs_reauth');
  });
});

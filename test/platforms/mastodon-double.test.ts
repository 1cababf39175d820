// The test double itself must behave as Mastodon documents, or the adapter tests prove nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MastodonTestDouble } from '../support/mastodon-double/server.ts';

describe('Mastodon API test double', () => {
  const double = new MastodonTestDouble({ requestsPer5Min: 3 });
  beforeAll(() => double.start());
  afterAll(() => double.stop());

  async function app() {
    const res = await fetch(`${double.url}/api/v1/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 't',
        redirect_uris: 'http://127.0.0.1/cb',
        scopes: 'read write:follows',
      }),
    });
    return (await res.json()) as { client_id: string; client_secret: string };
  }

  it('requires the PKCE verifier that matches the challenge, and uses a code once', async () => {
    const { client_id, client_secret } = await app();
    double.signedInAccountId = double.addAccount('pk').id;
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = new URL(`${double.url}/oauth/authorize`);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id,
      redirect_uri: 'http://127.0.0.1/cb',
      scope: 'read',
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(k, v);
    const code = new URL(
      (await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '',
    ).searchParams.get('code');
    const token = (code_verifier: string) =>
      fetch(`${double.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: code ?? '',
          client_id,
          client_secret,
          redirect_uri: 'http://127.0.0.1/cb',
          code_verifier,
        }),
      });
    expect((await token('wrong')).status).toBe(400);
    // A failed exchange burns the code, as in Doorkeeper.
    expect((await token(verifier)).status).toBe(400);
  });

  it('refuses client credentials sent only in a Basic header, as GoToSocial does', async () => {
    const { client_id, client_secret } = await app();
    const res = await fetch(`${double.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${client_id}:${client_secret}`)}` },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'c',
        redirect_uri: 'http://127.0.0.1/cb',
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description:
        'Bad Request: client_id was not set in the token request form: client_secret was not set in the token request form',
    });
  });

  it('rate-limits 300 requests per 5 minutes per account with ISO reset headers, then answers 429', async () => {
    const t = double.issueToken(double.addAccount('rl').id);
    const get = () =>
      fetch(`${double.url}/api/v1/accounts/verify_credentials`, {
        headers: { authorization: `Bearer ${t}` },
      });
    const first = await get();
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(first.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await get();
    await get();
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: 'Too many requests' });
  });

  it('rejects a missing or revoked token with 401', async () => {
    expect((await fetch(`${double.url}/api/v1/accounts/verify_credentials`)).status).toBe(401);
  });
});

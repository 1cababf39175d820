// The test double itself must behave as Mastodon documents, or the adapter tests prove nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlavourName, MastodonTestDouble } from '../support/mastodon-double/server.ts';

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

describe('Mastodon API test double, by flavour', () => {
  const doubles: MastodonTestDouble[] = [];
  afterAll(() => Promise.all(doubles.map((d) => d.stop())));
  async function started(flavour: FlavourName, options: { requestsPer5Min?: number } = {}) {
    const d = new MastodonTestDouble({ flavour, ...options });
    doubles.push(d);
    await d.start();
    return d;
  }
  const get = (d: MastodonTestDouble, path: string, token?: string) =>
    fetch(`${d.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('GoToSocial finds an address with a port only with its leading @', async () => {
    const d = await started('gotosocial');
    d.addAccount('far', { domain: 'far.example:8443' });
    const t = d.issueToken(d.addAccount('me').id);
    const search = async (q: string) =>
      (
        (await (await get(d, `/api/v2/search?q=${encodeURIComponent(q)}&resolve=true`, t)).json()) as {
          accounts: unknown[];
        }
      ).accounts.length;
    expect(await search('far@far.example:8443')).toBe(0);
    expect(await search('@far@far.example:8443')).toBe(1);
  });

  it('GoToSocial counts every request of one address against one budget, and makes new accounts locked', async () => {
    const d = await started('gotosocial', { requestsPer5Min: 2 });
    const a = d.issueToken(d.addAccount('a').id);
    const b = d.issueToken(d.addAccount('b').id);
    expect(
      (await get(d, '/api/v1/accounts/verify_credentials', a)).headers.get('x-ratelimit-remaining'),
    ).toBe('1');
    expect(
      (await get(d, '/api/v1/accounts/verify_credentials', b)).headers.get('x-ratelimit-remaining'),
    ).toBe('0');
    expect((await get(d, '/api/v1/accounts/verify_credentials')).status).toBe(429);
    expect(d.addAccount('new').locked).toBe(true);
  });

  it('GoToSocial keeps a next link on the last page of a following list', async () => {
    const d = await started('gotosocial');
    const me = d.addAccount('me');
    d.followingOf(me.id).add(d.addAccount('x').id);
    const t = d.issueToken(me.id);
    const first = await get(d, `/api/v1/accounts/${me.id}/following?limit=80`, t);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    expect(next).not.toBe('');
    const last = await fetch(next, { headers: { authorization: `Bearer ${t}` } });
    expect(await last.json()).toEqual([]);
    expect(last.headers.get('link')).toContain('rel="next"');
  });

  it('GoToSocial refuses client credentials sent only in a Basic header', async () => {
    const d = await started('gotosocial');
    const res = await fetch(`${d.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('id:secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c', redirect_uri: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('client_id was not set in the token request form');
  });

  it('Akkoma answers 429 "Throttled" past its follow limiter, with no rate-limit headers, and uses string ids', async () => {
    const d = await started('akkoma');
    const me = d.addAccount('me');
    const t = d.issueToken(me.id);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const target = d.addAccount(`t${i}`);
      expect(target.id).toMatch(/^[A-Za-z]/);
      const res = await fetch(`${d.url}/api/v1/accounts/${target.id}/follow`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}` },
      });
      expect(res.headers.get('x-ratelimit-remaining')).toBeNull();
      statuses.push(res.status);
      if (res.status === 429) expect(await res.json()).toEqual({ error: 'Throttled' });
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });

  it('a follow of an account on another server stays requested until that server accepts; the owner of a locked one may refuse', async () => {
    const d = await started('mastodon');
    const me = d.addAccount('me');
    const remote = d.addAccount('r', { domain: 'far.example', known: true });
    const locked = d.addAccount('l', { locked: true });
    const t = d.issueToken(me.id);
    for (const target of [remote, locked]) {
      const res = await fetch(`${d.url}/api/v1/accounts/${target.id}/follow`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}` },
      });
      expect(await res.json()).toMatchObject({ following: false, requested: true });
    }
    d.federate();
    d.answerRequest(me.id, locked.id, false);
    const rel = (await (
      await get(d, `/api/v1/accounts/relationships?id[]=${remote.id}&id[]=${locked.id}`, t)
    ).json()) as Array<{ following: boolean; requested: boolean }>;
    expect(rel.map((r) => [r.following, r.requested])).toEqual([
      [true, false],
      [false, false],
    ]);
  });
});

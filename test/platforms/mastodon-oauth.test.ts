// The Mastodon OAuth requests that carry secrets (the token exchange, the revoke) against an
// instance that tries to send them elsewhere. A small scripted instance on 127.0.0.1 plays the
// server; the Mastodon double covers the ordinary journey (mastodon.test.ts).
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { revokeLinkToken } from '../../src/accounts/revoke.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import {
  completeMastodonLink,
  type MastodonOAuthConfig,
  startMastodonLink,
} from '../../src/platforms/mastodon/oauth.ts';
import { createLogger } from '../../src/vault/redact.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { type LocalServer, localServer, type Seen } from '../net/local-server.ts';
import { createUser } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';

const vault = ephemeralVault();
const SECRET = 'app-secret-never-logged';
const TOKEN = 'access-token-never-logged';

type Script = (req: Seen, res: ServerResponse) => void;
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

describeEachDatabase('Mastodon OAuth requests that carry secrets', (db) => {
  let instance: LocalServer;
  let elsewhere: LocalServer;
  let onToken: Script;
  let onRevoke: Script;
  let accounts = 0;
  let logLines: string[];
  let config: MastodonOAuthConfig;

  beforeAll(async () => {
    elsewhere = await localServer((_req, res) => json(res, 200, { access_token: 'x', token_type: 'Bearer' }));
    instance = await localServer((req, res) => {
      if (req.path === '/api/v1/apps') return json(res, 200, { client_id: 'app-id', client_secret: SECRET });
      if (req.path === '/oauth/token') return onToken(req, res);
      if (req.path === '/oauth/revoke') return onRevoke(req, res);
      if (req.path === '/api/v1/accounts/verify_credentials')
        // One account per sign-in: a Mastodon account belongs to one Passerelle user.
        return json(res, 200, {
          id: String(++accounts),
          username: `alice${accounts}`,
          acct: `alice${accounts}`,
        });
      json(res, 404, { error: 'Record not found' });
    });
  });
  afterAll(async () => {
    await Promise.all([instance.close(), elsewhere.close()]);
  });
  beforeEach(() => {
    logLines = [];
    config = {
      redirectUri: 'http://127.0.0.1:9/oauth/mastodon/callback',
      clientName: 'Passerelle',
      policy: DEVELOPMENT_POLICY,
      logger: createLogger({ name: 'test' }, { write: (line: string) => void logLines.push(line) }),
    };
    onToken = (_req, res) => json(res, 200, { access_token: TOKEN, token_type: 'Bearer', scope: 'read' });
    onRevoke = (_req, res) => json(res, 200, {});
    instance.seen.length = 0;
    elsewhere.seen.length = 0;
  });
  const redirectElsewhere: Script = (_req, res) => {
    res.writeHead(307, { location: `${elsewhere.url}/oauth/token` });
    res.end();
  };

  async function signIn() {
    const userId = await createUser(db());
    const { state } = await startMastodonLink(
      db(),
      vault,
      { instance: instance.url, pending: { userId, sessionId: null, intent: 'replace' } },
      config,
    );
    return completeMastodonLink(db(), vault, { state, code: 'the-code' }, config);
  }

  it('sends the client credentials in the form body, never in a Basic header', async () => {
    await signIn();
    const request = instance.seen.find((r) => r.path === '/oauth/token');
    const form = new URLSearchParams(request?.body);
    expect(form.get('client_id')).toBe('app-id');
    expect(form.get('client_secret')).toBe(SECRET);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('the-code');
    expect(form.get('code_verifier')).toMatch(/^[\w-]{43,}$/);
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('never follows a redirect of the token request, and logs the refusal without secrets', async () => {
    onToken = redirectElsewhere;
    await expect(signIn()).rejects.toThrow(/refused the sign-in/);
    expect(elsewhere.seen).toHaveLength(0);
    const logged = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 40,
        instance: instance.url,
        status: 307,
        msg: 'Mastodon token exchange failed',
      }),
    ]);
    for (const secret of [SECRET, 'the-code']) expect(logLines.join('\n')).not.toContain(secret);
  });

  it("logs the instance's status and OAuth error code when it refuses the exchange", async () => {
    onToken = (_req, res) =>
      json(res, 400, { error: 'invalid_grant', error_description: `bad ${SECRET} <script>` });
    await expect(signIn()).rejects.toThrow(/refused the sign-in \(invalid_grant\)/);
    const [entry] = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entry).toMatchObject({ level: 40, instance: instance.url, status: 400, error: 'invalid_grant' });
    expect(logLines.join('\n')).not.toContain(SECRET);
  });

  it('never follows a redirect of the revoke: the token and the client secret stay at the instance', async () => {
    const { linkedAccountId } = await signIn();
    const [row] = await db().query<{
      user_id: number;
      platform: string;
      account_id: string;
      instance: string | null;
      credentials: string | null;
    }>('SELECT user_id, platform, account_id, instance, credentials FROM linked_accounts WHERE id = $1', [
      linkedAccountId,
    ]);
    if (!row) throw new Error('no link');
    onRevoke = redirectElsewhere;
    const links = { vault, mastodon: config };
    expect(await revokeLinkToken(db(), links, { ...row, user_id: Number(row.user_id) })).toBe(false);
    expect(instance.seen.filter((r) => r.path === '/oauth/revoke')).toHaveLength(1);
    expect(elsewhere.seen).toHaveLength(0);
    // The same revoke, answered at the instance, succeeds.
    onRevoke = (_req, res) => json(res, 200, {});
    expect(await revokeLinkToken(db(), links, { ...row, user_id: Number(row.user_id) })).toBe(true);
  });
});

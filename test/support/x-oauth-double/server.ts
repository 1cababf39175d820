// A small, honest test double of X's OAuth 2.0 endpoints, as documented for "Sign in with X":
// GET /i/oauth2/authorize (the consent screen: here the configured user approves or declines),
// POST /2/oauth2/token (authorization_code grant, PKCE S256/plain verified, single-use codes
// valid 30 s, HTTP Basic for confidential clients, client_id in the body for public ones) and
// GET /2/users/me (Bearer token → {"data":{"id","name","username"}}). Nothing else.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type XOAuthConfig, xOAuthConfigFromEnv } from '../../../src/identity/x-oauth.ts';

export interface XUser {
  id: string;
  username: string;
  name: string;
}

export interface XClient {
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
}

interface IssuedCode {
  client: XClient;
  redirectUri: string;
  challenge: string;
  method: string;
  user: XUser;
  scopes: string[];
  expiresAt: number;
}

export interface XOAuthDouble {
  url: string;
  /** Who is "logged in to X" in the browser: approves the consent screen, or declines it. */
  user: XUser;
  decline: boolean;
  close(): Promise<void>;
}

const CODE_TTL_MS = 30_000;

/** Passerelle's Sign in with X configuration pointed at this double, as the environment would set it. */
export function xConfigForDouble(double: XOAuthDouble, client: XClient): XOAuthConfig {
  return xOAuthConfigFromEnv({
    X_CLIENT_ID: client.clientId,
    X_CLIENT_SECRET: client.clientSecret ?? undefined,
    X_REDIRECT_URI: client.redirectUri,
    X_AUTHORIZE_URL: `${double.url}/i/oauth2/authorize`,
    X_TOKEN_URL: `${double.url}/2/oauth2/token`,
    X_API_BASE: double.url,
  }) as XOAuthConfig;
}

export async function startXOAuthDouble(client: XClient, user: XUser): Promise<XOAuthDouble> {
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, { user: XUser; scopes: string[] }>();
  const state: { user: XUser; decline: boolean } = { user, decline: false };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) =>
      json(res, 500, { error: 'server_error', error_description: String(err) }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://double');
    if (req.method === 'GET' && url.pathname === '/i/oauth2/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/2/oauth2/token') return token(req, res);
    if (req.method === 'GET' && url.pathname === '/2/users/me') return usersMe(req, res);
    json(res, 404, { title: 'Not Found Error', status: 404, detail: 'Sorry, that page does not exist.' });
  }

  function authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri');
    // Without a valid client and registered redirect URI X shows an error page, never redirects.
    if (q.get('client_id') !== client.clientId || redirectUri !== client.redirectUri) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('Something went wrong: invalid client or redirect_uri');
      return;
    }
    const back = new URL(redirectUri);
    const st = q.get('state');
    if (st) back.searchParams.set('state', st);
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method') ?? 'plain';
    if (q.get('response_type') !== 'code' || !challenge || !['S256', 'plain'].includes(method) || !st) {
      back.searchParams.set('error', 'invalid_request');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (state.decline) {
      back.searchParams.set('error', 'access_denied');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      client,
      redirectUri,
      challenge,
      method,
      user: state.user,
      scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    back.searchParams.set('code', code);
    res.writeHead(302, { location: back.toString() }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return json(res, 400, {
        error: 'invalid_request',
        error_description: 'Missing required parameter [grant_type].',
      });
    }
    const body = new URLSearchParams(await readBody(req));
    if (!clientAuthenticated(req, body)) {
      return json(res, 401, {
        error: 'unauthorized_client',
        error_description: 'Missing valid authorization header',
      });
    }
    if (body.get('grant_type') !== 'authorization_code') {
      return json(res, 400, {
        error: 'invalid_request',
        error_description: 'Value passed for the grant type was invalid.',
      });
    }
    const code = body.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code); // single use, even when the exchange fails
    const invalidCode = {
      error: 'invalid_request',
      error_description: 'Value passed for the authorization code was invalid.',
    };
    if (!issued || issued.expiresAt < Date.now() || body.get('redirect_uri') !== issued.redirectUri) {
      return json(res, 400, invalidCode);
    }
    const verifier = body.get('code_verifier') ?? '';
    const computed =
      issued.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
    if (!verifier || computed !== issued.challenge) return json(res, 400, invalidCode);
    const accessToken = randomBytes(32).toString('base64url');
    tokens.set(accessToken, { user: issued.user, scopes: issued.scopes });
    json(res, 200, {
      token_type: 'bearer',
      expires_in: 7200,
      access_token: accessToken,
      scope: issued.scopes.join(' '),
    });
  }

  function clientAuthenticated(req: IncomingMessage, body: URLSearchParams): boolean {
    if (client.clientSecret === null) return body.get('client_id') === client.clientId;
    const auth = req.headers.authorization ?? '';
    const expected = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    return auth === `Basic ${expected}`;
  }

  function usersMe(req: IncomingMessage, res: ServerResponse): void {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = bearer ? tokens.get(bearer) : undefined;
    if (!grant) {
      json(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    } else if (!grant.scopes.includes('users.read') || !grant.scopes.includes('tweet.read')) {
      json(res, 403, { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Missing scopes' });
    } else
      json(res, 200, { data: { id: grant.user.id, name: grant.user.name, username: grant.user.username } });
  }

  // Never drop an idle kept-alive socket under a client about to reuse it (ECONNRESET on slow machines).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get user() {
      return state.user;
    },
    set user(u: XUser) {
      state.user = u;
    },
    get decline() {
      return state.decline;
    },
    set decline(d: boolean) {
      state.decline = d;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

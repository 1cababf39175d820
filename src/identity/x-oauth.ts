// Sign in with X: OAuth 2.0 authorization code with PKCE (the authorize URL built by arctic's
// generic client, the code exchanged by oauth4webapi), then GET /2/users/me to read the account
// id. Both requests go through the safe fetch. Endpoints are configurable so tests and staging
// run against a local server. The access token is used once and never stored.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { CodeChallengeMethod, generateCodeVerifier, OAuth2Client } from 'arctic';
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { type NetPolicy, netPolicyFromEnv } from '../net/policy.ts';
import { safeFetch, safeFetchRefusal } from '../net/safe-fetch.ts';
import type { XIdentity } from './proof.ts';

export interface XOAuthConfig {
  clientId: string;
  /** Confidential clients authenticate to the token endpoint with HTTP Basic; public ones send none. */
  clientSecret: string | null;
  redirectUri: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Base of the X API: `${apiBase}/2/users/me`. */
  apiBase: string;
  scopes: string[];
  /** Where the token exchange and the account look-up may connect (see xNetPolicy). */
  policy: NetPolicy;
  /** Each request to X, from connecting to the last byte. */
  timeoutMs?: number;
}

export const X_DEFAULTS = {
  authorizationEndpoint: 'https://x.com/i/oauth2/authorize',
  tokenEndpoint: 'https://api.x.com/2/oauth2/token',
  apiBase: 'https://api.x.com',
  // users.read alone is refused by /2/users/me: X wants tweet.read with it.
  scopes: ['users.read', 'tweet.read'],
};

/** From X_CLIENT_ID, X_CLIENT_SECRET, X_REDIRECT_URI and optional X_AUTHORIZE_URL, X_TOKEN_URL, X_API_BASE. */
export function xOAuthConfigFromEnv(env: NodeJS.ProcessEnv = process.env): XOAuthConfig | null {
  const clientId = env.X_CLIENT_ID?.trim();
  const redirectUri = env.X_REDIRECT_URI?.trim();
  if (!clientId || !redirectUri) return null;
  const tokenEndpoint = env.X_TOKEN_URL?.trim() || X_DEFAULTS.tokenEndpoint;
  const apiBase = env.X_API_BASE?.trim() || X_DEFAULTS.apiBase;
  return {
    clientId,
    clientSecret: env.X_CLIENT_SECRET?.trim() || null,
    redirectUri,
    authorizationEndpoint: env.X_AUTHORIZE_URL?.trim() || X_DEFAULTS.authorizationEndpoint,
    tokenEndpoint,
    apiBase,
    scopes: X_DEFAULTS.scopes,
    policy: xNetPolicy(
      [
        ['X_TOKEN_URL', tokenEndpoint],
        ['X_API_BASE', apiBase],
      ],
      env,
    ),
  };
}

/**
 * X's endpoints are the operator's configuration, so their own hosts are reached as written: an
 * IP literal may be local (a test or staging server), and http is allowed when they are http.
 * Nothing else is: no request to X follows a redirect, and under the strict policy every other
 * private address (a name resolving to one included) stays refused.
 */
export function xNetPolicy(endpoints: Array<[name: string, url: string]>, env: NodeJS.ProcessEnv): NetPolicy {
  const base = netPolicyFromEnv(env);
  const urls = endpoints.map(([name, value]) => {
    try {
      return new URL(value);
    } catch {
      throw new Error(`${name} must be an absolute http(s) URL (got "${value}").`);
    }
  });
  return {
    ...base,
    allowHttp: base.allowHttp || urls.some((url) => url.protocol === 'http:'),
    allowedAddresses: urls
      .map((url) => url.hostname.replace(/^\[|\]$/g, ''))
      .filter((host) => isIP(host) !== 0),
  };
}

/** Every request to X: the safe fetch under the configuration's policy, no redirect followed. */
function xFetch(config: XOAuthConfig): typeof fetch {
  return safeFetch(config.policy, { timeoutMs: config.timeoutMs ?? 15_000, maxRedirects: 0 });
}

export class XSignInError extends Error {
  readonly code = 'X_SIGN_IN';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XSignInError';
  }
}

/** What the web layer keeps (in the session, never in a URL) between the redirect and the callback. */
export interface PendingXSignIn {
  url: URL;
  state: string;
  codeVerifier: string;
}

function client(config: XOAuthConfig): OAuth2Client {
  return new OAuth2Client(config.clientId, config.clientSecret, config.redirectUri);
}

/**
 * The OAuth state, bound to the browser's session: an HMAC (server secret) of a random nonce,
 * which stays in an HttpOnly cookie and never in a URL, and of the session id. Whoever holds
 * the callback URL knows the state but cannot make the cookie, nor use it from another session.
 */
export function boundState(secret: Buffer, nonce: string, sessionId: number | null): string {
  return createHmac('sha256', secret)
    .update(`x-signin\0${nonce}\0${sessionId ?? ''}`)
    .digest('base64url');
}

export function newStateNonce(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a state from the callback URL with the one this browser's nonce and session give. */
export function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function beginXSignIn(config: XOAuthConfig, state: string = newStateNonce()): PendingXSignIn {
  const codeVerifier = generateCodeVerifier();
  const url = client(config).createAuthorizationURLWithPKCE(
    config.authorizationEndpoint,
    state,
    CodeChallengeMethod.S256,
    codeVerifier,
    config.scopes,
  );
  return { url, state, codeVerifier };
}

const usersMe = z.object({
  data: z.object({ id: z.string().regex(/^[0-9]{1,20}$/), username: z.string(), name: z.string() }),
});

/**
 * Handles the callback: checks state, exchanges the code (sending the PKCE verifier), and reads
 * who signed in. Throws XSignInError with a message fit for the person signing in.
 */
export async function completeXSignIn(
  config: XOAuthConfig,
  callback: URLSearchParams,
  pending: { state: string; codeVerifier: string },
): Promise<XIdentity> {
  if (!sameState(callback.get('state') ?? '', pending.state)) {
    throw new XSignInError(
      'This sign-in link has expired or was not started here. Start signing in with X again.',
    );
  }
  const error = callback.get('error');
  if (error) {
    throw new XSignInError(
      error === 'access_denied'
        ? 'You declined to let Passerelle read your X account id, so it cannot be proven. Sign in again and authorise to prove it.'
        : `X refused the sign-in (${error}). Try again in a moment.`,
    );
  }
  const code = callback.get('code');
  if (!code) throw new XSignInError('X sent no authorisation code back. Start signing in with X again.');
  const accessToken = await exchangeCode(config, callback, pending);
  return fetchUsersMe(config, accessToken);
}

/** Why an exchange failed, in words for the person signing in. */
function exchangeFailure(err: unknown): XSignInError {
  if (err instanceof oauth.ResponseBodyError) {
    return new XSignInError(
      `X did not accept the sign-in (${err.error}${err.error_description ? `: ${err.error_description}` : ''}). Start signing in with X again.`,
      { cause: err },
    );
  }
  const unreached =
    safeFetchRefusal(err) !== null ||
    (err instanceof Error &&
      (err.name === 'TimeoutError' || err.name === 'AbortError' || err.message === 'fetch failed'));
  if (unreached) return new XSignInError('X could not be reached. Try again in a moment.', { cause: err });
  return new XSignInError('X answered the sign-in unexpectedly. Try again in a moment.', { cause: err });
}

/**
 * HTTP Basic with the id and secret as X issued them, the form X documents (oauth4webapi's
 * ClientSecretBasic form-encodes them first, a `-` in the id becoming `%2D`).
 */
function xBasic(secret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    headers.set('authorization', `Basic ${Buffer.from(`${client.client_id}:${secret}`).toString('base64')}`);
  };
}

/**
 * Exchanges the code at X's token endpoint (HTTP Basic for a confidential client, client_id in
 * the body for a public one), over the safe fetch: a redirect is never followed, so the code,
 * the verifier and the client secret go nowhere else.
 */
async function exchangeCode(
  config: XOAuthConfig,
  callback: URLSearchParams,
  pending: { state: string; codeVerifier: string },
): Promise<string> {
  const as: oauth.AuthorizationServer = {
    issuer: new URL(config.tokenEndpoint).origin,
    token_endpoint: config.tokenEndpoint,
  };
  const client: oauth.Client = { client_id: config.clientId };
  const authentication = config.clientSecret ? xBasic(config.clientSecret) : oauth.None();
  try {
    const params = oauth.validateAuthResponse(as, client, callback, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      authentication,
      params,
      config.redirectUri,
      pending.codeVerifier,
      { [oauth.customFetch]: xFetch(config), [oauth.allowInsecureRequests]: config.policy.allowHttp },
    );
    return (await oauth.processAuthorizationCodeResponse(as, client, response)).access_token;
  } catch (err) {
    throw exchangeFailure(err);
  }
}

async function fetchUsersMe(config: XOAuthConfig, accessToken: string): Promise<XIdentity> {
  const url = `${config.apiBase.replace(/\/+$/, '')}/2/users/me`;
  let response: Response;
  try {
    response = await xFetch(config)(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
  } catch (err) {
    throw new XSignInError('X could not be reached. Try again in a moment.', { cause: err });
  }
  if (!response.ok)
    throw new XSignInError(`X did not tell who signed in (HTTP ${response.status}). Try again.`);
  const parsed = usersMe.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new XSignInError('X answered with an account this version does not understand.');
  // Text parsing keeps the id a string: X sends it as a JSON string, beyond 2^53.
  return parsed.data.data;
}
